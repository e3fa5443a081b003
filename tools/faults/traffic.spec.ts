import { parseFaultOptions } from './options';
import { faultTable } from './report';
import { phaseTraffic } from './traffic';

describe('phaseTraffic: what a phase sends', () => {
  const traffic = phaseTraffic({ tag: 'T', trialId: 'NCT02491658', phase: 'copies', subjects: 100, rescreenEvery: 20, resendEvery: 10, rejections: 6, adverseEventsOf: ['E-1', 'E-2', 'E-3', 'E-4'] });
  const envelopes = traffic.messages.filter((m) => m.value.startsWith('{"eventId') && !m.value.endsWith('truncated')).map((m) => JSON.parse(m.value));

  it('screens every subject once, every 20th twice (ineligible, then eligible), every 7th otherwise ineligible', () => {
    expect(traffic.screenings).toHaveLength(105);
    const twice = traffic.screenings.filter((s) => s.subjectId === 'T-copies-19');
    expect(twice.map((s) => s.eligible)).toEqual([false, true]);
    expect(traffic.screenings.find((s) => s.subjectId === 'T-copies-6')?.eligible).toBe(false);
  });

  it('sends every 10th screening again with the same bytes, after the original', () => {
    expect(traffic.resent).toHaveLength(10);
    const copy = traffic.resent[0];
    const positions = envelopes.map((e, i) => (e.eventId === copy ? i : -1)).filter((i) => i >= 0);
    expect(positions).toHaveLength(2);
  });

  it('reports an adverse event of each enrolled subject three times (once more as is, once in a new message), and the poison in three kinds', () => {
    expect(traffic.adverseEvents.map((a) => a.subjectId)).toEqual(['E-1', 'E-2', 'E-3', 'E-4']);
    const reports = envelopes.filter((e) => e.type === 'AdverseEventReported' && e.subjectId === 'E-2');
    expect(reports).toHaveLength(3);
    expect(new Set(reports.map((e) => e.payload.reportId)).size).toBe(1);
    expect(new Set(reports.map((e) => e.eventId)).size).toBe(2);
    expect(traffic.rejections.map((r) => r.what)).toEqual(['not JSON', 'unknown version', 'invalid screening', 'not JSON', 'unknown version', 'invalid screening']);
    expect(envelopes.some((e) => e.version === 99)).toBe(true);
  });

  it('puts the adverse events among the last subjects when they are to arrive late', () => {
    const late = phaseTraffic({ tag: 'T', trialId: 'NCT02491658', phase: 'safety', subjects: 20, adverseEventsOf: ['E-1', 'E-2'], reportsLate: true });
    const types = late.messages.map((m) => JSON.parse(m.value).type as string);
    const firstReport = types.indexOf('AdverseEventReported');
    expect(late.adverseEvents.map((a) => a.subjectId)).toEqual(['E-1', 'E-2']);
    expect(types.slice(0, firstReport).filter((t) => t === 'ScreeningSubmitted')).toHaveLength(19);
  });

  it("reports each infused subject's six infusions once, in order, on the planned days with the protocol's dose", () => {
    const infusing = phaseTraffic({ tag: 'T', trialId: 'NCT02491658', phase: 'infusions', subjects: 20, infusionsOf: ['E-1', 'E-2', 'E-3'] });
    const reports = infusing.messages.map((m) => JSON.parse(m.value)).filter((e) => e.type === 'InfusionAdministrationSubmitted');
    expect(infusing.infusions).toHaveLength(18);
    const ofE2 = reports.filter((e) => e.subjectId === 'E-2').map((e) => e.payload);
    expect(ofE2.map((r) => r.infusionNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ofE2.map((r) => r.administeredAt.slice(0, 10))).toEqual(['2015-06-08', '2015-06-15', '2015-06-22', '2015-06-29', '2015-07-13', '2015-07-27']);
    expect(ofE2.every((r) => r.cellsGiven === 1_000_000 * r.bodyWeightKg)).toBe(true);
    expect(infusing.screenings).toHaveLength(20);
  });

  it("reports each infused subject's five follow-up visits after all of its infusions, on their planned days", () => {
    const infusing = phaseTraffic({ tag: 'T', trialId: 'NCT02491658', phase: 'infusions', subjects: 10, infusionsOf: ['E-1', 'E-2', 'E-3'] });
    const ofE3 = infusing.messages.map((m) => JSON.parse(m.value)).filter((e) => e.subjectId === 'E-3');
    expect(ofE3.map((e) => `${e.type === 'FollowUpVisitSubmitted' ? 'visit' : 'infusion'} ${e.payload.visitNumber ?? e.payload.infusionNumber}`)).toEqual([
      'infusion 1', 'infusion 2', 'infusion 3', 'infusion 4', 'infusion 5', 'infusion 6', 'visit 1', 'visit 2', 'visit 3', 'visit 4', 'visit 5',
    ]);
    expect(ofE3.filter((e) => e.type === 'FollowUpVisitSubmitted').map((e) => e.payload.visitDate)).toEqual(['2015-08-26', '2015-10-26', '2016-01-25', '2016-04-25', '2016-07-26']);
    expect(infusing.followUps).toHaveLength(15);
    expect(infusing.screenings).toHaveLength(10);
  });

  it('delivers each subject\'s reports as 2, 1, 4, 3, 5, 6 when reordered', () => {
    const reordered = phaseTraffic({ tag: 'T', trialId: 'NCT02491658', phase: 'reorder', subjects: 20, infusionsOf: ['E-1', 'E-2'], reorderInfusions: true });
    expect(reordered.infusions.filter((r) => r.subjectId === 'E-1').map((r) => r.infusionNumber)).toEqual([2, 1, 4, 3, 5, 6]);
  });
});

describe('options and the table', () => {
  it('defaults to a full run of 1,650 subjects per phase, 150 when quick, and refuses what it does not know', () => {
    expect(parseFaultOptions([])).toMatchObject({ quick: false, subjectsPerPhase: 1_650, brokerPort: 9392 });
    expect(parseFaultOptions(['--quick', '--broker-port', '9292'])).toMatchObject({ quick: true, subjectsPerPhase: 150, brokerPort: 9292 });
    expect(parseFaultOptions(['--cluster', '--postgres-restart'])).toMatchObject({ cluster: true, brokerPort: 29092, controllerPort: 29192, postgresRestartPort: 5532 });
    expect(parseFaultOptions(['--phases', 'broker,overlap'])).toMatchObject({ phases: ['broker', 'overlap'] });
    expect(parseFaultOptions(['--cluster', '--netns'])).toMatchObject({ cluster: true, netns: true });
    expect(() => parseFaultOptions(['--netns'])).toThrow('--netns applies to the three-broker cluster');
    expect(() => parseFaultOptions(['--phases'])).toThrow('--phases needs phase names');
    expect(() => parseFaultOptions(['--subjects', '-3'])).toThrow('positive whole number');
    expect(() => parseFaultOptions(['--fast'])).toThrow('unknown option --fast');
  });

  it('prints one row per fault with dashes where nothing was injected', () => {
    const table = faultTable([{ phase: 'calm', fault: 'none', accepted: 1_000, lost: 0, duplicated: 0, redelivered: 0, problems: [] }, { phase: 'kill', fault: 'SIGKILL', accepted: 10, inFlight: 7, lost: 1, duplicated: 0, redelivered: 0, problems: [], recoverMs: 4_250 }]);
    expect(table.split('\n')).toHaveLength(4);
    expect(table).toMatch(/none\s+1,000\s+-\s+0\s+0\s+-/);
    expect(table).toMatch(/SIGKILL\s+10\s+7\s+1\s+0\s+4\.3 s/);
  });
});
