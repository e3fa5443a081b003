import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InfusionReport } from '@trialstream/contracts';
import { type Actor, Allow, ApiPageResponse, CurrentActor, type Page, pageOf, PageQuery, pageWindow, RECORD_READERS } from '@trialstream/platform';
import { DataSource } from 'typeorm';
import { InfusionAdministrations } from './infusion-administrations.service';
import { ProtocolDeviationRecord } from './persistence/protocol-deviation.entity';
import { recordedInfusionsOf, type RecordedInfusion } from './recorded-infusion';

@ApiTags('infusions')
@Controller('trials/:trialId')
export class InfusionsController {
  constructor(
    private readonly administrations: InfusionAdministrations,
    private readonly dataSource: DataSource,
  ) {}

  @Allow('sponsor-system', 'site')
  @Post('subjects/:subjectId/infusions')
  @ApiCreatedResponse({
    description: 'Recorded, with any protocol deviation; InfusionAdministered is published, and ProtocolDeviationRecorded, InfusionReactionReported and TreatmentCompleted as they apply.',
  })
  @ApiBadRequestResponse({ description: 'A report that cannot be true: out of range, contradictory, dated after today at the site, or an infusion the plan does not have.' })
  @ApiNotFoundResponse({ description: 'The subject has no planned infusions here.' })
  record(
    @Param('trialId') trialId: string,
    @Param('subjectId') subjectId: string,
    @Body() report: InfusionReport,
    @CurrentActor() actor: Actor,
  ): Promise<RecordedInfusion> {
    return this.administrations.submit(trialId, subjectId, { ...report, recordedBy: actor.subject });
  }

  @Allow(...RECORD_READERS, 'site')
  @Get('subjects/:subjectId/infusions')
  @ApiOkResponse({ description: "The subject's infusions in the order given, each with the dose expected that day and its deviations." })
  list(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string): Promise<RecordedInfusion[]> {
    return recordedInfusionsOf(this.dataSource.manager, trialId, subjectId);
  }

  @Allow(...RECORD_READERS)
  @Get('deviations')
  @ApiPageResponse("The trial's protocol deviations in the order recorded.")
  async deviations(@Param('trialId') trialId: string, @Query() page: PageQuery): Promise<Page<ProtocolDeviationRecord>> {
    const repository = this.dataSource.getRepository(ProtocolDeviationRecord);
    return pageOf(await repository.findAndCount({ where: { trialId }, order: { position: 'ASC' }, ...pageWindow(page) }), page);
  }
}
