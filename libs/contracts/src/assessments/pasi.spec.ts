import type { PasiRegionScore } from '../enrollment/screening';
import { pasiProblems, pasiScore } from './pasi';

const region = (r: PasiRegionScore['region'], e: number, i: number, d: number, area: number): PasiRegionScore => ({
  region: r, erythema: e, induration: i, desquamation: d, area,
});

describe('pasiScore', () => {
  it('is 0 for clear skin and 72 at the maximum in every region', () => {
    expect(pasiScore([])).toBe(0);
    expect(pasiScore(['HEAD', 'UPPER_LIMBS', 'TRUNK', 'LOWER_LIMBS'].map((r) => region(r as PasiRegionScore['region'], 4, 4, 4, 6)))).toBe(72);
  });

  it('weights regions: head 0.1, upper limbs 0.2, trunk 0.3, lower limbs 0.4 (worked example)', () => {
    // head 0.1x(2+1+1)x2 = 0.8; upper 0.2x(2+2+1)x3 = 3.0; trunk 0.3x(3+2+2)x2 = 4.2; lower 0.4x(3+3+2)x3 = 9.6
    const scores = [region('HEAD', 2, 1, 1, 2), region('UPPER_LIMBS', 2, 2, 1, 3), region('TRUNK', 3, 2, 2, 2), region('LOWER_LIMBS', 3, 3, 2, 3)];
    expect(pasiScore(scores)).toBe(17.6);
  });

  it('reports to one decimal', () => {
    expect(pasiScore([region('HEAD', 1, 0, 0, 1), region('UPPER_LIMBS', 1, 0, 0, 1), region('TRUNK', 1, 0, 0, 1)])).toBe(0.6);
  });
});

describe('pasiProblems', () => {
  const fields = { components: 'pasi.components', total: 'pasi.total' };
  const worked = [region('HEAD', 2, 1, 1, 2), region('UPPER_LIMBS', 2, 2, 1, 3), region('TRUNK', 3, 2, 2, 2), region('LOWER_LIMBS', 3, 3, 2, 3)];

  it('accepts a total its components give, to one decimal, and a total without components', () => {
    expect(pasiProblems(worked, 17.6, fields)).toEqual([]);
    expect(pasiProblems(worked, 17.64, fields)).toEqual([]);
    expect(pasiProblems(undefined, 17.6, fields)).toEqual([]);
  });

  it('names a total its components contradict, and a region scored twice', () => {
    expect(pasiProblems(worked, 17.7, fields)).toEqual([
      { field: 'pasi.total', rule: 'matchesComponents', message: 'pasi.total 17.7 does not match its components (17.6)' },
    ]);
    expect(pasiProblems([worked[0], worked[0]], 1.6, fields).map((p) => p.rule)).toEqual(['regionOnce']);
  });
});

