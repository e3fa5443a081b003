import { TRIAL_MIRROR_MIGRATIONS } from '@trialstream/trial-mirror';
import { CreateTrialEnrollmentPolicy1764000000200 } from './1764000000200-create-trial-enrollment-policy';
import { CreateSubject1764000000210 } from './1764000000210-create-subject';
import { AddTrialSites1764000000220 } from './1764000000220-add-trial-sites';
import { AddReconsent1764000000230 } from './1764000000230-add-reconsent';
import { AuditTrail1764000000240 } from './1764000000240-audit-trail';
import { SubjectLz41764000000250 } from './1764000000250-subject-lz4';
import { EnrollmentClosedTopic1764000000260 } from './1764000000260-enrollment-closed-topic';
import { SubjectScreeningJson1764000000270 } from './1764000000270-subject-screening-json';

/** The service's migrations after the platform's, in order: run at start and by `npm run migrate`. */
export const ENROLLMENT_MIGRATIONS = [...TRIAL_MIRROR_MIGRATIONS, CreateTrialEnrollmentPolicy1764000000200, CreateSubject1764000000210, AddTrialSites1764000000220, AddReconsent1764000000230, AuditTrail1764000000240, SubjectLz41764000000250, EnrollmentClosedTopic1764000000260, SubjectScreeningJson1764000000270];
