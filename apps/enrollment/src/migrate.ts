import 'reflect-metadata';
import { runMigrateCommand } from '@trialstream/platform';
import { ENROLLMENT_MIGRATIONS } from './persistence/migrations';

/** `npm run migrate`: this service's database, created if missing and migrated, without starting the service. */
void runMigrateCommand('enrollment', ENROLLMENT_MIGRATIONS);
