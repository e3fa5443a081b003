import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrialEnrollmentPolicy } from '../persistence/trial-enrollment-policy.entity';
import { ProtocolVersionPublishedHandler } from './protocol-version-published.handler';
import { TrialsController } from './trials.controller';

@Module({
  imports: [TypeOrmModule.forFeature([TrialEnrollmentPolicy])],
  controllers: [TrialsController, ProtocolVersionPublishedHandler],
})
export class TrialsModule {}
