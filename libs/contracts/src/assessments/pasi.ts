import type { PasiRegionScore } from '../enrollment/screening';
import type { RuleViolation } from '../validation';

/** Region weights of the Psoriasis Area and Severity Index. */
const REGION_WEIGHT = { HEAD: 0.1, UPPER_LIMBS: 0.2, TRUNK: 0.3, LOWER_LIMBS: 0.4 } as const;

/** Scores a total may differ from its components by: both are reported to one decimal. */
const ROUNDING = 0.05;

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

export interface PasiFields {
  /** Where the region scores and the total sit in the input, for the violations' field names. */
  components: string;
  total: string;
}

/**
 * Contradictions between a PASI total and its region scores: a region scored twice, or a total the
 * components do not give. Input errors, wherever a PASI is submitted (screening, later assessments).
 */
export function pasiProblems(components: readonly PasiRegionScore[] | undefined, total: number, fields: PasiFields): RuleViolation[] {
  if (!components || components.length === 0) return [];
  const regions = components.map((c) => c.region);
  if (new Set(regions).size < regions.length) {
    return [{ field: fields.components, rule: 'regionOnce', message: 'each body region may be scored once' }];
  }
  const score = pasiScore(components);
  if (Math.abs(score - total) <= ROUNDING) return [];
  return [{ field: fields.total, rule: 'matchesComponents', message: `${fields.total} ${total} does not match its components (${score})` }];
}
