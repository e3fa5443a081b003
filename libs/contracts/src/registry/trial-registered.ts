import { IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';
import { TRIAL_STATUSES, type TrialStatus } from './trial-status';

export const NCT_ID = /^NCT\d{8}$/;
export const NCT_ID_MESSAGE = 'must look like NCT followed by 8 digits';

export class TrialRegisteredPayload {
  /** ClinicalTrials.gov identifier, the trial's id across the platform. */
  @Matches(NCT_ID, { message: `trialId ${NCT_ID_MESSAGE}` })
  trialId: string;

  @IsOptional() @IsString() orgStudyId?: string;
  @IsString() @IsNotEmpty() briefTitle: string;
  @IsOptional() @IsString() officialTitle?: string;
  @IsArray() @IsString({ each: true }) phases: string[];
  @IsIn(TRIAL_STATUSES) overallStatus: TrialStatus;
  @IsOptional() @IsString() leadSponsor?: string;
}

/** Its protocol, when it has one, follows as ProtocolVersionPublished in the same transaction. */
export const TrialRegistered = defineEvent({
  type: 'TrialRegistered',
  version: 1,
  topic: TOPICS.registryEvents,
  payload: TrialRegisteredPayload,
  key: (event) => event.trialId,
  summary: 'A trial entered the registry (by its ClinicalTrials.gov record, or by id and title only).',
});
