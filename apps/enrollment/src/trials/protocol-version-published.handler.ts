import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ProtocolVersionPublished, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { EnrollmentPolicies } from './enrollment-policies.service';

@Controller()
export class ProtocolVersionPublishedHandler {
  constructor(private readonly policies: EnrollmentPolicies) {}

  @HandlesEvent(ProtocolVersionPublished)
  async followProtocol(@Payload() event: EventOf<typeof ProtocolVersionPublished>, @Ctx() context: EventContext): Promise<void> {
    await this.policies.follow(context.transaction, event.payload);
  }
}
