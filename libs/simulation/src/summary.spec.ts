import { buildSummary, type PlatformReadings } from './summary';
import { summaryTable } from './summary-table';

const rule = (ruleId: string, outcome: 'PASS' | 'FAIL') => ({ ruleId, outcome });
const infusions = (given: number[], windowCloses = '2027-05-01') =>
  [1, 2, 3].map((number) => ({ kind: 'INFUSION', number, status: given.includes(number) ? 'ADMINISTERED' : 'PLANNED', windowCloses }));
const followUps = (recorded: (boolean | null)[]) => recorded.map((within, i) => ({ visitNumber: i + 1, recorded: within === null ? null : { withinWindow: within } }));

/** A small trial at its end: three screened (one too old), two enrolled, one of whom missed an infusion and the last visit. */
const READINGS: PlatformReadings = {
  trialStatus: 'ACTIVE_NOT_RECRUITING',
  subjects: [
    { subjectId: 'S-1', status: 'ENROLLED', eligible: true, consentDate: '2027-01-01', enrollmentNumber: 1, ruleResults: [rule('IN-AGE', 'PASS')] },
    { subjectId: 'S-2', status: 'SCREENED', eligible: false, consentDate: null, enrollmentNumber: null, ruleResults: [rule('IN-AGE', 'FAIL'), rule('IN-BASELINE-PASI', 'PASS')] },
    { subjectId: 'S-3', status: 'ENROLLED', eligible: true, consentDate: '2027-01-01', enrollmentNumber: 2, ruleResults: [rule('IN-AGE', 'PASS')] },
    { subjectId: 'S-4', status: 'SCREENED', eligible: true, consentDate: '2027-01-01', enrollmentNumber: null, ruleResults: [rule('IN-AGE', 'PASS')] },
  ],
  visits: {
    'S-1': [...infusions([1, 2, 3]), { kind: 'FOLLOW_UP', number: 1, status: 'PLANNED', windowCloses: '2027-06-01' }],
    // Infusion 2's window closed on the last day before today: missed. Today itself would still be open.
    'S-3': [...infusions([1, 3], '2027-08-09')],
  },
  followUps: { 'S-1': followUps([true, false]), 'S-3': followUps([true, null]) },
  deviations: [{ kind: 'OUTSIDE_WINDOW' }, { kind: 'DOSE_OUTSIDE_TOLERANCE' }, { kind: 'OUTSIDE_WINDOW' }],
  assessmentSummary: [
    { timepoint: 'AFTER_INFUSION', visitNumber: 3, assessed: 2, pasi: { assessed: 2, pasi50: 2, pasi75: 1, pasi90: 0, pasi100: 0 }, dlqi: { scored: 2, minimalImportantDifference: 1 } },
  ],
  cases: [
    { caseId: 'AE-1', ctcaeGrade: 1, serious: false, susar: false, clocks: [], submissions: [] },
    { caseId: 'S-1-IRR-2', ctcaeGrade: 3, serious: false, susar: false, clocks: [], submissions: [] },
    // Due on 2027-03-15 in Beijing; submitted at 23:30 there that day (15:30 UTC): on time.
    { caseId: 'SAE-1', ctcaeGrade: 3, serious: true, susar: true, clocks: [{ report: 'INITIAL', status: 'SUBMITTED', dueDate: '2027-03-15' }], submissions: [{ report: 'INITIAL', submittedAt: '2027-03-15T15:30:00Z' }] },
    // Submitted at 00:30 the next day in Beijing (16:30 UTC on the due day): late.
    { caseId: 'SAE-2', ctcaeGrade: 3, serious: true, susar: true, clocks: [{ report: 'INITIAL', status: 'SUBMITTED', dueDate: '2027-03-15' }], submissions: [{ report: 'INITIAL', submittedAt: '2027-03-15T16:30:00Z' }] },
    { caseId: 'SAE-3', ctcaeGrade: 4, serious: true, susar: true, clocks: [{ report: 'INITIAL', status: 'OVERDUE', dueDate: '2027-04-01' }], submissions: [] },
  ],
  alerts: [{ kind: 'SEVERE_EVENT' }, { kind: 'STOPPING_RULE_TRIGGERED' }, { kind: 'SEVERE_EVENT' }],
  holds: [{ scope: 'SUBJECT', liftedAt: '2027-02-01T00:00:00Z' }, { scope: 'SUBJECT', liftedAt: null }],
  today: '2027-08-10',
  timeZone: 'Asia/Shanghai',
};

describe('buildSummary', () => {
  it('counts recruitment, treatment, response, follow-up and safety from what the services answer', () => {
    expect(buildSummary(READINGS)).toEqual({
      trialStatus: 'ACTIVE_NOT_RECRUITING',
      recruitment: { screened: 4, eligible: 3, screenFailuresByRule: { 'IN-AGE': 1 }, consented: 3, enrolled: 2, eligibleNotEnrolled: 1 },
      treatment: { infusionsGiven: 5, missedInfusions: 1, completedTreatment: 2, deviationsByKind: { DOSE_OUTSIDE_TOLERANCE: 1, OUTSIDE_WINDOW: 2 } },
      response: { timepoint: 'after infusion 3', assessed: 2, pasi50: 2, pasi75: 1, pasi90: 0, dlqiMinimalImportantDifference: 1 },
      followUp: { visitsRecorded: 3, outsideWindow: 1, missedVisits: 1, completedFollowUp: 1 },
      safety: {
        cases: 5,
        byGrade: { 'grade 1': 1, 'grade 3': 3, 'grade 4': 1 },
        serious: 3,
        nonSerious: 2,
        susars: 3,
        dosingHolds: { placed: 2, lifted: 1 },
        alertsByKind: { SEVERE_EVENT: 2, STOPPING_RULE_TRIGGERED: 1 },
        expeditedReports: { due: 3, submitted: 2, submittedOnTime: 1, overdue: 1 },
      },
    });
  });

  it('has no response before anyone is assessed after the last infusion, and counts nothing of an empty trial', () => {
    const empty: PlatformReadings = { ...READINGS, subjects: [], visits: {}, followUps: {}, deviations: [], assessmentSummary: [], cases: [], alerts: [], holds: [] };
    const summary = buildSummary(empty);
    expect(summary.response).toBeNull();
    expect(summary.recruitment).toEqual({ screened: 0, eligible: 0, screenFailuresByRule: {}, consented: 0, enrolled: 0, eligibleNotEnrolled: 0 });
    expect(summary.safety.expeditedReports).toEqual({ due: 0, submitted: 0, submittedOnTime: 0, overdue: 0 });
  });
});

describe('summaryTable', () => {
  it('prints one line per count, breakdowns by name', () => {
    const lines = summaryTable(buildSummary(READINGS)).split('\n');
    expect(lines).toContain('screen failures (rule)                                 1: IN-AGE 1');
    expect(lines).toContain('protocol deviations                                    DOSE_OUTSIDE_TOLERANCE 1, OUTSIDE_WINDOW 2');
    expect(lines).toContain('expedited reports due / submitted (on time) / overdue  3 / 2 (1) / 1');
  });
});
