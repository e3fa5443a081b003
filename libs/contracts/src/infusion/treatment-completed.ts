import { IsInt, Matches, Min } from 'class-validator';
import { IsCalendarDate, type CalendarDate } from '../dates';
import { PSEUDONYMOUS_ID } from '../enrollment/screening';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';

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
  summary: 'A subject received the last infusion of their course: treatment is complete.',
});
