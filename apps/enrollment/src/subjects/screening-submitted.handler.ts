import { Injectable } from '@nestjs/common';
import { ScreeningSubmitted, type EventOf, type ScreeningData } from '@trialstream/contracts';
import type { EventHandler } from '@trialstream/platform';
import type { EntityManager } from 'typeorm';
import { SubjectEnrollment } from './subject-enrollment.service';

/** Screening data a sponsor or site system published on the ingress topic. */
@Injectable()
export class ScreeningSubmittedHandler implements EventHandler<ScreeningData> {
  readonly contract = ScreeningSubmitted;

  constructor(private readonly enrollment: SubjectEnrollment) {}

  async handle(event: EventOf<typeof ScreeningSubmitted>, tx: EntityManager): Promise<void> {
    await this.enrollment.screenIn(tx, event.trialId, event.payload);
  }
}
