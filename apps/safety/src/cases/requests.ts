import { ApiPropertyOptional } from '@nestjs/swagger';
import { PSEUDONYMOUS_ID } from '@trialstream/contracts';
import { PageQuery } from '@trialstream/platform';
import { IsOptional, Matches } from 'class-validator';
import { QueryFlag } from '../http-queries';

export class CaseQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(PSEUDONYMOUS_ID) subjectId?: string;
  @QueryFlag('Serious (ICH E2A) or not, by the current version.') serious?: boolean;
  @QueryFlag('SUSAR or not, by the current version.') susar?: boolean;
  @QueryFlag('true: cases with an expedited report due or overdue; false: cases with none.') openClock?: boolean;
}
