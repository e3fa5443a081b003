import { IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Matches, Min } from 'class-validator';
import { IsCalendarDate, type CalendarDate } from '../dates';
import { PSEUDONYMOUS_ID } from '../enrollment/screening';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';

export const DEVIATION_KINDS = [
  'DOSE_OUTSIDE_TOLERANCE',
  'OUTSIDE_WINDOW',
  'OUT_OF_ORDER',
  'REPEATED_INFUSION',
  'SUBJECT_WITHDRAWN',
  'UNDER_DOSING_HOLD',
  'RECONSENT_OWED',
  'NOT_IN_PLAN',
] as const;
export type DeviationKind = (typeof DEVIATION_KINDS)[number];

export class ProtocolDeviationRecordedPayload {
  @IsUUID() deviationId: string;
  /** The administration it was found in (InfusionAdministered.administrationId). */
  @IsUUID() administrationId: string;
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
  @IsInt() @Min(1) protocolVersion: number;
  @IsInt() @Min(1) infusionNumber: number;
  @IsIn(DEVIATION_KINDS) kind: DeviationKind;
  /** The protocol's rule with its numbers, e.g. "1000000 cells/kg x 64 kg, within 10 %". */
  @IsString() @IsNotEmpty() rule: string;
  /** What was seen, e.g. "75000000 cells". */
  @IsString() @IsNotEmpty() observed: string;
  /** What the rule allowed, e.g. "57600000 to 70400000 cells". */
  @IsString() @IsNotEmpty() allowed: string;
  /** The day of the infusion at the site. */
  @IsCalendarDate() occurredOn: CalendarDate;
}

export const ProtocolDeviationRecorded = defineEvent({
  type: 'ProtocolDeviationRecorded',
  version: 1,
  topic: TOPICS.infusionEvents,
  payload: ProtocolDeviationRecordedPayload,
  key: (event) => event.payload.subjectId,
  summary: 'An infusion broke a rule of the protocol (dose, window, order, withdrawal, dosing hold, re-consent); it is recorded all the same.',
});
