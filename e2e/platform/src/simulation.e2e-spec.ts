import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planSimulation, runSimulation, type SimulationOptions, type SimulationResult } from '@trialstream/simulation';
import { kafkaBrokers, testToken } from '@trialstream/testing';
import { PlatformUnderTest } from './platform-under-test';

const ADJUSTABLE = { CLOCK_ADJUSTABLE: 'true' };
const SOURCE = 'NCT02491658';

/** A count per key from rows of { key, n }. */
const counts = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));

/**
 * The simulation end to end: a short seeded rehearsal of the reference trial through the four
 * services, twice with the same seed. Its summary, read from the services' APIs, must match what
 * their databases hold, and the two runs must agree.
 */
describe('the simulation: a seeded rehearsal of the reference trial through the real services', () => {
  const platform = new PlatformUnderTest();
  const { registry } = platform;
  const [{ service: enrollment }, { service: infusion }, { service: safety }] = platform.downstream;
  const out = mkdtempSync(join(tmpdir(), 'trialstream-simulation-'));
  let first: SimulationResult;
  let second: SimulationResult;

  const options = (): SimulationOptions => ({
    seed: 11,
    subjects: 6,
    sourceTrial: SOURCE,
    out,
    urls: { registry: registry.url, enrollment: enrollment.url, infusion: infusion.url, safety: safety.url },
    sign: (caller) => testToken(caller),
    kafka: { brokers: kafkaBrokers(), topicPrefix: platform.prefix },
    progress: false,
  });

  beforeAll(async () => {
    await Promise.all(platform.downstream.map(({ service }) => service.start(ADJUSTABLE)));
    await registry.start(ADJUSTABLE);
  });

  afterAll(async () => {
    await platform.cleanUp();
    rmSync(out, { recursive: true, force: true });
  });

  it('runs the trial to the end of follow-up and counts what the databases hold', async () => {
    first = await runSimulation(options());
    const { summary, trialId, plan } = first;
    const trial = [trialId];

    expect(trialId).toMatch(/^NCT99\d{6}$/);
    expect(plan.target).toBe(6);
    const [subjects] = await platform.query<{ screened: number; eligible: number; enrolled: number }>(
      'enrollment',
      'SELECT count(*)::int AS screened, count(*) FILTER (WHERE eligible)::int AS eligible, count(enrollment_number)::int AS enrolled FROM subject WHERE trial_id = $1',
      trial,
    );
    expect(summary.recruitment).toMatchObject({ screened: subjects.screened, eligible: subjects.eligible, enrolled: subjects.enrolled });
    expect(subjects.enrolled).toBe(6);
    expect(summary.recruitment.eligibleNotEnrolled).toBeGreaterThanOrEqual(1);

    const [infusions] = await platform.query<{ given: number }>('infusion-tracking', "SELECT count(*)::int AS given FROM subject_visit WHERE trial_id = $1 AND kind = 'INFUSION' AND status = 'ADMINISTERED'", trial);
    expect(summary.treatment.infusionsGiven).toBe(infusions.given);
    const deviations = await platform.query<{ key: string; n: number }>('infusion-tracking', 'SELECT kind AS key, count(*)::int AS n FROM protocol_deviation WHERE trial_id = $1 GROUP BY kind', trial);
    expect(summary.treatment.deviationsByKind).toEqual(counts(deviations));
    expect(summary.treatment.deviationsByKind).toMatchObject({ DOSE_OUTSIDE_TOLERANCE: 1, OUTSIDE_WINDOW: 1 });
    expect(summary.treatment.missedInfusions).toBe(1);
    const [responders] = await platform.query<{ assessed: number; pasi75: number }>(
      'infusion-tracking',
      "SELECT count(*)::int AS assessed, count(*) FILTER (WHERE (response->>'pasi75')::boolean)::int AS pasi75 FROM assessment WHERE trial_id = $1 AND instrument = 'PASI' AND timepoint = 'AFTER_INFUSION'",
      trial,
    );
    expect(summary.response).toMatchObject({ assessed: 6, pasi75: responders.pasi75 });
    expect(responders.assessed).toBe(6);
    const [followUps] = await platform.query<{ n: number }>('infusion-tracking', 'SELECT count(*)::int AS n FROM follow_up_visit WHERE trial_id = $1', trial);
    expect(summary.followUp.visitsRecorded).toBe(followUps.n);

    const grades = await platform.query<{ key: string; n: number }>('safety', "SELECT 'grade ' || ctcae_grade AS key, count(*)::int AS n FROM ae_case WHERE trial_id = $1 GROUP BY ctcae_grade", trial);
    expect(summary.safety.byGrade).toEqual(counts(grades));
    const [cases] = await platform.query<{ all: number; serious: number; susars: number }>(
      'safety',
      'SELECT count(*)::int AS all, count(*) FILTER (WHERE serious)::int AS serious, count(*) FILTER (WHERE susar)::int AS susars FROM ae_case WHERE trial_id = $1',
      trial,
    );
    expect(summary.safety).toMatchObject({ cases: cases.all, serious: cases.serious, susars: cases.susars });
    const alerts = await platform.query<{ key: string; n: number }>('safety', 'SELECT kind AS key, count(*)::int AS n FROM safety_alert WHERE trial_id = $1 GROUP BY kind', trial);
    expect(summary.safety.alertsByKind).toEqual(counts(alerts));
    const [holds] = await platform.query<{ placed: number; lifted: number }>('safety', 'SELECT count(*)::int AS placed, count(lifted_at)::int AS lifted FROM dosing_hold WHERE trial_id = $1', trial);
    expect(summary.safety.dosingHolds).toEqual(holds);
    expect(holds).toEqual({ placed: 1, lifted: 1 });
    const [reports] = await platform.query<{ due: number; submitted: number }>(
      'safety',
      'SELECT (SELECT count(*)::int FROM expedited_report_clock WHERE trial_id = $1) AS due, (SELECT count(*)::int FROM report_submission WHERE trial_id = $1) AS submitted',
      trial,
    );
    expect(summary.safety.expeditedReports).toMatchObject({ due: reports.due, submitted: reports.submitted, submittedOnTime: reports.submitted, overdue: 0 });
    const [{ overall_status }] = await platform.query<{ overall_status: string }>('registry', 'SELECT overall_status FROM trial WHERE trial_id = $1', trial);
    expect(summary.trialStatus).toBe(overall_status);
    expect(overall_status).toBe('ACTIVE_NOT_RECRUITING');

    expect(JSON.parse(readFileSync(first.files.summary, 'utf8')).summary).toEqual(summary);
    expect(readFileSync(first.files.chart, 'utf8')).toMatch(/^<svg[\s\S]*PASI[\s\S]*<\/svg>$/);
  }, 900_000);

  it('gives the same plan and the same summary for the same seed', async () => {
    const { plan } = first;
    const protocol = (await registry.getJson(`/trials/${first.trialId}/protocol-versions/1`)).body.protocol;
    expect(planSimulation(protocol, { seed: 11, subjects: 6, day0: plan.day0 })).toEqual(plan);

    second = await runSimulation(options());
    expect(second.trialId).not.toBe(first.trialId);
    expect(second.summary).toEqual(first.summary);
    // Same file name for the same seed: the chart's title names the trial copy, so this is the second run's.
    expect(readFileSync(second.files.chart, 'utf8')).toContain(second.trialId);
  }, 900_000);
});
