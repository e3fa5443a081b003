import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { foundOr404 } from '@trialstream/platform';
import { Repository } from 'typeorm';
import { TrialRecord } from '../persistence/trial.entity';

@ApiTags('trials')
@Controller('trials')
export class TrialsController {
  constructor(@InjectRepository(TrialRecord) private readonly trials: Repository<TrialRecord>) {}

  @Get()
  @ApiOkResponse({ description: 'Every registered trial, newest first.' })
  list() {
    return this.trials.find({ order: { registeredAt: 'DESC' } });
  }

  @Get(':nctId')
  @ApiOkResponse({ description: 'One trial with its registry record and protocol.' })
  async get(@Param('nctId') nctId: string) {
    return foundOr404(await this.trials.findOneBy({ nctId }), `trial ${nctId}`);
  }
}
