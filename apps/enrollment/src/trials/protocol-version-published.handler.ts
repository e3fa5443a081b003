import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ProtocolVersionPublished, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { saveIfNewerProtocol } from '@trialstream/trial-mirror';
import { enrollmentPolicyFrom } from '../domain/enrollment-policy';
import { TrialEnrollmentPolicy } from '../persistence/trial-enrollment-policy.entity';

/** Keeps this service's part of the newest protocol version of each trial. */
@Controller()
export class ProtocolVersionPublishedHandler {
  @HandlesEvent(ProtocolVersionPublished)
  async followProtocol(@Payload() event: EventOf<typeof ProtocolVersionPublished>, @Ctx() context: EventContext): Promise<void> {
    await saveIfNewerProtocol(context.transaction, TrialEnrollmentPolicy, enrollmentPolicyFrom(event.payload));
  }
}
