import { ApiProperty } from '@nestjs/swagger';
import { EXPEDITED_REPORTS, IsInstant, type ExpeditedReportKind } from '@trialstream/contracts';
import { IsIn, IsNotEmpty, IsString } from 'class-validator';

export class SubmissionRequest {
  @ApiProperty({ enum: EXPEDITED_REPORTS, description: 'INITIAL (7 or 15 days) or COMPLETION (the completed report of a fatal or life-threatening SUSAR).' })
  @IsIn(EXPEDITED_REPORTS)
  report: ExpeditedReportKind;

  @ApiProperty({ example: 'NMPA', description: 'The regulator or committee it went to.' }) @IsString() @IsNotEmpty() recipient: string;
  @ApiProperty({ example: 'NMPA-SUSAR-2015-0042' }) @IsString() @IsNotEmpty() reference: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2015-06-15T09:30:00+08:00' }) @IsInstant() submittedAt: string;
}
