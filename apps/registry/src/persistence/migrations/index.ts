import { CreateRegistry1764000000100 } from './1764000000100-create-registry';
import { CreateEnrollmentClosure1764000000110 } from './1764000000110-create-enrollment-closure';
import { CreateTrialDosingHold1764000000120 } from './1764000000120-create-trial-dosing-hold';
import { RenameNctIdToTrialId1764000000130 } from './1764000000130-rename-nct-id-to-trial-id';
import { AuditTrail1764000000140 } from './1764000000140-audit-trail';

/** The service's migrations after the platform's, in order: run at start and by `npm run migrate`. */
export const REGISTRY_MIGRATIONS = [CreateRegistry1764000000100, CreateEnrollmentClosure1764000000110, CreateTrialDosingHold1764000000120, RenameNctIdToTrialId1764000000130, AuditTrail1764000000140];
