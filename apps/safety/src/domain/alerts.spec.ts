import { assertCanAcknowledge, caseAlerts, overdueAlert, type CaseView, type NewAlert } from './alerts';
import { classify } from './classification';
import { requiredReports } from './expedited-reports';
import { REFERENCE_RULES, report } from './worked-examples.fixtures';

const CLOCKS = { fatalOrLifeThreateningDays: 7, completionFollowUpDays: 8, otherSusarDays: 15 };
const view = (overrides: Parameters<typeof report>[0], version = 1): CaseView => {
  const r = report(overrides);
  return { trialId: 'NCT02491658', caseId: r.caseId, version, subjectId: r.subjectId, term: r.term, grade: r.ctcaeGrade, classification: classify(r) };
};
const reportsFor = (v: CaseView) => requiredReports([{ version: v.version, awareDate: '2015-06-10', classification: v.classification }], CLOCKS);
const told = (alerts: NewAlert[]) => new Set(alerts.flatMap((a) => a.facts));
const kinds = (alerts: NewAlert[]) => alerts.map((a) => `${a.kind} ${a.severity}`);

describe('caseAlerts: one alert per thing a monitor must act on, never twice for the same fact', () => {
  const fatal = view({ ctcaeGrade: 5, outcome: 'FATAL', seriousness: ['DEATH'], expectedness: 'UNEXPECTED', term: 'Anaphylactic shock' });

  it('raises nothing for a moderate, non-serious event', () => {
    expect(caseAlerts(view({}), [], [], new Set())).toEqual([]);
  });

  it('alerts a fatal related unexpected event as serious, SUSAR with its 7-day deadline, and grade 5', () => {
    const alerts = caseAlerts(fatal, reportsFor(fatal), [], new Set());
    expect(kinds(alerts)).toEqual(['SERIOUS_EVENT CRITICAL', 'SUSAR CRITICAL', 'SEVERE_EVENT HIGH']);
    const susar = alerts[1];
    expect(susar.dueDate).toBe('2015-06-17');
    expect(susar.nextStep).toBe(
      'Submit the expedited report to the regulators and ethics committees by 2015-06-17 (day 0: 2015-06-10) and record it ' +
        '(POST /trials/NCT02491658/cases/AE-BJ01-0001/report-submissions); the completed report is due by 2015-06-25.',
    );
  });

  it('raises nothing again for a follow-up that adds no new fact', () => {
    const first = caseAlerts(fatal, reportsFor(fatal), [], new Set());
    const followUp = { ...fatal, version: 2 };
    expect(caseAlerts(followUp, reportsFor(followUp), [], told(first))).toEqual([]);
  });

  it('alerts what a follow-up adds: a new seriousness criterion, a higher grade', () => {
    const first = caseAlerts(view({ ctcaeGrade: 3, seriousness: ['HOSPITALISATION'] }), [], [], new Set());
    expect(kinds(first)).toEqual(['SERIOUS_EVENT HIGH', 'SEVERE_EVENT MEDIUM']);
    const worse = caseAlerts(view({ ctcaeGrade: 4, seriousness: ['HOSPITALISATION', 'LIFE_THREATENING'] }, 2), [], [], told(first));
    expect(worse.map((a) => [a.kind, a.facts])).toEqual([
      ['SERIOUS_EVENT', ['serious:LIFE_THREATENING']],
      ['SEVERE_EVENT', ['grade:4']],
    ]);
    // Back down to grade 3: nothing the monitor has not been told.
    expect(caseAlerts(view({ ctcaeGrade: 3, seriousness: ['HOSPITALISATION'] }, 3), [], [], told([...first, ...worse]))).toEqual([]);
  });

  it('raises no grade alert for a follow-up that lowers the grade', () => {
    const first = caseAlerts(view({ ctcaeGrade: 4 }), [], [], new Set());
    expect(kinds(first)).toEqual(['SEVERE_EVENT HIGH']);
    expect(caseAlerts(view({ ctcaeGrade: 3 }, 2), [], [], told(first))).toEqual([]);
  });

  it('alerts a SUSAR again when a follow-up moves its deadline', () => {
    const other = view({ seriousness: ['HOSPITALISATION'], expectedness: 'UNEXPECTED' });
    const first = caseAlerts(other, reportsFor(other), [], new Set());
    expect(first.find((a) => a.kind === 'SUSAR')).toMatchObject({ severity: 'HIGH', dueDate: '2015-06-25' });
    const moved = caseAlerts(fatal, reportsFor(fatal), [], told(first));
    expect(moved.find((a) => a.kind === 'SUSAR')).toMatchObject({ severity: 'CRITICAL', dueDate: '2015-06-17' });
  });

  it('names the rule, the hold and what happens next when a stopping rule is triggered', () => {
    const reaction = view({ ctcaeGrade: 3, eventCategory: 'INFUSION_RELATED_REACTION', term: 'Infusion-related reaction' });
    const triggered = [{ rule: REFERENCE_RULES.subjectReaction, decision: { action: 'PLACE' as const, scope: 'SUBJECT' as const, subjectId: 'S-001', reason: 'r' }, holdId: 'h-1' }];
    const [, ruleAlert] = caseAlerts(reaction, [], triggered, new Set());
    expect(ruleAlert).toMatchObject({ kind: 'STOPPING_RULE_TRIGGERED', severity: 'HIGH', ruleId: 'SR-SUBJECT-INFUSION-REACTION', holdId: 'h-1' });
    expect(ruleAlert.nextStep).toBe(
      'Dosing of subject S-001 is on hold (hold h-1): no further infusions until the hold is lifted. Only a person lifts it, saying who and why (POST /trials/NCT02491658/dosing-holds/h-1/lift).',
    );

    const trial = [{ rule: REFERENCE_RULES.trialDeath, decision: { action: 'PLACE' as const, scope: 'TRIAL' as const, reason: 'r' }, holdId: 'h-2' }];
    const trialAlert = caseAlerts(fatal, [], trial, new Set()).find((a) => a.kind === 'STOPPING_RULE_TRIGGERED');
    expect(trialAlert).toMatchObject({ severity: 'CRITICAL', nextStep: expect.stringContaining('the registry suspends the trial, which stops enrollment') });

    const withdrawn = [{ rule: REFERENCE_RULES.subjectReaction, decision: { action: 'NOT_NEEDED' as const, why: 'subject S-001 has withdrawn: no further doses to hold' } }];
    expect(caseAlerts(reaction, [], withdrawn, new Set())[1].nextStep).toBe('No dosing hold placed: subject S-001 has withdrawn: no further doses to hold.');
  });
});

describe('overdueAlert', () => {
  const caseRef = { trialId: 'NCT02491658', caseId: 'C-1', version: 1, subjectId: 'S-001' };

  it('alerts an overdue report once', () => {
    const alert = overdueAlert(caseRef, { report: 'INITIAL', dueDate: '2015-06-17' }, new Set());
    expect(alert).toMatchObject({ kind: 'REPORT_OVERDUE', severity: 'CRITICAL', dueDate: '2015-06-17', facts: ['overdue:INITIAL:2015-06-17'] });
    expect(alert!.summary).toBe('The expedited report of SUSAR case C-1 (subject S-001) was due by 2015-06-17; no submission is recorded.');
    expect(overdueAlert(caseRef, { report: 'INITIAL', dueDate: '2015-06-17' }, new Set(alert!.facts))).toBeUndefined();
    expect(overdueAlert(caseRef, { report: 'COMPLETION', dueDate: '2015-06-25' }, new Set(alert!.facts))).toMatchObject({ kind: 'REPORT_OVERDUE' });
  });
});

describe('assertCanAcknowledge', () => {
  it('takes the first acknowledgement and refuses a second, naming who acknowledged', () => {
    expect(() => assertCanAcknowledge({ alertId: 'a-1', acknowledgedBy: null })).not.toThrow();
    expect(() => assertCanAcknowledge({ alertId: 'a-1', acknowledgedBy: 'Dr Wang (safety monitor)' })).toThrow(
      'alert a-1 was acknowledged already, by Dr Wang (safety monitor) [notYetAcknowledged]',
    );
  });
});
