import { CreateTreatmentPlanVersion1764000000330 } from './1764000000330-create-treatment-plan-version';
import { AddVisitSiteAndAdministered1764000000331 } from './1764000000331-add-visit-site-and-administered';
import { CreateInfusionAdministration1764000000332 } from './1764000000332-create-infusion-administration';
import { CreateHoldsAndReconsents1764000000333 } from './1764000000333-create-holds-and-reconsents';
import { CreateTreatmentCompletion1764000000480 } from './1764000000480-create-treatment-completion';

/** Administrations' migrations, in order; the last after the audit trail's (INFUSION_TRACKING_MIGRATIONS). */
export const ADMINISTRATION_MIGRATIONS = [
  CreateTreatmentPlanVersion1764000000330,
  AddVisitSiteAndAdministered1764000000331,
  CreateInfusionAdministration1764000000332,
  CreateHoldsAndReconsents1764000000333,
];

export const TREATMENT_COMPLETION_MIGRATIONS = [CreateTreatmentCompletion1764000000480];
