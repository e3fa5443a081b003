import { TRIAL_MIRROR_MIGRATIONS } from '@trialstream/trial-mirror';
import { ADMINISTRATION_MIGRATIONS, LATER_ADMINISTRATION_MIGRATIONS } from '../../infusions/persistence/migrations';
import { CreateTrialTreatmentPlan1764000000300 } from './1764000000300-create-trial-treatment-plan';
import { CreateSubjectVisit1764000000310 } from './1764000000310-create-subject-visit';
import { CreateSubjectWithdrawal1764000000320 } from './1764000000320-create-subject-withdrawal';
import { AddTreatmentPlanSites1764000000350 } from './1764000000350-add-treatment-plan-sites';
import { AuditTrail1764000000360 } from './1764000000360-audit-trail';
import { CreateAssessments1764000000356 } from '../../assessments/persistence/1764000000356-create-assessments';
import { CreateFollowUpVisit1764000000354 } from '../../follow-up/persistence/1764000000354-create-follow-up-visit';
import { CreateSubjectVisitPlan1764000000352 } from '../../visit-plans/persistence/1764000000352-create-subject-visit-plan';

/** The service's migrations after the platform's, in order: run at start and by `npm run migrate`. */
export const INFUSION_TRACKING_MIGRATIONS = [
  ...TRIAL_MIRROR_MIGRATIONS,
  CreateTrialTreatmentPlan1764000000300,
  CreateSubjectVisit1764000000310,
  CreateSubjectWithdrawal1764000000320,
  ...ADMINISTRATION_MIGRATIONS,
  AddTreatmentPlanSites1764000000350,
  CreateSubjectVisitPlan1764000000352,
  CreateFollowUpVisit1764000000354,
  CreateAssessments1764000000356,
  AuditTrail1764000000360,
  ...LATER_ADMINISTRATION_MIGRATIONS,
];
