import { IsIn, IsNotEmpty, IsString, Matches } from 'class-validator';
import { IsInstant } from '../dates';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';
import { NCT_ID, NCT_ID_MESSAGE } from './trial-registered';
import { TRIAL_STATUSES, type TrialStatus } from './trial-status';

export class TrialStatusChangedPayload {
  @Matches(NCT_ID, { message: `trialId ${NCT_ID_MESSAGE}` }) trialId: string;
  @IsIn(TRIAL_STATUSES) from: TrialStatus;
  @IsIn(TRIAL_STATUSES) to: TrialStatus;
  @IsString() @IsNotEmpty() reason: string;
  @IsString() @IsNotEmpty() changedBy: string;
  @IsInstant() changedAt: string;
}

export const TrialStatusChanged = defineEvent({
  type: 'TrialStatusChanged',
  version: 1,
  topic: TOPICS.registryEvents,
  payload: TrialStatusChangedPayload,
  key: (event) => event.trialId,
  summary: 'A trial moved to another overall status, with the reason and who made the change.',
});
