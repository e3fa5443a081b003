import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate, type CalendarDate } from '@trialstream/contracts';
import { IsIn, IsNotEmpty, IsString } from 'class-validator';

export class ConsentRequest {
  @ApiProperty({ example: '1.0' }) @IsString() @IsNotEmpty() consentVersion: string;
  @ApiProperty({ type: String, format: 'date', example: '2015-06-01' }) @IsCalendarDate() consentDate: CalendarDate;
}

export class EnrollRequest {
  @ApiProperty({ type: String, format: 'date', example: '2015-06-08' }) @IsCalendarDate() plannedFirstInfusionDate: CalendarDate;
}

export class WithdrawRequest {
  @ApiProperty({ enum: ['SUBJECT', 'INVESTIGATOR'] }) @IsIn(['SUBJECT', 'INVESTIGATOR']) withdrawnBy: 'SUBJECT' | 'INVESTIGATOR';
  @ApiProperty() @IsString() @IsNotEmpty() reason: string;
  @ApiProperty({ type: String, format: 'date', example: '2015-07-01' }) @IsCalendarDate() withdrawalDate: CalendarDate;
}
