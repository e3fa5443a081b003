import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { ALL_ROLES, Allow, foundOr404, SiteScoped } from '@trialstream/platform';
import { Repository } from 'typeorm';
import { TrialEnrollmentPolicy } from '../persistence/trial-enrollment-policy.entity';

@ApiTags('trials')
@Controller('trials/:trialId/enrollment-policy')
export class EnrollmentPolicyController {
  constructor(@InjectRepository(TrialEnrollmentPolicy) private readonly policies: Repository<TrialEnrollmentPolicy>) {}

  @Allow(...ALL_ROLES)
  @SiteScoped('trial-wide')
  @Get()
  @ApiOkResponse({ description: 'The eligibility rules and enrollment target enrollment applies to the trial.' })
  async get(@Param('trialId') trialId: string) {
    return foundOr404(await this.policies.findOneBy({ trialId }), `enrollment policy of trial ${trialId}`);
  }
}
