import type { RuleViolation } from '../validation';

/** The Dermatology Life Quality Index: ten questions about the last week, each scored 0-3. */
export const DLQI_ITEMS = 10;

/** What a total means for the patient's life: 0-1 no effect, 2-5 small, 6-10 moderate, 11-20 very large, 21-30 extremely large. */
export const DLQI_BANDS = ['NO_EFFECT', 'SMALL_EFFECT', 'MODERATE_EFFECT', 'VERY_LARGE_EFFECT', 'EXTREMELY_LARGE_EFFECT'] as const;
export type DlqiBand = (typeof DLQI_BANDS)[number];

const BAND_UPPER_BOUNDS: readonly [number, DlqiBand][] = [
  [1, 'NO_EFFECT'],
  [5, 'SMALL_EFFECT'],
  [10, 'MODERATE_EFFECT'],
  [20, 'VERY_LARGE_EFFECT'],
  [30, 'EXTREMELY_LARGE_EFFECT'],
];

/** One answered question: its number (1-10) and score (0-3). A question left out is unanswered. */
export interface DlqiItemAnswer {
  item: number;
  score: number;
}

export type DlqiScoring =
  | { scored: true; total: number; band: DlqiBand; unansweredItems: number }
  | { scored: false; unansweredItems: number };

export function dlqiBand(total: number): DlqiBand {
  const found = BAND_UPPER_BOUNDS.find(([upper]) => total <= upper);
  if (!found) throw new RangeError(`a DLQI total is 0 to 30, not ${total}`);
  return found[1];
}

/** The total of the answered items; one unanswered item scores 0, two or more leave the questionnaire not scored. */
export function dlqiScore(answers: readonly DlqiItemAnswer[]): DlqiScoring {
  const unansweredItems = DLQI_ITEMS - new Set(answers.map((a) => a.item)).size;
  if (unansweredItems >= 2) return { scored: false, unansweredItems };
  const total = answers.reduce((sum, a) => sum + a.score, 0);
  return { scored: true, total, band: dlqiBand(total), unansweredItems };
}

/** A question answered twice is an input error, never read as "whichever comes first". */
export function dlqiProblems(answers: readonly DlqiItemAnswer[], field: string): RuleViolation[] {
  const seen = new Set<number>();
  const twice = new Set(answers.filter((a) => seen.size === seen.add(a.item).size).map((a) => a.item));
  return [...twice].map((item) => ({ field, rule: 'itemOnce', message: `DLQI question ${item} is answered more than once` }));
}
