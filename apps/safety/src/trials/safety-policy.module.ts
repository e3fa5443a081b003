import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrialSafetyPolicy } from '../persistence/trial-safety-policy.entity';
import { ProtocolVersionPublishedHandler } from './protocol-version-published.handler';
import { SafetyPolicyController } from './safety-policy.controller';

@Module({
  imports: [TypeOrmModule.forFeature([TrialSafetyPolicy])],
  controllers: [SafetyPolicyController, ProtocolVersionPublishedHandler],
})
export class SafetyPolicyModule {}
