import { type ScreeningData } from '@trialstream/contracts';
import { sampleEnvelope } from '@trialstream/testing';

const REFERENCE_TRIAL = 'NCT02491658';

export { eligibleScreening } from '@trialstream/testing';

export const screeningEvent = (payload: object) => sampleEnvelope(payload, { type: 'ScreeningSubmitted', trialId: REFERENCE_TRIAL, subjectId: (payload as ScreeningData).subjectId });
