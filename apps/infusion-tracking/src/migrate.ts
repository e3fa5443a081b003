import 'reflect-metadata';
import { runMigrateCommand } from '@trialstream/platform';
import { INFUSION_TRACKING_MIGRATIONS } from './persistence/migrations';

/** `npm run migrate`: this service's database, created if missing and migrated, without starting the service. */
void runMigrateCommand('infusion-tracking', INFUSION_TRACKING_MIGRATIONS);
