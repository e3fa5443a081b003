import { validatePlain } from '@trialstream/contracts';
import study from '../reference/nct02491658.ctgov.json';
import { CtGovStudyDto } from '../trials/dto/ctgov-study.dto';
import { eligibilityText, registrationFromStudy, type CtGovStudy } from './ctgov-study';

describe('the reference ClinicalTrials.gov record of NCT02491658', () => {
  it('passes import validation, extra registry fields included', () => {
    const withExtras = { ...study, derivedSection: { miscInfoModule: {} }, hasResults: false };
    expect(validatePlain(CtGovStudyDto, withExtras, '', { unknownFields: 'keep' }).violations).toEqual([]);
  });

  it('registers with identity, phases, status and sponsor from the record', () => {
    expect(registrationFromStudy(study as CtGovStudy)).toEqual({
      trialId: 'NCT02491658',
      orgStudyId: '307-PV-MSC',
      briefTitle: 'Safety and Efficacy of UC-MSCs in Patients With Psoriasis Vulgaris',
      officialTitle: 'Safety and Efficacy of UC-MSCs in Patients With Psoriasis Vulgaris',
      phases: ['PHASE1', 'PHASE2'],
      overallStatus: 'UNKNOWN',
      leadSponsor: 'Affiliated Hospital to Academy of Military Medical Sciences',
    });
  });

  it('keeps the free-text eligibility criteria', () => {
    expect(eligibilityText(study as CtGovStudy)).toContain('Baseline Psoriasis Area and Severity Index (PASI) score >= 8');
    expect(eligibilityText(null)).toBeUndefined();
  });
});

describe('import validation', () => {
  it('names each field and rule a record breaks', () => {
    const broken = {
      protocolSection: {
        identificationModule: { nctId: 'NCT2491658', briefTitle: 'x' },
        statusModule: { overallStatus: 'OPEN' },
        designModule: { studyType: 'INTERVENTIONAL', phases: ['PHASE7'] },
        eligibilityModule: { minimumAge: 'eighteen' },
      },
    };
    const fields = validatePlain(CtGovStudyDto, broken, '', { unknownFields: 'keep' }).violations.map((v) => `${v.field} [${v.rule}]`);
    expect(fields).toEqual([
      'protocolSection.identificationModule.nctId [matches]',
      'protocolSection.statusModule.overallStatus [isIn]',
      'protocolSection.designModule.phases [isIn]',
      'protocolSection.eligibilityModule.minimumAge [matches]',
    ]);
  });

  it('requires the identification and status modules', () => {
    const fields = validatePlain(CtGovStudyDto, { protocolSection: {} }, '', { unknownFields: 'keep' }).violations.map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['protocolSection.identificationModule', 'protocolSection.statusModule']));
  });
});
