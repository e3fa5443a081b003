import type { DlqiResponse, PasiResponse } from '@trialstream/contracts';

/** PASI50/75/90/100: at least this many percent less than at baseline. */
export const PASI_THRESHOLDS = [50, 75, 90, 100] as const;

/** The usual minimal important difference of the DLQI, in points. */
export const DLQI_MINIMAL_IMPORTANT_DIFFERENCE = 4;

/**
 * A PASI against the subject's baseline. PASI is reported to one decimal, so both are compared in
 * tenths, as integers: 2.8 to 0.7 is exactly 75 %, which floating point puts a hair below.
 * The percentage is cut to one decimal, never rounded up to a threshold it did not reach. None
 * from a baseline of 0: clear skin cannot improve by a percentage.
 */
export function pasiResponse(baseline: number, current: number): PasiResponse | undefined {
  const before = Math.round(baseline * 10);
  const gain = before - Math.round(current * 10);
  if (before === 0) return undefined;
  const reached = (percent: number) => gain * 100 >= percent * before;
  const [pasi50, pasi75, pasi90, pasi100] = PASI_THRESHOLDS.map(reached);
  return { baseline, current, improvementPercent: Math.trunc((gain * 1000) / before) / 10, pasi50, pasi75, pasi90, pasi100 };
}

/** A scored DLQI against the baseline: points fewer, and whether that reaches the minimal important difference. */
export function dlqiResponse(baseline: number, current: number): DlqiResponse {
  const improvement = baseline - current;
  return { baseline, current, improvement, minimalImportantDifference: improvement >= DLQI_MINIMAL_IMPORTANT_DIFFERENCE };
}
