import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_SEVERITIES, type AlertSeverity } from '@trialstream/contracts';
import { PageQuery } from '@trialstream/platform';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateBy } from 'class-validator';
import { isDeliverableUrl } from '../domain/alert-deliveries';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../persistence/alert-delivery.entity';

const DeliverableUrl = () =>
  ValidateBy({
    name: 'deliverableUrl',
    validator: { validate: (value) => typeof value === 'string' && isDeliverableUrl(value), defaultMessage: () => 'url must be https (or http to localhost or 127.0.0.1), without credentials' },
  });

export class SubscribeRequest {
  @ApiProperty({ example: 'https://pv.example.org/hooks/trialstream', description: 'https, or http to localhost or 127.0.0.1 only.' })
  @IsString() @MaxLength(2048) @DeliverableUrl() url: string;

  @ApiPropertyOptional({ example: 'NCT02491658', description: 'The trial whose alerts it takes; none: every trial.' })
  @IsOptional() @IsString() @IsNotEmpty() trialId?: string;

  @ApiPropertyOptional({ enum: ALERT_SEVERITIES, description: 'The mildest severity it takes; none: every alert.' })
  @IsOptional() @IsIn(ALERT_SEVERITIES) minimumSeverity?: AlertSeverity;

  @ApiProperty({ example: 'Pharmacovigilance system of the sponsor' }) @IsString() @IsNotEmpty() @MaxLength(500) description: string;
}

export class DeliveryQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: DeliveryStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() subscriptionId?: string;
}
