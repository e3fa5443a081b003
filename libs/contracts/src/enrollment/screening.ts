import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, Length,
  Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { IsCalendarDate, type CalendarDate } from '../dates';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';

/**
 * What a site submits when it screens a subject. The subject is a pseudonymous id; the birth date
 * is reduced to the age at baseline (or, failing that, the year of birth).
 */
export const PSEUDONYMOUS_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const PASI_REGIONS = ['HEAD', 'UPPER_LIMBS', 'TRUNK', 'LOWER_LIMBS'] as const;

export class PasiRegionScore {
  @IsIn(PASI_REGIONS) region: (typeof PASI_REGIONS)[number];
  @IsInt() @Min(0) @Max(4) erythema: number;
  @IsInt() @Min(0) @Max(4) induration: number;
  @IsInt() @Min(0) @Max(4) desquamation: number;
  /** 0 none, 1 under 10 %, 2 10-29 %, 3 30-49 %, 4 50-69 %, 5 70-89 %, 6 90-100 %. */
  @IsInt() @Min(0) @Max(6) area: number;
}

export class PriorTherapy {
  @IsIn(['SYSTEMIC', 'TOPICAL']) kind: 'SYSTEMIC' | 'TOPICAL';
  @IsString() @IsNotEmpty() name: string;
  @IsCalendarDate() lastDoseDate: CalendarDate;
}

export class TestResult {
  /** HBV, HCV, HIV, PREGNANCY, ... as the protocol names them. */
  @IsString() @IsNotEmpty() test: string;
  @IsIn(['NEGATIVE', 'POSITIVE']) result: 'NEGATIVE' | 'POSITIVE';
  @IsCalendarDate() date: CalendarDate;
}

export class ExclusionAnswer {
  /** An exclusion criterion id of the protocol, e.g. EX-PREGNANCY. */
  @IsString() @IsNotEmpty() criterionId: string;
  @IsBoolean() present: boolean;
}

export class ScreeningData {
  @Matches(PSEUDONYMOUS_ID, { message: 'subjectId must be a pseudonymous id (letters, digits, . _ -; at most 64)' })
  subjectId: string;

  @IsString() @Length(1, 64) siteId: string;
  @IsOptional() @IsInt() @Min(0) @Max(120) ageAtBaseline?: number;
  @IsOptional() @IsInt() @Min(1900) @Max(2100) yearOfBirth?: number;
  @IsIn(['FEMALE', 'MALE']) sex: 'FEMALE' | 'MALE';
  @IsCalendarDate() baselineDate: CalendarDate;
  @IsNumber() @Min(0) @Max(72) baselinePasi: number;
  @IsOptional() @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => PasiRegionScore) pasiComponents?: PasiRegionScore[];
  @IsInt() @Min(0) @Max(30) baselineDlqi: number;
  @IsNumber() @IsPositive() @Max(400) bodyWeightKg: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => PriorTherapy) priorTherapies: PriorTherapy[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => TestResult) testResults: TestResult[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => ExclusionAnswer) exclusionAnswers: ExclusionAnswer[];
}

/** Screening data from a sponsor's or site's system, on the ingress topic. */
export const ScreeningSubmitted = defineEvent({
  type: 'ScreeningSubmitted',
  version: 1,
  topic: TOPICS.sponsorIngress,
  payload: ScreeningData,
  key: (event) => event.payload.subjectId,
  summary: 'A site screened a subject for a trial (sponsor or site system to the platform).',
});
