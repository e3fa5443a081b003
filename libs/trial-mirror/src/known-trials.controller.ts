import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ALL_ROLES, Allow, ApiPageResponse, foundOr404, pageOf, PageQuery, pageWindow, SiteScoped } from '@trialstream/platform';
import { KnownTrial } from './known-trial.entity';

/** The trials this service knows; its own part of a trial has a controller and path of its own (e.g. /trials/:trialId/enrollment-policy). */
@ApiTags('trials')
@Controller('trials')
export class KnownTrialsController {
  constructor(@InjectRepository(KnownTrial) private readonly trials: Repository<KnownTrial>) {}

  @Allow(...ALL_ROLES)
  @SiteScoped('trial-wide')
  @Get()
  @ApiPageResponse("Trials this service knows from the registry's events (title and overall status), by id.")
  async list(@Query() page: PageQuery) {
    return pageOf(await this.trials.findAndCount({ order: { trialId: 'ASC' }, ...pageWindow(page) }), page);
  }

  @Allow(...ALL_ROLES)
  @SiteScoped('trial-wide')
  @Get(':trialId')
  @ApiOkResponse({ description: "The trial as this service knows it from the registry's events: title and overall status." })
  async get(@Param('trialId') trialId: string) {
    return foundOr404(await this.trials.findOneBy({ trialId }), `trial ${trialId}`);
  }
}
