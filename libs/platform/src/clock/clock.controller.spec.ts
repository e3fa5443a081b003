import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { OperatorCommands } from '../audit/operator-commands';
import { requestValidationPipe } from '../http/validation';
import { AdjustableClock, Clock, SystemClock } from './clock';
import { ClockController } from './clock.controller';

const DAY_MS = 86_400_000;

/** The controller behind the real validation pipe, over HTTP on a free local port. */
async function serve(clock: Clock): Promise<{ app: INestApplication; url: string }> {
  // Recording operators' commands is the audit trail's business (audit-trail.e2e-spec): here they just run.
  const commands = { run: (_command: string, _parameters: object, work: () => unknown) => work() };
  const module = await Test.createTestingModule({
    controllers: [ClockController],
    providers: [{ provide: Clock, useValue: clock }, { provide: OperatorCommands, useValue: commands }],
  }).compile();
  const app = module.createNestApplication({ logger: false });
  app.useGlobalPipes(requestValidationPipe());
  await app.listen(0, '127.0.0.1');
  return { app, url: `${await app.getUrl()}/operations/clock` };
}

const json = async (response: Response) => (await response.json()) as Record<string, unknown>;
const advance = (url: string, body: object) =>
  fetch(`${url}/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('ClockController with an adjustable clock', () => {
  const realTime = new Date('2026-01-10T08:00:00Z').getTime();
  const clock = new AdjustableClock(() => realTime);
  let app: INestApplication;
  let url: string;

  beforeAll(async () => ({ app, url } = await serve(clock)));
  afterAll(() => app.close());

  it('reads now, the offset and that it may be advanced', async () => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ now: '2026-01-10T08:00:00.000Z', offsetMs: 0, adjustable: true });
  });

  it('advances by days, hours and minutes added up, then to an instant', async () => {
    const byDuration = await advance(url, { days: 1, hours: 2, minutes: 30 });
    expect(byDuration.status).toBe(200);
    expect(await json(byDuration)).toEqual({ now: '2026-01-11T10:30:00.000Z' });

    const toInstant = await advance(url, { to: '2027-01-10T08:00:00+01:00' });
    expect(await json(toInstant)).toEqual({ now: '2027-01-10T07:00:00.000Z' });
    expect(clock.offsetMs).toBe(365 * DAY_MS - 3_600_000);
  });

  it('refuses to move back with 409', async () => {
    const response = await advance(url, { to: '2026-06-01T00:00:00Z' });
    expect(response.status).toBe(409);
    expect((await json(response)).message).toBe('the clock only moves forward: 2026-06-01T00:00:00.000Z is before now (2027-01-10T07:00:00.000Z)');
  });

  it.each([
    [{}, 'to: give days, hours and/or minutes to advance by, or to (the instant to advance to), not both [durationOrTo]'],
    [{ days: 1, to: '2030-01-01T00:00:00Z' }, 'to: give days, hours and/or minutes to advance by, or to (the instant to advance to), not both [durationOrTo]'],
    [{ hours: -1 }, 'hours: hours must not be less than 0 [min]'],
    [{ days: 36_526 }, 'days: days must not be greater than 36525 [max]'],
    [{ to: '2030-01-01' }, 'to: to must be an ISO 8601 date-time with a UTC offset, e.g. 2027-01-10T08:00:00Z [isDateTimeWithOffset]'],
    [{ to: '2030-02-30T00:00:00Z' }, 'to: to must be an ISO 8601 date-time with a UTC offset, e.g. 2027-01-10T08:00:00Z [isDateTimeWithOffset]'],
    [{ weeks: 1, days: 7 }, 'weeks: weeks is not a known field [unknownField]'],
  ])('refuses %j with 400 naming the field and rule', async (body, message) => {
    const before = clock.offsetMs;
    const response = await advance(url, body);
    expect(response.status).toBe(400);
    expect((await json(response)).message).toBe(message);
    expect(clock.offsetMs).toBe(before);
  });

  it('accepts advancing by 0', async () => {
    const before = clock.now().toISOString();
    const response = await advance(url, { minutes: 0 });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ now: before });
  });
});

describe('ClockController with the real-time clock', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => ({ app, url } = await serve(new SystemClock())));
  afterAll(() => app.close());

  it('reads real time, not adjustable', async () => {
    const reading = await json(await fetch(url));
    expect(reading).toMatchObject({ offsetMs: 0, adjustable: false });
    expect(Math.abs(new Date(reading.now as string).getTime() - Date.now())).toBeLessThan(5000);
  });

  it('refuses to advance with 403', async () => {
    const response = await advance(url, { days: 1 });
    expect(response.status).toBe(403);
    expect((await json(response)).message).toBe('the clock is fixed to real time; only a service started with CLOCK_ADJUSTABLE=true can be advanced');
  });
});
