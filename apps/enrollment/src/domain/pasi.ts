import type { PasiRegionScore } from '@trialstream/contracts';

/** Region weights of the Psoriasis Area and Severity Index. */
const REGION_WEIGHT = { HEAD: 0.1, UPPER_LIMBS: 0.2, TRUNK: 0.3, LOWER_LIMBS: 0.4 } as const;

/**
 * PASI = sum over regions of weight x (erythema + induration + desquamation) x area score,
 * from 0 to 72, reported to one decimal. A region not given scores 0.
 */
export function pasiScore(regions: readonly PasiRegionScore[]): number {
  const total = regions.reduce(
    (sum, r) => sum + REGION_WEIGHT[r.region] * (r.erythema + r.induration + r.desquamation) * r.area,
    0,
  );
  return Math.round(total * 10) / 10;
}
