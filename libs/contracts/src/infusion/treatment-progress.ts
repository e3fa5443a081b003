import { IsInt, Matches, Min } from 'class-validator';
import { IsCalendarDate, type CalendarDate } from '../dates';
import { PSEUDONYMOUS_ID } from '../enrollment/screening';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';

export class InfusionMissedPayload {
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
  @IsInt() @Min(1) protocolVersion: number;
  @IsInt() @Min(1) infusionNumber: number;
  @IsCalendarDate() plannedDate: CalendarDate;
  @IsCalendarDate() windowOpens: CalendarDate;
  /** The last day of the window on the site's calendar; the event follows the end of that day. */
  @IsCalendarDate() windowCloses: CalendarDate;
}

export const InfusionMissed = defineEvent({
  type: 'InfusionMissed',
  version: 1,
  topic: TOPICS.infusionEvents,
  payload: InfusionMissedPayload,
  key: (event) => event.payload.subjectId,
  summary: "An infusion's window closed at the site without an infusion recorded.",
});

export class TreatmentCompletedPayload {
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
  @IsCalendarDate() lastInfusionDate: CalendarDate;
  @IsInt() @Min(1) infusionsGiven: number;
  @IsInt() @Min(1) protocolVersion: number;
}

export const TreatmentCompleted = defineEvent({
  type: 'TreatmentCompleted',
  version: 1,
  topic: TOPICS.infusionEvents,
  payload: TreatmentCompletedPayload,
  key: (event) => event.payload.subjectId,
  summary: "A subject's treatment ended, once: the last infusion of their plan was given, or its window closed unused (infusionsGiven says how many were); follow-up counts from lastInfusionDate.",
});
