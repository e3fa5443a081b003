import { CreateRegistry1764000000100 } from './1764000000100-create-registry';
import { CreateEnrollmentClosure1764000000110 } from './1764000000110-create-enrollment-closure';
import { RenameNctIdToTrialId1764000000120 } from './1764000000120-rename-nct-id-to-trial-id';

/** The service's migrations after the platform's, in order: run at start and by `npm run migrate`. */
export const REGISTRY_MIGRATIONS = [CreateRegistry1764000000100, CreateEnrollmentClosure1764000000110, RenameNctIdToTrialId1764000000120];
