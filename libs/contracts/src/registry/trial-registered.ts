import { Type } from 'class-transformer';
import { IsArray, IsNotEmpty, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';
import { ProtocolDefinition } from './protocol';

export class TrialRegisteredPayload {
  /** ClinicalTrials.gov identifier, the trial's id across the platform. */
  @Matches(/^NCT\d{8}$/, { message: 'nctId must look like NCT followed by 8 digits' })
  nctId: string;

  @IsOptional() @IsString() orgStudyId?: string;
  @IsString() @IsNotEmpty() briefTitle: string;
  @IsOptional() @IsString() officialTitle?: string;
  @IsArray() @IsString({ each: true }) phases: string[];
  @IsString() @IsNotEmpty() overallStatus: string;
  @IsOptional() @IsString() leadSponsor?: string;

  /** Absent for trials registered by id and title only: nothing downstream acts on those. */
  @IsOptional() @ValidateNested() @Type(() => ProtocolDefinition) protocol?: ProtocolDefinition;
}

export const TrialRegistered = defineEvent({
  type: 'TrialRegistered',
  version: 1,
  topic: TOPICS.registryEvents,
  payload: TrialRegisteredPayload,
  key: (event) => event.trialId,
  summary: 'A trial entered the registry, with its executable protocol when it has one.',
});
