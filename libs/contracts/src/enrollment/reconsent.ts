import { IsInt, IsNotEmpty, IsString, Matches, Min } from 'class-validator';
import { IsCalendarDate, type CalendarDate } from '../dates';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';
import { PSEUDONYMOUS_ID } from './screening';

export class ReconsentRequiredPayload {
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
  /** The protocol version whose consent form the subject has not signed. */
  @IsInt() @Min(1) protocolVersion: number;
  @IsString() @IsNotEmpty() requiredConsentVersion: string;
}

export class SubjectReconsentedPayload {
  @Matches(PSEUDONYMOUS_ID) subjectId: string;
  @IsInt() @Min(1) protocolVersion: number;
  @IsString() @IsNotEmpty() consentVersion: string;
  @IsCalendarDate() consentDate: CalendarDate;
}

export const ReconsentRequired = defineEvent({
  type: 'ReconsentRequired',
  version: 1,
  topic: TOPICS.enrollmentEvents,
  payload: ReconsentRequiredPayload,
  key: (event) => event.payload.subjectId,
  summary: 'A protocol amendment changed the consent form: an enrolled subject owes a re-consent before further infusions.',
});

export const SubjectReconsented = defineEvent({
  type: 'SubjectReconsented',
  version: 1,
  topic: TOPICS.enrollmentEvents,
  payload: SubjectReconsentedPayload,
  key: (event) => event.payload.subjectId,
  summary: 'An enrolled subject signed the consent form of the protocol version in force.',
});
