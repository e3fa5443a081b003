import { TRIAL_MIRROR_MIGRATIONS } from '@trialstream/trial-mirror';
import { CreateTrialSafetyPolicy1764000000400 } from './1764000000400-create-trial-safety-policy';
import { AddSafetyPolicySites1764000000410 } from './1764000000410-add-safety-policy-sites';
import { CreateAdverseEventCases1764000000420 } from './1764000000420-create-adverse-event-cases';
import { AuditTrail1764000000430 } from './1764000000430-audit-trail';
import { CreateAlertDeliveries1764000000440 } from './1764000000440-create-alert-deliveries';
import { AddInvestigationalProducts1764000000450 } from './1764000000450-add-investigational-products';
import { CancelDeliveriesOfRemovedSubscriptions1764000000460 } from './1764000000460-cancel-deliveries-of-removed-subscriptions';
import { LinkAlertsToTheirEvents1764000000470 } from './1764000000470-link-alerts-to-their-events';

/** The service's migrations after the platform's, in order: run at start and by `npm run migrate`. */
export const SAFETY_MIGRATIONS = [...TRIAL_MIRROR_MIGRATIONS, CreateTrialSafetyPolicy1764000000400, AddSafetyPolicySites1764000000410, CreateAdverseEventCases1764000000420, AuditTrail1764000000430, CreateAlertDeliveries1764000000440, AddInvestigationalProducts1764000000450, CancelDeliveriesOfRemovedSubscriptions1764000000460, LinkAlertsToTheirEvents1764000000470];
