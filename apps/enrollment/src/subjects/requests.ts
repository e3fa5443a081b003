import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString } from 'class-validator';

export class ConsentRequest {
  @ApiProperty({ example: '1.0' }) @IsString() @IsNotEmpty() consentVersion: string;
  @ApiProperty({ example: '2015-06-01' }) @IsISO8601({ strict: true }) consentDate: string;
}

export class EnrollRequest {
  @ApiProperty({ example: '2015-06-08' }) @IsISO8601({ strict: true }) plannedFirstInfusionDate: string;
}

export class WithdrawRequest {
  @ApiProperty({ enum: ['SUBJECT', 'INVESTIGATOR'] }) @IsIn(['SUBJECT', 'INVESTIGATOR']) withdrawnBy: 'SUBJECT' | 'INVESTIGATOR';
  @ApiProperty() @IsString() @IsNotEmpty() reason: string;
  @ApiProperty({ example: '2015-07-01' }) @IsISO8601({ strict: true }) withdrawalDate: string;
  @ApiPropertyOptional({ description: 'Who recorded the withdrawal.' }) @IsOptional() @IsString() recordedBy?: string;
}
