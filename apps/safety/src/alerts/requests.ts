import { ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_SEVERITIES, PSEUDONYMOUS_ID, SAFETY_ALERT_KINDS, type AlertSeverity, type SafetyAlertKind } from '@trialstream/contracts';
import { PageQuery } from '@trialstream/platform';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { QueryFlag } from '../http-queries';

/** Who reads alerts: the list and the live stream. */
export const ALERT_READERS = ['safety-monitor', 'dsmb', 'data-manager'] as const;

export class AlertQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SAFETY_ALERT_KINDS }) @IsOptional() @IsIn(SAFETY_ALERT_KINDS) kind?: SafetyAlertKind;
  @ApiPropertyOptional({ enum: ALERT_SEVERITIES }) @IsOptional() @IsIn(ALERT_SEVERITIES) severity?: AlertSeverity;
  @ApiPropertyOptional() @IsOptional() @Matches(PSEUDONYMOUS_ID) subjectId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() caseId?: string;
  @QueryFlag('true: only acknowledged alerts; false: only those nobody has acknowledged yet.') acknowledged?: boolean;
}
