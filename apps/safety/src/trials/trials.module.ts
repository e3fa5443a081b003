import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrialSafetyPolicy } from '../persistence/trial-safety-policy.entity';
import { ProtocolVersionPublishedHandler } from './protocol-version-published.handler';
import { TrialsController } from './trials.controller';

@Module({
  imports: [TypeOrmModule.forFeature([TrialSafetyPolicy])],
  controllers: [TrialsController, ProtocolVersionPublishedHandler],
})
export class TrialsModule {}
