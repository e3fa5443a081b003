import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ReportClocks } from './report-clocks.service';
import { SubmissionRequest } from './requests';
import { type Actor, Allow, CurrentActor } from '@trialstream/platform';

@ApiTags('cases')
@Controller('trials/:trialId/cases/:caseId/report-submissions')
export class ReportSubmissionsController {
  constructor(private readonly clocks: ReportClocks) {}

  @Allow('safety-monitor')
  @Post()
  @ApiCreatedResponse({ description: 'The submission is recorded and the report\'s clock stops; ExpeditedReportSubmitted is published.' })
  @ApiConflictResponse({ description: 'No report of that kind is due for the case.' })
  record(@Param('trialId') trialId: string, @Param('caseId') caseId: string, @Body() request: SubmissionRequest, @CurrentActor() actor: Actor) {
    return this.clocks.recordSubmission(trialId, caseId, { ...request, submittedBy: actor.subject });
  }
}
