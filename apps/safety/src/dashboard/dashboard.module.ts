import { Module } from '@nestjs/common';
import { AlertFeed } from './alert-feed';
import { AlertStreamController } from './alert-stream.controller';
import { DashboardPageController } from './dashboard-page.controller';

/** The safety monitor's live view: alerts streamed from the alerts topic, and the page that shows them with the clocks, holds and timelines. */
@Module({
  controllers: [AlertStreamController, DashboardPageController],
  providers: [AlertFeed],
})
export class DashboardModule {}
