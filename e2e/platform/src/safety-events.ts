import { sampleEnvelope } from '@trialstream/testing';

/** Safety's dosing holds as safety puts them on its topic, for tests that play its part. */
export const dosingHold = (event: 'DosingHoldPlaced' | 'DosingHoldLifted', trialId: string, subjectId: string, holdId: string, at: string) =>
  sampleEnvelope(
    event === 'DosingHoldPlaced'
      ? { holdId, scope: 'SUBJECT', subjectId, reason: 'grade 3 infusion reaction under review', placedAt: at, placedBy: 'medical monitor' }
      : { holdId, scope: 'SUBJECT', subjectId, reason: 'reaction reviewed: not product-related', liftedAt: at, liftedBy: 'medical monitor' },
    { type: event, trialId, subjectId, producer: 'safety' },
  );
