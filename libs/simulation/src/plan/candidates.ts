import { addDays, type CalendarDate, type ProtocolDefinition, type ScreeningData } from '@trialstream/contracts';
import type { SeededRandom } from './random';

/** The rule of the protocol a screen failure breaks. */
export type ScreenFailure = 'AGE' | 'BASELINE_PASI' | 'WASHOUT' | 'POSITIVE_TEST' | 'EXCLUSION';

/** ENROLLED up to the target; DECLINED consent; SCREEN_FAILED; REFUSED_AT_TARGET: eligible and consented once the target was reached. */
export type CandidateFate = 'ENROLLED' | 'DECLINED' | 'SCREEN_FAILED' | 'REFUSED_AT_TARGET';

export interface Candidate {
  screening: ScreeningData;
  fate: CandidateFate;
  failure?: ScreenFailure;
}

const SYSTEMIC = ['methotrexate', 'ciclosporin', 'acitretin'];
const TOPICAL = ['calcipotriol', 'betamethasone dipropionate', 'clobetasol propionate'];

/**
 * People screened for the trial: about one in five fails a rule of the protocol for a real reason,
 * a few eligible ones decline consent, the eligible and consenting are enrolled in screening order
 * up to the target, and one more comes after the target is reached.
 */
export function screenCandidates(protocol: ProtocolDefinition, random: SeededRandom, options: { target: number; siteId: string; baselineDate: CalendarDate }): Candidate[] {
  const failures = possibleFailures(protocol);
  const failing = failures.length ? Math.max(1, Math.round(options.target * 0.2)) : 0;
  const declining = Math.max(1, Math.round(options.target / 15));
  const roles = shuffle(random, [
    ...Array<'ELIGIBLE'>(options.target + 1).fill('ELIGIBLE'),
    ...Array<'FAIL'>(failing).fill('FAIL'),
    ...Array<'DECLINE'>(declining).fill('DECLINE'),
  ]);
  let enrolled = 0;
  return roles.map((role, i) => {
    const subjectId = `${options.siteId}-${String(i + 1).padStart(3, '0')}`;
    const failure = role === 'FAIL' ? random.pick(failures) : undefined;
    const screening = screeningOf(protocol, random, { subjectId, siteId: options.siteId, baselineDate: options.baselineDate, failure });
    if (role === 'FAIL') return { screening, fate: 'SCREEN_FAILED' as const, failure };
    if (role === 'DECLINE') return { screening, fate: 'DECLINED' as const };
    return { screening, fate: enrolled++ < options.target ? ('ENROLLED' as const) : ('REFUSED_AT_TARGET' as const) };
  });
}

function possibleFailures(protocol: ProtocolDefinition): ScreenFailure[] {
  const { eligibility } = protocol;
  return [
    'AGE' as const,
    ...(eligibility.minimumBaselinePasi > 0 ? ['BASELINE_PASI' as const] : []),
    ...(eligibility.washouts.some((w) => w.minDaysBeforeBaseline > 1) ? ['WASHOUT' as const] : []),
    ...(eligibility.requiredNegativeTests.length ? ['POSITIVE_TEST' as const] : []),
    ...(eligibility.exclusions.length ? ['EXCLUSION' as const] : []),
  ];
}

function screeningOf(protocol: ProtocolDefinition, random: SeededRandom, who: { subjectId: string; siteId: string; baselineDate: CalendarDate; failure?: ScreenFailure }): ScreeningData {
  const { eligibility } = protocol;
  const { minYears, maxYears } = eligibility.age;
  const { failure, baselineDate } = who;
  const ageAtBaseline = failure === 'AGE' ? (random.chance(0.7) || minYears < 2 ? maxYears + random.int(1, 8) : minYears - 1) : random.int(minYears, maxYears);
  const minPasi = eligibility.minimumBaselinePasi;
  const baselinePasi = failure === 'BASELINE_PASI' ? random.between(Math.max(0, minPasi - 4), minPasi - 0.1) : random.between(minPasi, minPasi + 22);
  const washout = eligibility.washouts.find((w) => w.minDaysBeforeBaseline > 1);
  const priorTherapies = eligibility.washouts.map((rule) => {
    const tooRecent = failure === 'WASHOUT' && rule === washout;
    const daysBefore = tooRecent ? random.int(1, rule.minDaysBeforeBaseline - 1) : rule.minDaysBeforeBaseline + random.int(5, 120);
    return { kind: rule.therapyKind, name: random.pick(rule.therapyKind === 'SYSTEMIC' ? SYSTEMIC : TOPICAL), lastDoseDate: addDays(baselineDate, -daysBefore) };
  });
  const positive = failure === 'POSITIVE_TEST' ? random.pick(eligibility.requiredNegativeTests) : undefined;
  const testAge = Math.min(eligibility.testResultMaxAgeDays ?? 7, 7);
  const testResults = eligibility.requiredNegativeTests.map((test) => ({ test, result: test === positive ? ('POSITIVE' as const) : ('NEGATIVE' as const), date: addDays(baselineDate, -random.int(0, testAge)) }));
  const present = failure === 'EXCLUSION' ? random.pick(eligibility.exclusions).id : undefined;
  const sex = eligibility.sex === 'ALL' ? random.pick(['FEMALE', 'MALE'] as const) : eligibility.sex;
  return {
    subjectId: who.subjectId,
    siteId: who.siteId,
    ageAtBaseline,
    sex,
    baselineDate,
    baselinePasi,
    baselineDlqi: random.int(4, 25),
    bodyWeightKg: random.between(50, 100),
    priorTherapies,
    testResults,
    exclusionAnswers: eligibility.exclusions.map((c) => ({ criterionId: c.id, present: c.id === present })),
  };
}

function shuffle<T>(random: SeededRandom, items: T[]): T[] {
  return random.sample(items, items.length);
}
