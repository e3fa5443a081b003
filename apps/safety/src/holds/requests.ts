import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HOLD_SCOPES, PSEUDONYMOUS_ID, type HoldScope } from '@trialstream/contracts';
import { PageQuery } from '@trialstream/platform';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';
import { QueryFlag } from '../http-queries';

export class PlaceHoldRequest {
  @ApiProperty({ enum: HOLD_SCOPES }) @IsIn(HOLD_SCOPES) scope: HoldScope;
  @ApiPropertyOptional({ description: 'The subject, for a SUBJECT hold; none for a TRIAL hold.' }) @IsOptional() @Matches(PSEUDONYMOUS_ID) subjectId?: string;
  @ApiProperty({ example: 'DSMB asked to pause dosing while it reviews the liver function tests' }) @IsString() @IsNotEmpty() reason: string;
}

export class LiftHoldRequest {
  @ApiProperty({ example: 'DSMB review of case AE-BJ01-0001 found no safety concern; dosing may resume' }) @IsString() @IsNotEmpty() reason: string;
}

export class HoldQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(PSEUDONYMOUS_ID) subjectId?: string;
  @QueryFlag('true: only holds in place; false: only lifted ones.') inPlace?: boolean;
}
