export * from './sources';
export * from './fhir/resources';
export { researchStudy } from './fhir/research-study';
export { researchSubject, subjectProgress } from './fhir/research-subject';
export { adverseEvent, adverseEventStatus } from './fhir/adverse-event';
export { trialBundle, type TrialData } from './fhir/bundle';
export { collectTrialBundle, httpReader, type ServiceEndpoints, type ServiceReader } from './collector';
export { buildIcsr, IcsrNotPossible, type IcsrInput } from './e2b/icsr';
