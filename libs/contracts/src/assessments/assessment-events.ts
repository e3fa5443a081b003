import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, type CalendarDate } from '../dates';
import { PasiRegionScore, PSEUDONYMOUS_ID } from '../enrollment/screening';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';
import { DLQI_BANDS, DLQI_ITEMS, type DlqiBand } from './dlqi';

/** When a subject is assessed after baseline: after an infusion the protocol names, or at a follow-up visit. */
export const ASSESSMENT_TIMEPOINTS = ['AFTER_INFUSION', 'FOLLOW_UP'] as const;
export type AssessmentTimepoint = (typeof ASSESSMENT_TIMEPOINTS)[number];

/** A PASI as the rater gives it: the four region scores, or the total (with its region scores if at hand: they must add up). */
export class PasiAssessment {
  @IsOptional() @IsNumber() @Min(0) @Max(72) total?: number;
  @IsOptional() @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => PasiRegionScore) components?: PasiRegionScore[];
}

/** One answered DLQI question: its number and its score (very much 3, a lot 2, a little 1, not at all or not relevant 0). */
export class DlqiAnswer {
  @IsInt() @Min(1) @Max(DLQI_ITEMS) item: number;
  @IsInt() @Min(0) @Max(3) score: number;
}

export class DlqiAssessment {
  /** The questions answered; a question left out is unanswered. */
  @IsArray() @ArrayMaxSize(DLQI_ITEMS) @ValidateNested({ each: true }) @Type(() => DlqiAnswer) answers: DlqiAnswer[];
}

/** One visit's assessment of a subject: PASI, DLQI or both. */
export class AssessmentData {
  @IsIn(ASSESSMENT_TIMEPOINTS) timepoint: AssessmentTimepoint;
  /** The infusion it follows (AFTER_INFUSION) or the follow-up visit (FOLLOW_UP). */
  @IsInt() @Min(1) visitNumber: number;
  @IsCalendarDate() assessedOn: CalendarDate;
  @IsOptional() @ValidateNested() @Type(() => PasiAssessment) pasi?: PasiAssessment;
  @IsOptional() @ValidateNested() @Type(() => DlqiAssessment) dlqi?: DlqiAssessment;
}

export class AssessmentSubmittedPayload extends AssessmentData {
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
}

/** An assessment from a sponsor's or site's system, on the ingress topic. */
export const AssessmentSubmitted = defineEvent({
  type: 'AssessmentSubmitted',
  version: 1,
  topic: TOPICS.sponsorIngress,
  payload: AssessmentSubmittedPayload,
  key: (event) => event.payload.subjectId,
  summary: 'A site assessed a subject (PASI, DLQI or both) after an infusion or at a follow-up visit (sponsor or site system to the platform).',
});

export class PasiResult {
  @IsNumber() @Min(0) @Max(72) score: number;
  @IsOptional() @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => PasiRegionScore) components?: PasiRegionScore[];
}

export class DlqiResult {
  /** False when two or more questions were unanswered: the questionnaire then has no total. */
  @IsBoolean() scored: boolean;
  @IsOptional() @IsInt() @Min(0) @Max(30) total?: number;
  @IsOptional() @IsIn(DLQI_BANDS) band?: DlqiBand;
  @IsInt() @Min(0) @Max(DLQI_ITEMS) unansweredItems: number;
  @IsArray() @ArrayMaxSize(DLQI_ITEMS) @ValidateNested({ each: true }) @Type(() => DlqiAnswer) answers: DlqiAnswer[];
}

class AssessmentOfSubject {
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
  @IsIn(ASSESSMENT_TIMEPOINTS) timepoint: AssessmentTimepoint;
  @IsInt() @Min(1) visitNumber: number;
  @IsCalendarDate() assessedOn: CalendarDate;
}

export class AssessmentRecordedPayload extends AssessmentOfSubject {
  @IsOptional() @ValidateNested() @Type(() => PasiResult) pasi?: PasiResult;
  @IsOptional() @ValidateNested() @Type(() => DlqiResult) dlqi?: DlqiResult;
}

export const AssessmentRecorded = defineEvent({
  type: 'AssessmentRecorded',
  version: 1,
  topic: TOPICS.infusionEvents,
  payload: AssessmentRecordedPayload,
  key: (event) => event.payload.subjectId,
  summary: "A subject's assessment was recorded with its scores: PASI, and DLQI with its band (or not scored).",
});

export class PasiResponse {
  @IsNumber() @Min(0) @Max(72) baseline: number;
  @IsNumber() @Min(0) @Max(72) current: number;
  /** (baseline - current) / baseline x 100, to one decimal; negative when the skin worsened. */
  @IsNumber() @Max(100) improvementPercent: number;
  @IsBoolean() pasi50: boolean;
  @IsBoolean() pasi75: boolean;
  @IsBoolean() pasi90: boolean;
  @IsBoolean() pasi100: boolean;
}

export class DlqiResponse {
  @IsInt() @Min(0) @Max(30) baseline: number;
  @IsInt() @Min(0) @Max(30) current: number;
  /** baseline - current: positive when the effect on the patient's life lessened. */
  @IsInt() @Min(-30) @Max(30) improvement: number;
  /** Whether the improvement reaches the minimal important difference (4 points). */
  @IsBoolean() minimalImportantDifference: boolean;
}

export class ResponseEvaluatedPayload extends AssessmentOfSubject {
  @IsOptional() @ValidateNested() @Type(() => PasiResponse) pasi?: PasiResponse;
  @IsOptional() @ValidateNested() @Type(() => DlqiResponse) dlqi?: DlqiResponse;
}

export const ResponseEvaluated = defineEvent({
  type: 'ResponseEvaluated',
  version: 1,
  topic: TOPICS.infusionEvents,
  payload: ResponseEvaluatedPayload,
  key: (event) => event.payload.subjectId,
  summary: 'An assessment against the subject\'s baseline: PASI improvement with PASI50/75/90/100, DLQI change and whether it reaches the minimal important difference.',
});
