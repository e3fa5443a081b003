import { doseDeviation, doseFor } from './dose';

const dosing = { cellsPerKg: 1_000_000, tolerancePercent: 10 };

describe('the dose of the day', () => {
  it('is cells per kg times the weight on the day, with whole cells within the tolerance', () => {
    expect(doseFor(dosing, 64)).toEqual({ cells: 64_000_000, minCells: 57_600_000, maxCells: 70_400_000 });
    expect(doseFor(dosing, 70.5)).toEqual({ cells: 70_500_000, minCells: 63_450_000, maxCells: 77_550_000 });
    expect(doseFor({ cellsPerKg: 1_000_000, tolerancePercent: 7.5 }, 1.3)).toEqual({ cells: 1_300_000, minCells: 1_202_500, maxCells: 1_397_500 });
    // 42x10^6 x 1.15 is 48299999.99... in binary fractions: the edge would lose a cell.
    expect(doseFor({ cellsPerKg: 1_000_000, tolerancePercent: 15 }, 42).maxCells).toBe(48_300_000);
  });

  it('accepts a dose at either edge of the tolerance and flags one cell past it, on both sides', () => {
    expect(doseDeviation(dosing, 64, 57_600_000)).toBeUndefined();
    expect(doseDeviation(dosing, 64, 70_400_000)).toBeUndefined();
    expect(doseDeviation(dosing, 64, 57_599_999)).toEqual({
      kind: 'DOSE_OUTSIDE_TOLERANCE',
      rule: '1000000 cells/kg x 64 kg = 64000000 cells, within 10 %',
      observed: '57599999 cells',
      allowed: '57600000 to 70400000 cells',
    });
    expect(doseDeviation(dosing, 64, 70_400_001)).toMatchObject({ observed: '70400001 cells', allowed: '57600000 to 70400000 cells' });
  });

  it("judges the dose by that day's weight, not the weight at enrollment", () => {
    // 75x10^6 cells is 17 % over a 64 kg dose but within 10 % of a 70 kg one.
    expect(doseDeviation(dosing, 70, 75_000_000)).toBeUndefined();
    expect(doseDeviation(dosing, 64, 75_000_000)?.kind).toBe('DOSE_OUTSIDE_TOLERANCE');
  });
});
