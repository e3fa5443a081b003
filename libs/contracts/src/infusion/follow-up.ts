import { IsBoolean, IsInt, IsString, Length, Matches, Min } from 'class-validator';
import { IsCalendarDate, type CalendarDate } from '../dates';
import { PSEUDONYMOUS_ID } from '../enrollment/screening';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';

/** A subject's follow-up visit with its window, days on the site's calendar. */
export class FollowUpWindow {
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
  @IsString() @Length(1, 64) siteId: string;
  /** 1 for the first follow-up visit after the last infusion. */
  @IsInt() @Min(1) visitNumber: number;
  @IsCalendarDate() plannedDate: CalendarDate;
  @IsCalendarDate() windowOpens: CalendarDate;
  @IsCalendarDate() windowCloses: CalendarDate;
}

export const FollowUpDue = defineEvent({
  type: 'FollowUpDue',
  version: 1,
  topic: TOPICS.infusionEvents,
  payload: FollowUpWindow,
  key: (event) => event.payload.subjectId,
  summary: "A follow-up visit's window opened at the site: the subject is due to be seen.",
});

export const FollowUpOverdue = defineEvent({
  type: 'FollowUpOverdue',
  version: 1,
  topic: TOPICS.infusionEvents,
  payload: FollowUpWindow,
  key: (event) => event.payload.subjectId,
  summary: "A follow-up visit's window closed with no visit recorded.",
});

/** A follow-up visit as the site reports it. */
export class FollowUpVisitReport {
  @IsInt() @Min(1) visitNumber: number;
  @IsCalendarDate() visitDate: CalendarDate;
}

export class FollowUpVisitSubmittedPayload extends FollowUpVisitReport {
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
}

export const FollowUpVisitSubmitted = defineEvent({
  type: 'FollowUpVisitSubmitted',
  version: 1,
  topic: TOPICS.sponsorIngress,
  payload: FollowUpVisitSubmittedPayload,
  key: (event) => event.payload.subjectId,
  summary: 'A site saw a subject at a follow-up visit (sponsor or site system to the platform).',
});

export class FollowUpVisitRecordedPayload extends FollowUpWindow {
  @IsCalendarDate() visitDate: CalendarDate;
  /** Whether the visit fell inside its window; one outside it is recorded all the same, as a deviation. */
  @IsBoolean() withinWindow: boolean;
}

export const FollowUpVisitRecorded = defineEvent({
  type: 'FollowUpVisitRecorded',
  version: 1,
  topic: TOPICS.infusionEvents,
  payload: FollowUpVisitRecordedPayload,
  key: (event) => event.payload.subjectId,
  summary: 'A follow-up visit took place; it is no longer due and never overdue.',
});
