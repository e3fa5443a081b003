import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { ALL_ROLES, Allow, foundOr404, SiteScoped } from '@trialstream/platform';
import { Repository } from 'typeorm';
import { TrialSafetyPolicy } from '../persistence/trial-safety-policy.entity';

@ApiTags('trials')
@Controller('trials/:trialId/safety-policy')
export class SafetyPolicyController {
  constructor(@InjectRepository(TrialSafetyPolicy) private readonly policies: Repository<TrialSafetyPolicy>) {}

  @Allow(...ALL_ROLES)
  @SiteScoped('trial-wide')
  @Get()
  @ApiOkResponse({ description: 'Stopping rules and expedited-reporting clocks of the protocol version in force (kept; not yet applied: adverse events are not taken in yet).' })
  async get(@Param('trialId') trialId: string) {
    return foundOr404(await this.policies.findOneBy({ trialId }), `safety policy of trial ${trialId}`);
  }
}
