import { followUpEntries, mergeInTimeOrder, subjectTimeline, timelineLine, type SubjectRecords } from './timeline';

/** A subject of the reference trial: screened, consented, enrolled, two infusions (one late), a grade 3 reaction and what safety made of it. */
const records: SubjectRecords = {
  subject: {
    screenedAt: '2015-06-01T02:00:00.000Z', eligible: true, ruleResults: [{ ruleId: 'AGE', outcome: 'PASS' }],
    consentVersion: '1.0', consentDate: '2015-05-30', enrollmentNumber: 1, enrolledAt: '2015-06-02T03:00:00.000Z', plannedFirstInfusionDate: '2015-06-08',
    withdrawnBy: null, withdrawalReason: null, withdrawalDate: null,
  },
  baseline: { baselineDate: '2015-06-01', baselinePasi: 14.2, baselineDlqi: 12 },
  infusions: [
    { infusionNumber: 2, administeredAt: '2015-06-17T01:00:00.000Z', cellsGiven: 64_000_000, productLot: 'LOT-2', reaction: { grade: 3 },
      deviations: [{ kind: 'OUT_OF_WINDOW', rule: 'infusionWindow', observed: '2015-06-17', allowed: '2015-06-14..2015-06-16' }] },
    { infusionNumber: 1, administeredAt: '2015-06-08T01:00:00.000Z', cellsGiven: 64_000_000, productLot: 'LOT-1', reaction: null, deviations: [] },
  ],
  assessments: [{ timepoint: 'BASELINE', visitNumber: 0, instrument: 'PASI', assessedOn: '2015-06-01' }],
  followUpVisits: [],
  cases: [{ caseId: 'AE-1', term: 'Infusion related reaction', ctcaeGrade: 3, serious: true, susar: false, currentVersion: 1, openedAt: '2015-06-17T05:00:00.000Z', updatedAt: '2015-06-17T05:00:00.000Z' }],
  holds: [{ scope: 'SUBJECT', reason: 'SR-SUBJECT: grade >= 3 infusion reaction', placedAt: '2015-06-17T05:00:01.000Z', placedBy: 'safety', liftedAt: '2015-06-20T08:00:00.000Z', liftedBy: 'dr-monitor', liftReason: 'resolved' }],
  alerts: [{ kind: 'STOPPING_RULE_HIT', severity: 'CRITICAL', summary: 'S-001 hit SR-SUBJECT', raisedAt: '2015-06-17T05:00:01.000Z', acknowledgedAt: null, acknowledgedBy: null }],
};

describe("a subject's timeline", () => {
  it('merges what the services show in time order, a date before the instants of its day', () => {
    expect(subjectTimeline(records).map((e) => `${e.at} ${e.service}: ${e.what}`)).toEqual([
      '2015-05-30 enrollment: consented (form 1.0)',
      '2015-06-01 infusion-tracking: baseline: PASI 14.2, DLQI 12',
      '2015-06-01 infusion-tracking: PASI assessed (baseline, visit 0)',
      '2015-06-01T02:00:00.000Z enrollment: screened: eligible',
      '2015-06-02T03:00:00.000Z enrollment: enrolled as #1, first infusion planned 2015-06-08',
      '2015-06-08T01:00:00.000Z infusion-tracking: infusion 1 given: 64000000 cells, lot LOT-1',
      '2015-06-17T01:00:00.000Z infusion-tracking: infusion 2 given: 64000000 cells, lot LOT-2, reaction grade 3',
      '2015-06-17T01:00:00.000Z infusion-tracking: protocol deviation at infusion 2: OUT_OF_WINDOW (infusionWindow): 2015-06-17, allowed 2015-06-14..2015-06-16',
      '2015-06-17T05:00:00.000Z safety: adverse-event case AE-1: Infusion related reaction, grade 3, serious',
      '2015-06-17T05:00:01.000Z safety: dosing hold placed by safety: SR-SUBJECT: grade >= 3 infusion reaction',
      '2015-06-17T05:00:01.000Z safety: alert STOPPING_RULE_HIT (CRITICAL): S-001 hit SR-SUBJECT',
      '2015-06-20T08:00:00.000Z safety: dosing hold lifted by dr-monitor: resolved',
    ]);
  });

  it('shows a subject screened out with the rules failed, and a withdrawal', () => {
    const subject = { ...records.subject, eligible: false, ruleResults: [{ ruleId: 'AGE', outcome: 'FAIL' as const }, { ruleId: 'EX-PREGNANCY', outcome: 'FAIL' as const }], consentDate: null, enrolledAt: null };
    const withdrawn = { ...subject, withdrawnBy: 'SUBJECT', withdrawalReason: 'moved away', withdrawalDate: '2015-07-01' };
    expect(subjectTimeline({ ...records, subject: withdrawn, baseline: null, infusions: [], assessments: [], cases: [], holds: [], alerts: [] }).map((e) => e.what)).toEqual([
      'screened: not eligible (failed AGE, EX-PREGNANCY)',
      'withdrawn by subject: moved away',
    ]);
  });

  it('shows follow-up visits as recorded, on their day', () => {
    expect(followUpEntries([
      { visitNumber: 1, recorded: { visitDate: '2015-09-01', withinWindow: false } },
      { visitNumber: 2, recorded: { visitDate: '2015-10-01', withinWindow: true } },
      { visitNumber: 3, recorded: null },
    ]).map((e) => `${e.at} ${e.what}`)).toEqual(['2015-09-01 follow-up visit 1 outside its window', '2015-10-01 follow-up visit 2 within its window']);
  });

  it('keeps entries of the same moment in the order given, and prints each as one aligned line', () => {
    const at = '2015-06-17T05:00:01.000Z';
    const merged = mergeInTimeOrder([[{ at, service: 'safety', what: 'b' }], [{ at, service: 'safety', what: 'a' }]]);
    expect(merged.map((e) => e.what)).toEqual(['b', 'a']);
    expect(timelineLine({ at: '2015-05-30', service: 'enrollment', what: 'consented' })).toBe('2015-05-30                enrollment         consented');
  });
});
