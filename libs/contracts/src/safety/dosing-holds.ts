import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, ValidateIf } from 'class-validator';
import { IsInstant } from '../dates';
import { PSEUDONYMOUS_ID } from '../enrollment/screening';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';

export const HOLD_SCOPES = ['SUBJECT', 'TRIAL'] as const;
export type HoldScope = (typeof HOLD_SCOPES)[number];

/** A subject's hold is keyed by the subject (in order with their infusions); a trial-wide one by the trial. */
const holdKey = (event: { trialId: string; payload: { scope: HoldScope; subjectId?: string } }) =>
  event.payload.scope === 'SUBJECT' && event.payload.subjectId ? event.payload.subjectId : event.trialId;

export class DosingHoldPlacedPayload {
  @IsUUID() holdId: string;
  @IsIn(HOLD_SCOPES) scope: HoldScope;
  /** Required for a subject's hold. */
  @ValidateIf((hold: DosingHoldPlacedPayload) => hold.scope === 'SUBJECT' || hold.subjectId !== undefined) @Matches(PSEUDONYMOUS_ID) subjectId?: string;
  @IsString() @IsNotEmpty() reason: string;
  /** The stopping rule that placed it, when a rule did. */
  @IsOptional() @IsString() ruleId?: string;
  @IsOptional() @IsString() caseId?: string;
  @IsInstant() placedAt: string;
  @IsString() @IsNotEmpty() placedBy: string;
}

export class DosingHoldLiftedPayload {
  @IsUUID() holdId: string;
  @IsIn(HOLD_SCOPES) scope: HoldScope;
  @ValidateIf((hold: DosingHoldLiftedPayload) => hold.scope === 'SUBJECT' || hold.subjectId !== undefined) @Matches(PSEUDONYMOUS_ID) subjectId?: string;
  @IsString() @IsNotEmpty() reason: string;
  @IsInstant() liftedAt: string;
  @IsString() @IsNotEmpty() liftedBy: string;
}

export const DosingHoldPlaced = defineEvent({
  type: 'DosingHoldPlaced',
  version: 1,
  topic: TOPICS.safetyEvents,
  payload: DosingHoldPlacedPayload,
  key: holdKey,
  summary: "No further infusions for a subject, or trial-wide, until a person lifts the hold; a trial-wide hold suspends the trial.",
});

export const DosingHoldLifted = defineEvent({
  type: 'DosingHoldLifted',
  version: 1,
  topic: TOPICS.safetyEvents,
  payload: DosingHoldLiftedPayload,
  key: holdKey,
  summary: 'A person lifted a dosing hold, saying who and why; infusions may resume.',
});
