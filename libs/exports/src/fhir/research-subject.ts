import type { SubjectInfusion, TrialSubject } from '../sources';
import { coded, referenceTo, type BundleEntry, type CodeableConcept } from './resources';
import { researchStudyUrn } from './research-study';
import { SYSTEMS } from './systems';
import { resourceUrn } from './uuids';

export const patientUrn = (trialId: string, subjectId: string) => resourceUrn(trialId, 'Patient', subjectId);

interface Progress {
  type: CodeableConcept;
  subjectState?: CodeableConcept;
  milestone?: CodeableConcept;
  reason?: CodeableConcept;
  startDate: string;
}

const state = (code: string, startDate: string, reason?: string): Progress => ({
  type: coded(SYSTEMS.researchSubjectStateType, 'Enrollment'),
  subjectState: coded(SYSTEMS.researchSubjectState, code),
  ...(reason ? { reason: { text: reason } } : {}),
  startDate,
});
const milestone = (code: string, startDate: string): Progress => ({
  type: coded(SYSTEMS.researchSubjectStateType, 'Milestone'),
  milestone: coded(SYSTEMS.researchSubjectMilestone, code),
  startDate,
});

/**
 * A subject's way through the trial in R5's progress codes, in order: screened (a milestone, and
 * eligible or ineligible), consent signed (SignedUp), on study from enrollment, on study receiving
 * the intervention from the first infusion, withdrawn.
 */
export function subjectProgress(subject: TrialSubject, infusions: SubjectInfusion[] = []): Progress[] {
  const progress = [milestone('Screened', subject.screenedAt), state(subject.eligible ? 'eligible' : 'ineligible', subject.screenedAt)];
  if (subject.consentDate) progress.push(milestone('SignedUp', subject.consentDate));
  if (subject.enrolledAt) progress.push(state('on-study', subject.enrolledAt));
  const first = infusions.map((i) => i.administeredAt).sort()[0];
  if (first) progress.push(state('on-study-intervention', first));
  if (subject.withdrawalDate) progress.push(state('withdrawn', subject.withdrawalDate, subject.withdrawalReason ?? undefined));
  return progress;
}

/**
 * The subject as a pseudonymous Patient, known by the trial's subject id only (no name, birth
 * date or anything else that points at the person), and their ResearchSubject in the study.
 */
export function researchSubject(trialId: string, subject: TrialSubject, infusions: SubjectInfusion[] = []): BundleEntry[] {
  const patient = patientUrn(trialId, subject.subjectId);
  const identifier = [{ system: SYSTEMS.subject(trialId), value: subject.subjectId }];
  return [
    { fullUrl: patient, resource: { resourceType: 'Patient', identifier } },
    {
      fullUrl: resourceUrn(trialId, 'ResearchSubject', subject.subjectId),
      resource: {
        resourceType: 'ResearchSubject',
        identifier,
        status: 'active',
        progress: subjectProgress(subject, infusions),
        study: referenceTo(researchStudyUrn(trialId)),
        subject: referenceTo(patient),
      },
    },
  ];
}
