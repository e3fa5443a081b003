import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, IsTimeZone,
  Length, Max, Min, Validate, ValidateNested,
} from 'class-validator';
import { IsCalendarDate, type CalendarDate } from '../dates';
import { AssessmentTimepointsRule, InfusionScheduleRule, NotBelowFieldRule, RisingVisitDaysRule } from './protocol-rules';

/**
 * The machine-executable protocol a trial runs on. Every number a protocol chooses (windows,
 * tolerances, visit points, stopping rules) lives here as data, so any trial of this shape runs
 * without code changes.
 */

export const THERAPY_KINDS = ['SYSTEMIC', 'TOPICAL'] as const;
export const SEXES = ['ALL', 'FEMALE', 'MALE'] as const;
export const ASSESSMENT_INSTRUMENTS = ['PASI', 'DLQI'] as const;

export class AgeBounds {
  @IsInt() @Min(0) @Max(120) minYears: number;
  @IsInt() @Min(0) @Max(120) @Validate(NotBelowFieldRule, ['minYears']) maxYears: number;
}

export class WashoutRule {
  @IsString() @IsNotEmpty() id: string;
  @IsIn(THERAPY_KINDS) therapyKind: (typeof THERAPY_KINDS)[number];
  /** Days from the last dose of the therapy to the baseline visit. */
  @IsInt() @Min(0) minDaysBeforeBaseline: number;
}

export class CriterionRef {
  @IsString() @IsNotEmpty() id: string;
  @IsString() @IsNotEmpty() description: string;
}

export class EligibilityRules {
  @IsDefined() @ValidateNested() @Type(() => AgeBounds) age: AgeBounds;
  @IsIn(SEXES) sex: (typeof SEXES)[number];
  @IsNumber() @Min(0) @Max(72) minimumBaselinePasi: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => WashoutRule) washouts: WashoutRule[];
  /** Tests that must be negative at screening, e.g. HBV, HCV, HIV. */
  @IsArray() @IsString({ each: true }) requiredNegativeTests: string[];
  /** How many days before the baseline visit a required test may have been taken; absent: any age. */
  @IsOptional() @IsInt() @Min(0) testResultMaxAgeDays?: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => CriterionRef) exclusions: CriterionRef[];
  /** The registry record's original free text, kept beside the structured form. */
  @IsOptional() @IsString() criteriaText?: string;
}

export class DosingRule {
  @IsNumber() @IsPositive() cellsPerKg: number;
  @IsNumber() @Min(0) @Max(100) tolerancePercent: number;
}

export class PlannedInfusion {
  @IsInt() @Min(1) number: number;
  /** Days from the first infusion. */
  @IsInt() @Min(0) dayOffset: number;
  @IsInt() @Min(0) windowDaysBefore: number;
  @IsInt() @Min(0) windowDaysAfter: number;
}

export class PlannedAssessment {
  @IsIn(ASSESSMENT_INSTRUMENTS) instrument: (typeof ASSESSMENT_INSTRUMENTS)[number];
  /** BASELINE, or AFTER_INFUSION with the infusion number it follows. */
  @IsIn(['BASELINE', 'AFTER_INFUSION']) timepoint: 'BASELINE' | 'AFTER_INFUSION';
  @IsOptional() @IsInt() @Min(1) afterInfusion?: number;
}

export class FollowUpPlan {
  /** Days of follow-up after the last infusion. */
  @IsInt() @IsPositive() durationDays: number;
  /** Visit points in days after the last infusion. */
  @IsArray() @ArrayMinSize(1) @IsInt({ each: true }) @Min(1, { each: true }) @Validate(RisingVisitDaysRule) visitDays: number[];
  @IsInt() @Min(0) windowDays: number;
}

export class StoppingRule {
  @IsString() @IsNotEmpty() id: string;
  @IsIn(['SUBJECT', 'TRIAL']) scope: 'SUBJECT' | 'TRIAL';
  @IsString() @IsNotEmpty() description: string;
  @IsOptional() @IsInt() @Min(1) @Max(5) minGrade?: number;
  @IsOptional() @IsString() eventCategory?: string;
  @IsOptional() @IsInt() @Min(1) relatedSeriousEventCount?: number;
}

export class ExpeditedReporting {
  /** Calendar days from day 0 (sponsor first aware) for a fatal or life-threatening SUSAR. */
  @IsInt() @IsPositive() fatalOrLifeThreateningDays: number;
  /** Further days to complete that report. */
  @IsInt() @IsPositive() completionFollowUpDays: number;
  @IsInt() @IsPositive() otherSusarDays: number;
}

export class SafetyRules {
  @IsArray() @ValidateNested({ each: true }) @Type(() => StoppingRule) stoppingRules: StoppingRule[];
  @IsDefined() @ValidateNested() @Type(() => ExpeditedReporting) expeditedReporting: ExpeditedReporting;
}

export class ArmDefinition {
  @IsString() @IsNotEmpty() label: string;
  @IsString() @IsNotEmpty() type: string;
  @IsArray() @IsString({ each: true }) interventionNames: string[];
}

/** A site taking part, with the time zone of its calendar: "today" at the site is a day there. */
export class TrialSite {
  @IsString() @Length(1, 64) siteId: string;
  @IsOptional() @IsString() name?: string;
  /** An IANA time zone, e.g. Asia/Shanghai. */
  @IsTimeZone() timeZone: string;
}

export class ProtocolDefinition {
  @IsInt() @Min(1) version: number;
  @IsCalendarDate() effectiveDate: CalendarDate;
  /** The sites screening subjects; absent: any site, on UTC's calendar. */
  @IsOptional() @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => TrialSite) sites?: TrialSite[];
  /** Choices the platform made where the protocol is silent, said once, beside the data they chose. */
  @IsOptional() @IsArray() @IsString({ each: true }) assumptions?: string[];
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ArmDefinition) arms: ArmDefinition[];
  @IsInt() @IsPositive() enrollmentTarget: number;
  /** The informed-consent form version subjects must have signed to be enrolled under this protocol. */
  @IsString() @IsNotEmpty() informedConsentVersion: string;
  @IsDefined() @ValidateNested() @Type(() => EligibilityRules) eligibility: EligibilityRules;
  @IsDefined() @ValidateNested() @Type(() => DosingRule) dosing: DosingRule;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => PlannedInfusion) @Validate(InfusionScheduleRule)
  infusions: PlannedInfusion[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => PlannedAssessment) @Validate(AssessmentTimepointsRule)
  assessments: PlannedAssessment[];
  @IsDefined() @ValidateNested() @Type(() => FollowUpPlan) followUp: FollowUpPlan;
  @IsDefined() @ValidateNested() @Type(() => SafetyRules) safety: SafetyRules;
}
