import { Injectable } from '@nestjs/common';
import { ProtocolVersionPublished, type EventOf, type ProtocolVersionPublishedPayload } from '@trialstream/contracts';
import { saveIfNewerProtocol, type EventHandler } from '@trialstream/platform';
import type { EntityManager } from 'typeorm';
import { safetyPolicyFrom } from '../domain/safety-policy';
import { TrialSafetyPolicy } from '../persistence/trial-safety-policy.entity';

@Injectable()
export class ProtocolVersionPublishedHandler implements EventHandler<ProtocolVersionPublishedPayload> {
  readonly contract = ProtocolVersionPublished;

  async handle(event: EventOf<typeof ProtocolVersionPublished>, tx: EntityManager): Promise<void> {
    await saveIfNewerProtocol(tx, TrialSafetyPolicy, safetyPolicyFrom(event.payload));
  }
}
