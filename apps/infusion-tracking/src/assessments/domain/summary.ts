import type { AssessmentTimepoint, DlqiResponse, PasiResponse } from '@trialstream/contracts';
import type { Instrument } from './assessment-checks';

interface AtTimepoint {
  subjectId: string;
  timepoint: AssessmentTimepoint;
  visitNumber: number;
}

export interface RecordedInstrument extends AtTimepoint {
  instrument: Instrument;
  /** For DLQI: whether it was scored. */
  scored: boolean;
  response: PasiResponse | DlqiResponse | null;
}

export interface TimepointSummary {
  timepoint: AssessmentTimepoint;
  visitNumber: number;
  /** Subjects the assessment is due for (after an infusion, once their treatment completed). */
  due: number;
  /** Subjects assessed, with any instrument. */
  assessed: number;
  pasi: { assessed: number; pasi50: number; pasi75: number; pasi90: number; pasi100: number };
  dlqi: { assessed: number; scored: number; minimalImportantDifference: number };
}

const TIMEPOINT_ORDER: readonly AssessmentTimepoint[] = ['AFTER_INFUSION', 'FOLLOW_UP'];

/** How many subjects are due, assessed, and responders at each threshold, per timepoint. */
export function summarize(due: readonly AtTimepoint[], recorded: readonly RecordedInstrument[]): TimepointSummary[] {
  const key = (r: AtTimepoint) => `${r.timepoint} ${r.visitNumber}`;
  const timepoints = new Map<string, AtTimepoint>([...due, ...recorded].map((r) => [key(r), r]));
  return [...timepoints.values()]
    .sort((a, b) => TIMEPOINT_ORDER.indexOf(a.timepoint) - TIMEPOINT_ORDER.indexOf(b.timepoint) || a.visitNumber - b.visitNumber)
    .map(({ timepoint, visitNumber }) => {
      const here = recorded.filter((r) => key(r) === `${timepoint} ${visitNumber}`);
      const pasi = here.filter((r) => r.instrument === 'PASI').map((r) => r.response as PasiResponse | null);
      const dlqi = here.filter((r) => r.instrument === 'DLQI');
      const pasiReaching = (threshold: 'pasi50' | 'pasi75' | 'pasi90' | 'pasi100') => pasi.filter((r) => r?.[threshold]).length;
      return {
        timepoint,
        visitNumber,
        due: due.filter((d) => key(d) === `${timepoint} ${visitNumber}`).length,
        assessed: new Set(here.map((r) => r.subjectId)).size,
        pasi: { assessed: pasi.length, pasi50: pasiReaching('pasi50'), pasi75: pasiReaching('pasi75'), pasi90: pasiReaching('pasi90'), pasi100: pasiReaching('pasi100') },
        dlqi: {
          assessed: dlqi.length,
          scored: dlqi.filter((r) => r.scored).length,
          minimalImportantDifference: dlqi.filter((r) => (r.response as DlqiResponse | null)?.minimalImportantDifference).length,
        },
      };
    });
}
