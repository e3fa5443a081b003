import { IsIn, IsInt, IsNotEmpty, IsString, Length, Matches, Min } from 'class-validator';
import { IsCalendarDate, IsInstant, type CalendarDate } from '../dates';
import { PSEUDONYMOUS_ID } from '../enrollment/screening';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';

/**
 * INITIAL: the expedited report of a SUSAR (7 days for a fatal or life-threatening one, 15 for
 * others). COMPLETION: the completed report of a fatal or life-threatening SUSAR, due some days later.
 */
export const EXPEDITED_REPORTS = ['INITIAL', 'COMPLETION'] as const;
export type ExpeditedReportKind = (typeof EXPEDITED_REPORTS)[number];

export const SUSAR_BASES = ['FATAL_OR_LIFE_THREATENING', 'OTHER_SUSAR'] as const;
export type SusarBasis = (typeof SUSAR_BASES)[number];

const subjectKey = (event: { payload: { subjectId: string } }) => event.payload.subjectId;

/** Which report of which case; every event about an expedited-report clock says it. */
class ExpeditedReportClock {
  @IsString() @Length(1, 128) caseId: string;
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
  @IsIn(EXPEDITED_REPORTS) report: ExpeditedReportKind;
  /** The last day the report is on time. */
  @IsCalendarDate() dueDate: CalendarDate;
}

export class ExpeditedReportDuePayload extends ExpeditedReportClock {
  /** The case version whose classification set this due date. */
  @IsInt() @Min(1) caseVersion: number;
  @IsIn(SUSAR_BASES) basis: SusarBasis;
  /** The day the sponsor first knew it was this kind of SUSAR. */
  @IsCalendarDate() dayZero: CalendarDate;
  /** When the report becomes overdue: the end of the due day at the subject's site. */
  @IsInstant() overdueAt: string;
}

export const ExpeditedReportDue = defineEvent({
  type: 'ExpeditedReportDue',
  version: 1,
  topic: TOPICS.safetyEvents,
  payload: ExpeditedReportDuePayload,
  key: subjectKey,
  summary: 'A case is a SUSAR: an expedited report to regulators and ethics committees is due by a date (its clock started, or moved on a new case version).',
});

export class ExpeditedReportOverduePayload extends ExpeditedReportClock {
  @IsInstant() overdueAt: string;
}

export const ExpeditedReportOverdue = defineEvent({
  type: 'ExpeditedReportOverdue',
  version: 1,
  topic: TOPICS.safetyEvents,
  payload: ExpeditedReportOverduePayload,
  key: subjectKey,
  summary: 'The due day of an expedited report ended at the site and nobody recorded its submission.',
});

export class ExpeditedReportSubmittedPayload extends ExpeditedReportClock {
  /** The regulator or committee it went to, e.g. NMPA, or the ethics committee of a site. */
  @IsString() @IsNotEmpty() recipient: string;
  /** The recipient's or the sender's reference for the submission. */
  @IsString() @IsNotEmpty() reference: string;
  @IsString() @IsNotEmpty() submittedBy: string;
  @IsInstant() submittedAt: string;
}

export const ExpeditedReportSubmitted = defineEvent({
  type: 'ExpeditedReportSubmitted',
  version: 1,
  topic: TOPICS.safetyEvents,
  payload: ExpeditedReportSubmittedPayload,
  key: subjectKey,
  summary: 'A person recorded the submission of an expedited report (to whom, reference, by whom, when); its clock stops.',
});

export class ExpeditedReportWithdrawnPayload extends ExpeditedReportClock {
  /** The case version after which the report is no longer due. */
  @IsInt() @Min(1) caseVersion: number;
  @IsString() @IsNotEmpty() reason: string;
}

export const ExpeditedReportWithdrawn = defineEvent({
  type: 'ExpeditedReportWithdrawn',
  version: 1,
  topic: TOPICS.safetyEvents,
  payload: ExpeditedReportWithdrawnPayload,
  key: subjectKey,
  summary: 'A follow-up made the case no longer a SUSAR (or no longer fatal or life-threatening): the report is no longer due; its clock stops.',
});
