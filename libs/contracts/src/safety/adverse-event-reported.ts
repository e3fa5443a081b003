import { ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate, type CalendarDate } from '../dates';
import { PSEUDONYMOUS_ID } from '../enrollment/screening';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';

/** ICH E2A: what makes an adverse event serious. Seriousness is not severity (the CTCAE grade). */
export const SERIOUSNESS_CRITERIA = ['DEATH', 'LIFE_THREATENING', 'HOSPITALISATION', 'DISABILITY', 'CONGENITAL_ANOMALY', 'OTHER_MEDICALLY_IMPORTANT'] as const;
export type SeriousnessCriterion = (typeof SERIOUSNESS_CRITERIA)[number];

/** Outcome of the event at the time of the report (the E2B values). */
export const ADVERSE_EVENT_OUTCOMES = ['RECOVERED', 'RECOVERING', 'NOT_RECOVERED', 'RECOVERED_WITH_SEQUELAE', 'FATAL', 'UNKNOWN'] as const;
export type AdverseEventOutcome = (typeof ADVERSE_EVENT_OUTCOMES)[number];

/** The investigator's judgement of a causal relationship to the cell product. */
export const CAUSALITIES = ['RELATED', 'NOT_RELATED'] as const;
export type Causality = (typeof CAUSALITIES)[number];

/** Judged against the reference safety information (the investigator's brochure). */
export const EXPECTEDNESS = ['EXPECTED', 'UNEXPECTED'] as const;
export type Expectedness = (typeof EXPECTEDNESS)[number];

/**
 * One report of an adverse event from a sponsor's or site's system: the first one opens a case,
 * follow-ups (same caseId, new reportId) add versions to it.
 */
export class AdverseEventReport {
  @Matches(PSEUDONYMOUS_ID, { message: 'subjectId must be a pseudonymous id (letters, digits, . _ -; at most 64)' })
  subjectId: string;

  /** The sender's case number: the same on every follow-up of one event. */
  @IsString() @Length(1, 128) caseId: string;
  /** This report; the same report delivered again carries the same id and has one effect. */
  @IsString() @Length(1, 128) reportId: string;
  @IsCalendarDate() onsetDate: CalendarDate;
  /** When the sponsor first had the minimum information about what this report says: day 0 of any expedited-report clock. */
  @IsCalendarDate() awareDate: CalendarDate;
  @IsString() @IsNotEmpty() term: string;
  /** MedDRA lowest-level or preferred term code (8 digits). */
  @IsOptional() @Matches(/^\d{8}$/, { message: 'meddraCode must be an 8-digit MedDRA code' }) meddraCode?: string;
  /** The protocol's event category, as its stopping rules name it (e.g. INFUSION_RELATED_REACTION). */
  @IsOptional() @IsString() @IsNotEmpty() eventCategory?: string;
  /** CTCAE v5: 1 mild, 2 moderate, 3 severe, 4 life-threatening, 5 death. */
  @IsInt() @Min(1) @Max(5) ctcaeGrade: number;
  /** Empty for a non-serious event. */
  @IsArray() @ArrayUnique() @IsIn(SERIOUSNESS_CRITERIA, { each: true }) seriousness: SeriousnessCriterion[];
  @IsIn(ADVERSE_EVENT_OUTCOMES) outcome: AdverseEventOutcome;
  @IsIn(CAUSALITIES) causality: Causality;
  @IsIn(EXPECTEDNESS) expectedness: Expectedness;
  @IsString() @IsNotEmpty() narrative: string;
  @IsString() @IsNotEmpty() reporter: string;
}

export const AdverseEventReported = defineEvent({
  type: 'AdverseEventReported',
  version: 1,
  topic: TOPICS.sponsorIngress,
  payload: AdverseEventReport,
  key: (event) => event.payload.subjectId,
  summary: "A sponsor's or site's system reported an adverse event of a subject, or a follow-up to one (sponsor or site system to the platform).",
});
