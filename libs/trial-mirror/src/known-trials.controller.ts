import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { foundOr404 } from '@trialstream/platform';
import { KnownTrial } from './known-trial.entity';

@ApiTags('trials')
@Controller('trials')
export class KnownTrialsController {
  constructor(@InjectRepository(KnownTrial) private readonly trials: Repository<KnownTrial>) {}

  @Get(':trialId')
  @ApiOkResponse({ description: "The trial as this service knows it from the registry's events: title and overall status." })
  async get(@Param('trialId') trialId: string) {
    return foundOr404(await this.trials.findOneBy({ trialId }), `trial ${trialId}`);
  }
}
