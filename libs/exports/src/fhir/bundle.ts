import { investigationalProducts, type RegisteredTrial, type SafetyCase, type SubjectInfusion, type TrialSubject } from '../sources';
import { adverseEvent } from './adverse-event';
import { researchStudy } from './research-study';
import { researchSubject } from './research-subject';
import type { Bundle, BundleEntry } from './resources';

export interface TrialData {
  trial: RegisteredTrial;
  subjects: TrialSubject[];
  /** Each subject's infusions, by subject id; a subject without any may be left out. */
  infusions?: Record<string, SubjectInfusion[]>;
  cases: SafetyCase[];
}

/**
 * A trial's data as one FHIR R5 collection Bundle: the ResearchStudy, each subject's Patient and
 * ResearchSubject, each case's AdverseEvent and its reporter. A reporter of several cases is one
 * Practitioner.
 */
export function trialBundle({ trial, subjects, infusions = {}, cases }: TrialData): Bundle {
  const enrolled = subjects.filter((s) => s.enrollmentNumber !== null).length;
  const products = investigationalProducts(trial);
  const entries: BundleEntry[] = [
    researchStudy(trial, enrolled),
    ...subjects.flatMap((s) => researchSubject(trial.trialId, s, infusions[s.subjectId])),
    ...[...cases].sort((a, b) => a.caseId.localeCompare(b.caseId)).flatMap((c) => adverseEvent(c, products)),
  ];
  const unique = [...new Map(entries.map((e) => [e.fullUrl, e])).values()];
  return { resourceType: 'Bundle', type: 'collection', entry: unique };
}
