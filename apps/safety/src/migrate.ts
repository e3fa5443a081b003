import 'reflect-metadata';
import { runMigrateCommand } from '@trialstream/platform';
import { SAFETY_MIGRATIONS } from './persistence/migrations';

/** `npm run migrate`: this service's database, created if missing and migrated, without starting the service. */
void runMigrateCommand('safety', SAFETY_MIGRATIONS);
