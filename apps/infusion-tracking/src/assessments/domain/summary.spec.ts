import type { PlannedAssessment } from '@trialstream/contracts';
import { dueAfterTreatment } from './assessments-due';
import { dlqiResponse, pasiResponse } from './response';
import { summarize, type RecordedInstrument } from './summary';

describe('dueAfterTreatment', () => {
  it('makes due each assessment the plan names after an infusion, by infusion, and not the baseline ones', () => {
    const planned: PlannedAssessment[] = [
      { instrument: 'PASI', timepoint: 'BASELINE' },
      { instrument: 'PASI', timepoint: 'AFTER_INFUSION', afterInfusion: 6 },
      { instrument: 'DLQI', timepoint: 'AFTER_INFUSION', afterInfusion: 6 },
      { instrument: 'PASI', timepoint: 'AFTER_INFUSION', afterInfusion: 3 },
    ];
    expect(dueAfterTreatment(planned)).toEqual([
      { visitNumber: 3, instruments: ['PASI'] },
      { visitNumber: 6, instruments: ['PASI', 'DLQI'] },
    ]);
  });
});

describe('summarize', () => {
  const after6 = { timepoint: 'AFTER_INFUSION' as const, visitNumber: 6 };
  const pasi = (subjectId: string, current: number): RecordedInstrument => ({ subjectId, ...after6, instrument: 'PASI', scored: true, response: pasiResponse(12, current)! });
  const dlqi = (subjectId: string, current: number | null): RecordedInstrument => ({
    subjectId, ...after6, instrument: 'DLQI', scored: current !== null, response: current === null ? null : dlqiResponse(12, current),
  });

  it('counts, per timepoint, subjects due and assessed, and responders at each PASI threshold and the DLQI difference', () => {
    const due = ['S-1', 'S-2', 'S-3', 'S-4'].map((subjectId) => ({ subjectId, ...after6 }));
    const recorded = [pasi('S-1', 0), dlqi('S-1', 2), pasi('S-2', 3), dlqi('S-2', 9), pasi('S-3', 6.1), dlqi('S-4', null)];
    expect(summarize(due, recorded)).toEqual([
      {
        ...after6, due: 4, assessed: 4,
        pasi: { assessed: 3, pasi50: 2, pasi75: 2, pasi90: 1, pasi100: 1 },
        dlqi: { assessed: 3, scored: 2, minimalImportantDifference: 1 },
      },
    ]);
  });

  it('lists post-infusion timepoints before follow-up visits, each in order, with none due at follow-up', () => {
    const atFollowUp = (visitNumber: number): RecordedInstrument => ({ ...pasi('S-1', 2), timepoint: 'FOLLOW_UP', visitNumber });
    const summary = summarize([{ subjectId: 'S-1', ...after6 }], [atFollowUp(3), atFollowUp(1), pasi('S-1', 2)]);
    expect(summary.map((s) => `${s.timepoint} ${s.visitNumber} due ${s.due}`)).toEqual(['AFTER_INFUSION 6 due 1', 'FOLLOW_UP 1 due 0', 'FOLLOW_UP 3 due 0']);
  });
});
