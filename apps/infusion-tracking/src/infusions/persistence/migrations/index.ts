import { CreateTreatmentPlanVersion1764000000330 } from './1764000000330-create-treatment-plan-version';
import { AddVisitSiteAndAdministered1764000000331 } from './1764000000331-add-visit-site-and-administered';
import { CreateInfusionAdministration1764000000332 } from './1764000000332-create-infusion-administration';
import { CreateHoldsAndReconsents1764000000333 } from './1764000000333-create-holds-and-reconsents';
import { CreateTreatmentCompletion1764000000480 } from './1764000000480-create-treatment-completion';
import { DeviationNotInPlan1764000000490 } from './1764000000490-deviation-not-in-plan';

/** Administrations' migrations, in order: these before the audit trail's, the later ones after it (INFUSION_TRACKING_MIGRATIONS). */
export const ADMINISTRATION_MIGRATIONS = [
  CreateTreatmentPlanVersion1764000000330,
  AddVisitSiteAndAdministered1764000000331,
  CreateInfusionAdministration1764000000332,
  CreateHoldsAndReconsents1764000000333,
];

export const LATER_ADMINISTRATION_MIGRATIONS = [CreateTreatmentCompletion1764000000480, DeviationNotInPlan1764000000490];
