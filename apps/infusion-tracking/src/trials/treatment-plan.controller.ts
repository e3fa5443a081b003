import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { ALL_ROLES, Allow, foundOr404, SiteScoped } from '@trialstream/platform';
import { Repository } from 'typeorm';
import { TrialTreatmentPlan } from '../persistence/trial-treatment-plan.entity';

@ApiTags('trials')
@Controller('trials/:trialId/treatment-plan')
export class TreatmentPlanController {
  constructor(@InjectRepository(TrialTreatmentPlan) private readonly plans: Repository<TrialTreatmentPlan>) {}

  @Allow(...ALL_ROLES)
  @SiteScoped('trial-wide')
  @Get()
  @ApiOkResponse({ description: 'Dose rule, infusion schedule with visit windows, assessment plan and follow-up of the protocol version in force.' })
  async get(@Param('trialId') trialId: string) {
    return foundOr404(await this.plans.findOneBy({ trialId }), `treatment plan of trial ${trialId}`);
  }
}
