import { Injectable } from '@nestjs/common';
import { ProtocolVersionPublished, type EventOf, type ProtocolVersionPublishedPayload } from '@trialstream/contracts';
import { saveIfNewerProtocol, type EventHandler } from '@trialstream/platform';
import type { EntityManager } from 'typeorm';
import { enrollmentPolicyFrom } from '../domain/enrollment-policy';
import { TrialEnrollmentPolicy } from '../persistence/trial-enrollment-policy.entity';

@Injectable()
export class ProtocolVersionPublishedHandler implements EventHandler<ProtocolVersionPublishedPayload> {
  readonly contract = ProtocolVersionPublished;

  async handle(event: EventOf<typeof ProtocolVersionPublished>, tx: EntityManager): Promise<void> {
    await saveIfNewerProtocol(tx, TrialEnrollmentPolicy, enrollmentPolicyFrom(event.payload));
  }
}
