import { IsInt, IsNotEmpty, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate, IsInstant, type CalendarDate } from '../dates';
import { PSEUDONYMOUS_ID } from '../enrollment/screening';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';

/** An immediate reaction to an infusion, as infusion tracking forwards it to safety: an adverse-event report nobody types twice. */
export class InfusionReactionReportedPayload {
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
  @IsString() @Length(1, 64) siteId: string;
  @IsInt() @Min(1) infusionNumber: number;
  @IsInstant() administeredAt: string;
  @IsCalendarDate() onsetDate: CalendarDate;
  /** Day 0 of any expedited-report clock: when the sponsor's platform learned of it. */
  @IsCalendarDate() awareDate: CalendarDate;
  @IsInt() @Min(1) @Max(5) ctcaeGrade: number;
  @IsString() @IsNotEmpty() term: string;
  @IsString() @IsNotEmpty() description: string;
  @IsString() @IsNotEmpty() reporter: string;
}

export const InfusionReactionReported = defineEvent({
  type: 'InfusionReactionReported',
  version: 1,
  topic: TOPICS.infusionEvents,
  payload: InfusionReactionReportedPayload,
  key: (event) => event.payload.subjectId,
  summary: 'A subject reacted to an infusion; safety opens an adverse-event case from it.',
});

