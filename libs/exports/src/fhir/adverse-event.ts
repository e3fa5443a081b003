import type { AdverseEventOutcome, AdverseEventReport } from '@trialstream/contracts';
import { currentReport, type SafetyCase } from '../sources';
import { coded, referenceTo, type BundleEntry } from './resources';
import { researchStudyUrn } from './research-study';
import { patientUrn } from './research-subject';
import { SYSTEMS } from './systems';
import { resourceUrn } from './uuids';

/** E2B(R3) E.i.7 outcome codes, which FHIR's outcome (an example binding) may carry as they are. */
export const E2B_OUTCOMES: Record<AdverseEventOutcome, { code: string; display: string }> = {
  RECOVERED: { code: '1', display: 'recovered/resolved' },
  RECOVERING: { code: '2', display: 'recovering/resolving' },
  NOT_RECOVERED: { code: '3', display: 'not recovered/not resolved/ongoing' },
  RECOVERED_WITH_SEQUELAE: { code: '4', display: 'recovered/resolved with sequelae' },
  FATAL: { code: '5', display: 'fatal' },
  UNKNOWN: { code: '0', display: 'unknown' },
};

/** The event is over once it resolved (with or without sequelae) or was fatal; going on while recovering or not; unknown when its outcome is. */
export function adverseEventStatus(outcome: AdverseEventOutcome): 'completed' | 'in-progress' | 'unknown' {
  if (outcome === 'UNKNOWN') return 'unknown';
  return outcome === 'RECOVERING' || outcome === 'NOT_RECOVERED' ? 'in-progress' : 'completed';
}

const CAUSALITY_TEXT = { RELATED: 'related', NOT_RELATED: 'not related' } as const;

/** The event code: its MedDRA code when the report gives one, always the reported term as text. */
function eventCode(report: AdverseEventReport) {
  return { ...(report.meddraCode ? { coding: [{ system: SYSTEMS.meddra, code: report.meddraCode, display: report.term }] } : {}), text: report.term };
}

/**
 * A case, as its current version reports it, as an AdverseEvent of the study's pseudonymous
 * subject, with the reporter as a pseudonymous Practitioner. The investigator's causality is
 * related / not related, which no R5 causality code says, so it is text; the suspect is each
 * investigational product.
 */
export function adverseEvent(found: SafetyCase, products: string[]): BundleEntry[] {
  const report = currentReport(found);
  const reporter = resourceUrn(found.trialId, 'Practitioner', report.reporter);
  const outcome = E2B_OUTCOMES[report.outcome];
  return [
    { fullUrl: reporter, resource: { resourceType: 'Practitioner', identifier: [{ system: SYSTEMS.reporter(found.trialId), value: report.reporter }] } },
    {
      fullUrl: resourceUrn(found.trialId, 'AdverseEvent', found.caseId),
      resource: {
        resourceType: 'AdverseEvent',
        identifier: [{ system: SYSTEMS.adverseEventCase(found.trialId), value: found.caseId }],
        status: adverseEventStatus(report.outcome),
        actuality: 'actual',
        ...(report.eventCategory ? { category: [{ text: report.eventCategory }] } : {}),
        code: eventCode(report),
        subject: referenceTo(patientUrn(found.trialId, found.subjectId)),
        occurrenceDateTime: report.onsetDate,
        detected: report.awareDate,
        recordedDate: found.openedAt,
        recorder: referenceTo(reporter),
        seriousness: coded(SYSTEMS.adverseEventSeriousness, found.serious ? 'serious' : 'non-serious'),
        outcome: [{ ...coded(SYSTEMS.e2bOutcome, outcome.code, outcome.display), text: outcome.display }],
        suspectEntity: products.map((product) => ({
          instanceCodeableConcept: { text: product },
          causality: { entityRelatedness: { text: CAUSALITY_TEXT[report.causality] } },
        })),
        study: [referenceTo(researchStudyUrn(found.trialId))],
      },
    },
  ];
}
