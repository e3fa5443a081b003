import type { TrialStatus } from '@trialstream/contracts';
import { referenceTrial } from '../worked-examples.fixtures';
import { researchStudy } from './research-study';

const study = (overrides = {}, enrolled = 4) => researchStudy(referenceTrial(overrides), enrolled).resource as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const state = (status: TrialStatus) => study({ overallStatus: status }).progressStatus?.[0].state.coding[0].code;

describe('the trial as a ResearchStudy', () => {
  it('carries the NCT id, the sponsor protocol number, title, phase, condition and recruitment (worked example: NCT02491658)', () => {
    expect(study()).toEqual({
      resourceType: 'ResearchStudy',
      identifier: [
        { system: 'https://clinicaltrials.gov', value: 'NCT02491658' },
        { system: 'urn:trialstream:org-study-id', value: '307-PV-MSC' },
      ],
      title: 'Safety and Efficacy of UC-MSCs in Patients With Psoriasis Vulgaris',
      status: 'active',
      phase: { coding: [{ system: 'http://hl7.org/fhir/research-study-phase', code: 'phase-1-phase-2' }] },
      condition: [{ text: 'Psoriasis Vulgaris' }],
      progressStatus: [{ state: { coding: [{ system: 'http://hl7.org/fhir/research-study-status', code: 'recruiting' }] }, actual: true }],
      recruitment: { targetNumber: 30, actualNumber: 4 },
    });
  });

  it.each<[TrialStatus, string | undefined, string]>([
    ['NOT_YET_RECRUITING', 'not-yet-recruiting', 'active'],
    ['ENROLLING_BY_INVITATION', 'enrolling-by-invitation', 'active'],
    ['ACTIVE_NOT_RECRUITING', 'active-but-not-recruiting', 'active'],
    ['SUSPENDED', 'temporarily-closed-to-accrual-and-intervention', 'active'],
    ['COMPLETED', 'completed', 'retired'],
    ['TERMINATED', 'terminated', 'retired'],
    ['WITHDRAWN', 'withdrawn', 'retired'],
    ['UNKNOWN', undefined, 'unknown'],
  ])('%s is progress state %s and record status %s', (status, progress, record) => {
    expect(state(status)).toBe(progress);
    expect(study({ overallStatus: status }).status).toBe(record);
  });

  it('names a phase only for a combination R5 has a code for, and a single phase as itself', () => {
    expect(study({ phases: ['PHASE2'] }).phase.coding[0].code).toBe('phase-2');
    expect(study({ phases: ['PHASE3', 'PHASE2'] }).phase.coding[0].code).toBe('phase-2-phase-3');
    expect(study({ phases: ['PHASE1', 'PHASE3'] }).phase).toBeUndefined();
    expect(study({ phases: [] }).phase).toBeUndefined();
  });

  it('a trial known by id and title only has no condition and no target, and its brief title', () => {
    const bare = study({ registryRecord: null, officialTitle: null, orgStudyId: null }, 0);
    expect(bare.title).toBe('Safety and Efficacy of UC-MSCs in Patients With Psoriasis Vulgaris');
    expect(bare.condition).toBeUndefined();
    expect(bare.identifier).toHaveLength(1);
    expect(bare.recruitment).toEqual({ actualNumber: 0 });
  });
});
