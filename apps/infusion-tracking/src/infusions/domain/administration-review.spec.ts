import { addDays } from '@trialstream/contracts';
import { refusalOf } from '@trialstream/testing';
import { reviewAdministration, type AdministrationFacts } from './administration-review';
import type { GivenInfusion } from './deviation';
import type { InfusionVisit } from './treatment-end';

/** The reference plan of a 64 kg subject whose first infusion is on 8 June 2015 (Beijing). */
const plan: InfusionVisit[] = ([[0, 0], [7, 1], [14, 1], [21, 1], [35, 2], [49, 2]] as const).map(([dayOffset, days], i) => {
  const plannedDate = addDays('2015-06-08', dayOffset);
  return { number: i + 1, plannedDate, windowOpens: addDays(plannedDate, -days), windowCloses: addDays(plannedDate, days), status: 'PLANNED' };
});
/** The same plan after a newer protocol version dropped infusions 5 and 6. */
const fourInfusions = plan.map((visit) => (visit.number > 4 ? { ...visit, status: 'CANCELLED' as const } : visit));
const given = (number: number): GivenInfusion => ({
  number, administeredOn: plan[number - 1].plannedDate, administeredAt: new Date(`${plan[number - 1].plannedDate}T09:00:00+08:00`),
});
const facts = (number: number, overrides: Partial<AdministrationFacts> = {}): AdministrationFacts => ({
  infusionNumber: number,
  bodyWeightKg: 64,
  cellsGiven: 64_000_000,
  givenAt: new Date(`${plan[number - 1].plannedDate}T09:00:00+08:00`),
  givenOn: plan[number - 1].plannedDate,
  today: '2015-08-01',
  dosing: { cellsPerKg: 1_000_000, tolerancePercent: 10 },
  plan,
  given: Array.from({ length: number - 1 }, (_, i) => given(i + 1)),
  standing: { withdrawalDate: null, holds: [], reconsentRequests: [], reconsents: [] },
  ...overrides,
});
const refusal = (run: () => unknown) => refusalOf(run);

describe('reviewing a reported infusion', () => {
  it('records infusion 2, on its day at the planned dose, with no deviation', () => {
    expect(reviewAdministration(facts(2))).toEqual({
      expectedDose: { cells: 64_000_000, minCells: 57_600_000, maxCells: 70_400_000 },
      deviations: [],
      rescheduled: [],
    });
  });

  it('finds every rule an infusion broke: 75x10^6 cells, two days late', () => {
    const review = reviewAdministration(facts(3, { cellsGiven: 75_000_000, givenAt: new Date('2015-06-24T09:00:00+08:00'), givenOn: '2015-06-24' }));
    expect(review.deviations.map((d) => [d.kind, d.observed, d.allowed])).toEqual([
      ['DOSE_OUTSIDE_TOLERANCE', '75000000 cells', '57600000 to 70400000 cells'],
      ['OUTSIDE_WINDOW', 'given on 2015-06-24 (+2 days)', '2015-06-21 to 2015-06-23'],
    ]);
  });

  it('under a dosing hold and owing a re-consent: both deviations, beside the infusion', () => {
    const standing = {
      withdrawalDate: null,
      holds: [{ scope: 'SUBJECT' as const, reason: 'grade 3 reaction', placedAt: new Date('2015-06-10T00:00:00Z'), liftedAt: null }],
      reconsentRequests: [{ protocolVersion: 2, requiredConsentVersion: '2.0', requiredAt: new Date('2015-06-12T00:00:00Z') }],
      reconsents: [],
    };
    expect(reviewAdministration(facts(2, { standing })).deviations.map((d) => d.kind)).toEqual(['UNDER_DOSING_HOLD', 'RECONSENT_OWED']);
  });

  it('completes treatment with the last planned infusion, counting the infusions given', () => {
    expect(reviewAdministration(facts(6)).completion).toEqual({ infusionsGiven: 6 });
    const fifthMissed = [1, 2, 3, 4].map(given);
    expect(reviewAdministration(facts(6, { given: fifthMissed })).completion).toEqual({ infusionsGiven: 5 });
    expect(reviewAdministration(facts(5)).completion).toBeUndefined();
  });

  it('records a repeat of the last infusion, or one of a withdrawn subject, without completing treatment', () => {
    const repeat = reviewAdministration(facts(6, { given: [1, 2, 3, 4, 5, 6].map(given) }));
    expect(repeat.deviations.map((d) => d.kind)).toEqual(['REPEATED_INFUSION']);
    expect(repeat.completion).toBeUndefined();
    const withdrawn = reviewAdministration(facts(6, { standing: { withdrawalDate: '2015-07-20', holds: [], reconsentRequests: [], reconsents: [] } }));
    expect(withdrawn.deviations.map((d) => d.kind)).toEqual(['SUBJECT_WITHDRAWN']);
    expect(withdrawn.completion).toBeUndefined();
    // Given before the withdrawal but reported after it: no deviation, and still no completion.
    const reportedLate = reviewAdministration(facts(6, { standing: { withdrawalDate: '2015-07-28', holds: [], reconsentRequests: [], reconsents: [] } }));
    expect(reportedLate).toMatchObject({ deviations: [] });
    expect(reportedLate.completion).toBeUndefined();
  });

  it('moves the infusions to come after a first infusion given a day late, but not after a repeat of it or for a withdrawn subject', () => {
    const late = facts(1, { givenAt: new Date('2015-06-09T09:00:00+08:00'), givenOn: '2015-06-09' });
    const review = reviewAdministration(late);
    expect(review.deviations.map((d) => d.kind)).toEqual(['OUTSIDE_WINDOW']);
    expect(review.rescheduled.map((v) => v.plannedDate)).toEqual(['2015-06-16', '2015-06-23', '2015-06-30', '2015-07-14', '2015-07-28']);
    expect(reviewAdministration({ ...late, given: [given(1)] }).rescheduled).toEqual([]);
    expect(reviewAdministration({ ...late, standing: { ...late.standing, withdrawalDate: '2015-06-20' } }).rescheduled).toEqual([]);
  });

  it('after a newer version dropped infusions 5 and 6: the 4th completes the treatment, and a late first infusion moves only the infusions still planned', () => {
    expect(reviewAdministration(facts(4, { plan: fourInfusions })).completion).toEqual({ infusionsGiven: 4 });
    expect(reviewAdministration(facts(4)).completion).toBeUndefined();
    const lateFirst = reviewAdministration(facts(1, { plan: fourInfusions, givenAt: new Date('2015-06-09T09:00:00+08:00'), givenOn: '2015-06-09' }));
    expect(lateFirst.rescheduled.map((v) => v.number)).toEqual([2, 3, 4]);
  });

  it('records an infusion the plan dropped as NOT_IN_PLAN, moving and completing nothing; for a withdrawn subject, SUBJECT_WITHDRAWN says it', () => {
    // Given while the dropped 5th's old window is open: that 5th is not an infusion still to give first.
    const sixth = reviewAdministration(
      facts(6, { plan: fourInfusions, given: [1, 2, 3, 4].map(given), givenAt: new Date('2015-07-14T09:00:00+08:00'), givenOn: '2015-07-14' }),
    );
    expect(sixth.deviations.map((d) => [d.kind, d.observed, d.allowed])).toEqual([
      ['NOT_IN_PLAN', 'infusion 6 given on 2015-07-14, dropped from the plan by a newer protocol version', 'infusions 1, 2, 3, 4'],
    ]);
    expect(sixth).toMatchObject({ rescheduled: [] });
    expect(sixth.completion).toBeUndefined();
    const withdrawn = reviewAdministration(facts(6, { plan: fourInfusions, standing: { withdrawalDate: '2015-07-20', holds: [], reconsentRequests: [], reconsents: [] } }));
    expect(withdrawn.deviations.map((d) => d.kind)).toEqual(['SUBJECT_WITHDRAWN']);
  });

  it('refuses an infusion the plan does not have, or one dated after today at the site', () => {
    expect(refusal(() => reviewAdministration({ ...facts(6), infusionNumber: 7 }))).toBe('plannedInfusion');
    expect(refusal(() => reviewAdministration(facts(6, { today: '2015-07-26' })))).toBe('notInFuture');
    expect(refusal(() => reviewAdministration(facts(6, { today: '2015-07-27' })))).toBe('accepted');
  });
});
