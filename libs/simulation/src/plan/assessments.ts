import type { CalendarDate, ProtocolDefinition, ScreeningData } from '@trialstream/contracts';
import type { SeededRandom } from './random';

/** An assessment as a site submits it: a PASI total and/or the ten DLQI answers. */
export interface AssessmentSubmission {
  timepoint: 'AFTER_INFUSION';
  visitNumber: number;
  assessedOn: CalendarDate;
  pasi?: { total: number };
  dlqi?: { answers: { item: number; score: number }[] };
}

/**
 * The assessment the protocol plans after the last infusion (the one due once treatment is
 * complete), with a plausible response: about a third improve by 75 % or more, a third by 50-73 %,
 * the rest by less (a few worsen). DLQI improves roughly with PASI.
 */
export function assessmentAfterTreatment(protocol: ProtocolDefinition, random: SeededRandom, subject: ScreeningData, lastInfusion: number, assessedOn: CalendarDate): AssessmentSubmission | undefined {
  const planned = protocol.assessments.filter((a) => a.timepoint === 'AFTER_INFUSION' && a.afterInfusion === lastInfusion).map((a) => a.instrument);
  if (!planned.length) return undefined;
  const band = random.next();
  const improvement = band < 1 / 3 ? random.between(76, 98) : band < 2 / 3 ? random.between(50, 73) : random.between(-10, 45);
  const pasi = Math.max(0, Math.round(subject.baselinePasi * (1 - improvement / 100) * 10) / 10);
  const dlqi = Math.min(30, Math.max(0, Math.round(subject.baselineDlqi * (1 - (improvement / 100) * random.between(0.6, 1.1, 2)))));
  return {
    timepoint: 'AFTER_INFUSION',
    visitNumber: lastInfusion,
    assessedOn,
    ...(planned.includes('PASI') ? { pasi: { total: pasi } } : {}),
    ...(planned.includes('DLQI') ? { dlqi: { answers: dlqiAnswers(random, dlqi) } } : {}),
  };
}

/** Ten answers (0-3 each) adding up to the total, spread over the questions. */
export function dlqiAnswers(random: SeededRandom, total: number): { item: number; score: number }[] {
  const scores = Array<number>(10).fill(0);
  for (let left = total; left > 0; ) {
    const item = random.int(0, 9);
    if (scores[item] < 3) {
      scores[item] += 1;
      left -= 1;
    }
  }
  return scores.map((score, i) => ({ item: i + 1, score }));
}
