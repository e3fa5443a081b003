import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-contract';
import { TOPICS } from '../topics';
import { ProtocolDefinition } from './protocol';
import { NCT_ID, NCT_ID_MESSAGE } from './trial-registered';

export class ProtocolVersionPublishedPayload {
  @Matches(NCT_ID, { message: `trialId ${NCT_ID_MESSAGE}` }) trialId: string;
  @IsDefined() @ValidateNested() @Type(() => ProtocolDefinition) protocol: ProtocolDefinition;
  /** Why this version replaces the one before; absent for a trial's first protocol. */
  @IsOptional() @IsString() @IsNotEmpty() amendmentReason?: string;
  @IsString() @IsNotEmpty() publishedBy: string;
}

/** Services act on the highest protocol version they have received for a trial. */
export const ProtocolVersionPublished = defineEvent({
  type: 'ProtocolVersionPublished',
  version: 1,
  topic: TOPICS.registryEvents,
  payload: ProtocolVersionPublishedPayload,
  key: (event) => event.trialId,
  summary: 'A version of a trial\'s executable protocol took effect (the first one, or an amendment).',
});
