import { dlqiResponse, pasiResponse } from './response';

const thresholds = (baseline: number, current: number) => {
  const response = pasiResponse(baseline, current)!;
  return (['pasi50', 'pasi75', 'pasi90', 'pasi100'] as const).filter((t) => response[t]);
};

describe('pasiResponse', () => {
  it('gives the percent improvement and the thresholds reached (worked example: 14.2 to 3.5 is 75.3 %, PASI75)', () => {
    expect(pasiResponse(14.2, 3.5)).toEqual({ baseline: 14.2, current: 3.5, improvementPercent: 75.3, pasi50: true, pasi75: true, pasi90: false, pasi100: false });
  });

  it('reaches PASI75 at exactly 75 %, also where floating point would fall short (2.8 to 0.7), and not at 74.8 %', () => {
    expect(thresholds(12, 3)).toEqual(['pasi50', 'pasi75']);
    expect(thresholds(2.8, 0.7)).toEqual(['pasi50', 'pasi75']);
    expect(pasiResponse(2.8, 0.7)!.improvementPercent).toBe(75);
    expect(thresholds(71.6, 18)).toEqual(['pasi50']);
    expect(pasiResponse(71.6, 18)!.improvementPercent).toBe(74.8);
  });

  it('reaches PASI50, PASI90 and PASI100 at exactly 50, 90 and 100 %, and not a tenth of a point short', () => {
    expect(thresholds(10, 5)).toEqual(['pasi50']);
    expect(thresholds(10, 5.1)).toEqual([]);
    expect(thresholds(10, 1)).toEqual(['pasi50', 'pasi75', 'pasi90']);
    expect(thresholds(10, 1.1)).toEqual(['pasi50', 'pasi75']);
    expect(thresholds(10, 0)).toEqual(['pasi50', 'pasi75', 'pasi90', 'pasi100']);
    expect(thresholds(10, 0.1)).toEqual(['pasi50', 'pasi75', 'pasi90']);
  });

  it('cuts the percentage to one decimal rather than rounding it up, and gives a worsening as a negative one', () => {
    // 106/142 = 74.647... %: 74.6, not 74.7.
    expect(pasiResponse(14.2, 3.6)!.improvementPercent).toBe(74.6);
    expect(pasiResponse(10, 12.5)).toMatchObject({ improvementPercent: -25, pasi50: false });
  });

  it('gives no response from a baseline of 0', () => {
    expect(pasiResponse(0, 0)).toBeUndefined();
  });
});

describe('dlqiResponse', () => {
  it('reaches the minimal important difference at 4 points fewer, not at 3', () => {
    expect(dlqiResponse(12, 8)).toEqual({ baseline: 12, current: 8, improvement: 4, minimalImportantDifference: true });
    expect(dlqiResponse(12, 9)).toMatchObject({ improvement: 3, minimalImportantDifference: false });
  });

  it('gives a worsening as a negative improvement', () => {
    expect(dlqiResponse(5, 10)).toMatchObject({ improvement: -5, minimalImportantDifference: false });
  });
});
