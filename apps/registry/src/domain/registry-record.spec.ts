import { TrialRegistered, validatePayload } from '@trialstream/contracts';
import study from '../reference/nct02491658.ctgov.json';
import protocol from '../reference/nct02491658.protocol.json';
import { trialRegistration, type CtGovStudy, type ProtocolDraft } from './registry-record';

describe('trialRegistration of the reference trial NCT02491658', () => {
  const registration = trialRegistration(study as CtGovStudy, protocol as ProtocolDraft);

  it('takes identity, phases, status and sponsor from the ClinicalTrials.gov record', () => {
    expect(registration).toMatchObject({
      nctId: 'NCT02491658',
      orgStudyId: '307-PV-MSC',
      briefTitle: 'Safety and Efficacy of UC-MSCs in Patients With Psoriasis Vulgaris',
      phases: ['PHASE1', 'PHASE2'],
      overallStatus: 'UNKNOWN',
      leadSponsor: 'Affiliated Hospital to Academy of Military Medical Sciences',
    });
  });

  it('keeps the free-text eligibility criteria beside the structured rules', () => {
    expect(registration.protocol?.eligibility.criteriaText).toContain('Baseline Psoriasis Area and Severity Index (PASI) score >= 8');
    expect(registration.protocol?.eligibility).toMatchObject({ age: { minYears: 18, maxYears: 65 }, minimumBaselinePasi: 8 });
  });

  it('carries the protocol: 30 subjects, 6 infusions of 1x10^6 cells/kg on days 0, 7, 14, 21, 35, 49', () => {
    expect(registration.protocol?.enrollmentTarget).toBe(30);
    expect(registration.protocol?.dosing.cellsPerKg).toBe(1_000_000);
    expect(registration.protocol?.infusions.map((i) => i.dayOffset)).toEqual([0, 7, 14, 21, 35, 49]);
  });

  it('meets the TrialRegistered contract', () => {
    expect(validatePayload(TrialRegistered, registration)).toMatchObject({ ok: true });
  });

  it('registers a trial known only by its record without a protocol', () => {
    expect(trialRegistration(study as CtGovStudy).protocol).toBeUndefined();
  });
});
