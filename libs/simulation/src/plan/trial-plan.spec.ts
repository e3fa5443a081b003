import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, daysBetween, type ProtocolDefinition } from '@trialstream/contracts';
import { sampleProtocol } from '@trialstream/testing';
import { planSimulation, type PlannedStep, type SimulationPlan } from './trial-plan';

/** The reference trial's protocol (NCT02491658), as the registry loads it. */
const { publishedBy: _publishedBy, ...reference } = JSON.parse(readFileSync(join(__dirname, '../../../../apps/registry/src/reference/nct02491658.protocol.json'), 'utf8'));
const PROTOCOL: ProtocolDefinition = { version: 1, ...reference };
const DAY0 = '2027-03-01';
const plan = (seed: number, subjects = 30, protocol = PROTOCOL) => planSimulation(protocol, { seed, subjects, day0: DAY0 });
const stepsOf = <K extends PlannedStep['kind']>(p: SimulationPlan, kind: K) => p.steps.filter((s): s is Extract<PlannedStep, { kind: K }> => s.kind === kind);
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

describe('planSimulation', () => {
  it('is the same plan for the same seed, and another for another seed', () => {
    expect(plan(7)).toEqual(plan(7));
    expect(plan(8)).not.toEqual(plan(7));
  });

  it.each([1, 6, 30])('enrolls exactly the target of %i, in screening order, and one more eligible candidate comes after it', (target) => {
    for (const seed of SEEDS) {
      const fates = plan(seed, target).candidates.map((c) => c.fate);
      expect(fates.filter((f) => f === 'ENROLLED')).toHaveLength(target);
      expect(fates.filter((f) => f === 'REFUSED_AT_TARGET')).toHaveLength(1);
      expect(fates.indexOf('REFUSED_AT_TARGET')).toBeGreaterThan(fates.lastIndexOf('ENROLLED'));
      expect(fates).toContain('DECLINED');
      expect(fates).toContain('SCREEN_FAILED');
    }
  });

  it("takes the target from the protocol: asking for more subjects than it plans enrolls the protocol's target", () => {
    expect(plan(3, 50).target).toBe(30);
    expect(plan(3, 50).candidates.filter((c) => c.fate === 'ENROLLED')).toHaveLength(30);
  });

  it('fails screen failures on the rule the protocol states, and keeps everyone else inside every rule (boundaries inclusive)', () => {
    const { eligibility } = PROTOCOL;
    for (const seed of SEEDS) {
      for (const { screening: s, fate, failure } of plan(seed).candidates) {
        const ageInside = s.ageAtBaseline! >= eligibility.age.minYears && s.ageAtBaseline! <= eligibility.age.maxYears;
        const pasiInside = s.baselinePasi >= eligibility.minimumBaselinePasi;
        const washoutsKept = eligibility.washouts.every((w) => s.priorTherapies.filter((t) => t.kind === w.therapyKind).every((t) => daysBetween(t.lastDoseDate, s.baselineDate) >= w.minDaysBeforeBaseline));
        const testsNegative = s.testResults.every((t) => t.result === 'NEGATIVE');
        const noExclusion = s.exclusionAnswers.every((a) => !a.present);
        const kept = { AGE: ageInside, BASELINE_PASI: pasiInside, WASHOUT: washoutsKept, POSITIVE_TEST: testsNegative, EXCLUSION: noExclusion };
        expect(Object.entries(kept).filter(([, ok]) => !ok).map(([rule]) => rule)).toEqual(fate === 'SCREEN_FAILED' ? [failure] : []);
        expect(s.bodyWeightKg).toBeGreaterThanOrEqual(50);
        expect(s.bodyWeightKg).toBeLessThanOrEqual(100);
        expect(s.exclusionAnswers.map((a) => a.criterionId)).toEqual(eligibility.exclusions.map((e) => e.id));
      }
    }
  });

  it('doses 1x10^6 cells/kg within tolerance, but for one dose outside it, one infusion outside its window and one missed', () => {
    const { cellsPerKg, tolerancePercent } = PROTOCOL.dosing;
    for (const seed of SEEDS) {
      const p = plan(seed);
      const infusions = stepsOf(p, 'infusion');
      const outsideTolerance = infusions.filter(({ report }) => Math.abs(report.cellsGiven / (cellsPerKg * report.bodyWeightKg) - 1) > tolerancePercent / 100);
      expect(outsideTolerance).toHaveLength(1);
      const outsideWindow = infusions.filter(({ day, report }) => {
        const planned = PROTOCOL.infusions.find((i) => i.number === report.infusionNumber)!;
        return day < planned.dayOffset - planned.windowDaysBefore || day > planned.dayOffset + planned.windowDaysAfter;
      });
      expect(outsideWindow).toHaveLength(1);
      expect(infusions).toHaveLength(30 * PROTOCOL.infusions.length - 1);
      for (const { report } of infusions) {
        expect(report.bodyWeightKg).toBeGreaterThanOrEqual(48);
        expect(report.bodyWeightKg).toBeLessThanOrEqual(102);
      }
    }
  });

  it('has one grade 3 infusion reaction, whose hold is reviewed the next day, before that subject is dosed again', () => {
    for (const seed of SEEDS) {
      const p = plan(seed);
      const severe = stepsOf(p, 'infusion').filter((s) => (s.report.reaction?.ctcaeGrade ?? 0) >= 3);
      expect(severe).toHaveLength(1);
      const [review] = stepsOf(p, 'hold-review');
      expect(review).toMatchObject({ subjectId: severe[0].subjectId, day: severe[0].day + 1 });
      const next = stepsOf(p, 'infusion').find((s) => s.subjectId === review.subjectId && s.report.infusionNumber === severe[0].report.infusionNumber + 1)!;
      expect(next.day).toBeGreaterThan(review.day);
    }
  });

  it('gives a plausible response after the sixth infusion: about a third reach PASI75', () => {
    const share = SEEDS.map((seed) => {
      const p = plan(seed);
      const baseline = new Map(p.candidates.map((c) => [c.screening.subjectId, c.screening.baselinePasi]));
      const assessments = stepsOf(p, 'assessment');
      expect(assessments).toHaveLength(30);
      return assessments.filter((a) => a.assessment.pasi!.total <= baseline.get(a.subjectId)! * 0.25).length / 30;
    });
    const mean = share.reduce((a, b) => a + b, 0) / share.length;
    expect(mean).toBeGreaterThan(0.25);
    expect(mean).toBeLessThan(0.42);
    for (const s of share) expect(s).toBeLessThan(0.7);
  });

  it('reports mostly grade 1-2 events, a few serious ones of which only one is suspected of the product, its report submitted inside its clock', () => {
    for (const seed of SEEDS) {
      const p = plan(seed);
      const reports = stepsOf(p, 'adverse-event').map((s) => s.report);
      expect(reports.filter((r) => r.ctcaeGrade <= 2).length / reports.length).toBeGreaterThan(0.6);
      expect(reports.every((r) => r.ctcaeGrade <= 3)).toBe(true);
      const serious = reports.filter((r) => r.seriousness.length);
      expect(serious).toHaveLength(3);
      expect(serious.filter((r) => r.causality === 'RELATED')).toHaveLength(1);
      const [submission] = stepsOf(p, 'report-submission');
      const susar = serious.find((r) => r.causality === 'RELATED')!;
      expect(submission.caseId).toBe(susar.caseId);
      expect(daysBetween(susar.awareDate, addDays(DAY0, submission.day))).toBeLessThanOrEqual(PROTOCOL.safety.expeditedReporting.otherSusarDays);
    }
  });

  it('visits every subject at follow-up, but one who misses the last visit, and ends past the last window', () => {
    const p = plan(5);
    const visits = stepsOf(p, 'follow-up-visit');
    expect(visits).toHaveLength(30 * PROTOCOL.followUp.visitDays.length - 1);
    expect(p.endDay).toBe(49 + 365 + 7 + 1);
    expect(Math.max(...p.steps.map((s) => s.day))).toBeLessThan(p.endDay);
  });

  it("follows another protocol's schedule and target", () => {
    const other = { ...sampleProtocol(), infusions: sampleProtocol().infusions.slice(0, 3), enrollmentTarget: 4 };
    const p = plan(2, 10, other);
    expect(p.target).toBe(4);
    const numbers = new Set(stepsOf(p, 'infusion').map((s) => s.report.infusionNumber));
    expect([...numbers].sort()).toEqual([1, 2, 3]);
  });

  it('orders the steps by day', () => {
    const days = plan(9).steps.map((s) => s.day);
    expect(days).toEqual([...days].sort((a, b) => a - b));
  });
});
