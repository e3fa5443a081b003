import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';
import { NCT_ID, NCT_ID_MESSAGE, ProtocolDefinition, TRIAL_STATUSES, type TrialStatus } from '@trialstream/contracts';

/** A trial known only by its id and title (e.g. a related trial): nothing acts on it until it has a protocol. */
export class RegisterTrialRequest {
  @ApiProperty({ example: 'NCT03745417' })
  @Matches(NCT_ID, { message: `trialId ${NCT_ID_MESSAGE}` })
  trialId: string;

  @ApiProperty() @IsString() @IsNotEmpty() briefTitle: string;

  @ApiPropertyOptional({ enum: TRIAL_STATUSES, default: 'UNKNOWN' })
  @IsOptional() @IsIn(TRIAL_STATUSES)
  overallStatus?: TrialStatus;
}

/** A protocol version as a sponsor submits it; the registry numbers it. */
export class PublishProtocolRequest extends OmitType(ProtocolDefinition, ['version'] as const) {
  @ApiPropertyOptional({ description: 'Required for every version after the first.' })
  @IsOptional() @IsString() @IsNotEmpty()
  amendmentReason?: string;
}

export class ChangeStatusRequest {
  @ApiProperty({ enum: TRIAL_STATUSES }) @IsIn(TRIAL_STATUSES) status: TrialStatus;
  @ApiProperty() @IsString() @IsNotEmpty() reason: string;
}

/** A status change and who decided it: the caller's token, or the service acting on an event. */
export type StatusChange = ChangeStatusRequest & { changedBy: string };
