import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrialEnrollmentPolicy } from '../persistence/trial-enrollment-policy.entity';
import { EnrollmentPolicies } from './enrollment-policies.service';
import { ProtocolVersionPublishedHandler } from './protocol-version-published.handler';
import { EnrollmentPolicyController } from './enrollment-policy.controller';

@Module({
  imports: [TypeOrmModule.forFeature([TrialEnrollmentPolicy])],
  controllers: [EnrollmentPolicyController, ProtocolVersionPublishedHandler],
  providers: [EnrollmentPolicies],
})
export class EnrollmentPolicyModule {}
