import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '@trialstream/testing';
import { PlatformUnderTest } from './platform-under-test';
import type { ServiceProcess } from './service-process';

const REFERENCE_TRIAL = 'NCT02491658';
const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');

/** The quick start's status-change request, as the README shows it: the token's role, path and body. */
function quickStartRequest(): { role: string; path: string; body: unknown } {
  const match = readme.match(
    /(\w+)=\$\(npm run -s token -- --role (\S+)[^)\n]*\)\ncurl -X POST http:\/\/127\.0\.0\.1:3001(\/trials\/NCT02491658\/status) -H "Authorization: Bearer \$\1" \\\n[^\n]*-d '([^']+)'/,
  );
  if (!match) throw new Error('the README shows no token and curl line that changes the reference trial status');
  return { role: match[2], path: match[3], body: JSON.parse(match[4]) };
}

/** Every item of a paginated list, a page at a time. */
async function allPages(service: ServiceProcess, path: string, limit: number): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let offset = 0; ; offset += limit) {
    const { body } = await service.getJson(`${path}?limit=${limit}&offset=${offset}`);
    items.push(...body.items);
    if (offset + limit >= body.total) return items;
  }
}

describe('the HTTP API as the README documents it, on the running services', () => {
  const platform = new PlatformUnderTest();
  const { registry, downstream, probe } = platform;
  const services = downstream.map((d) => d.service);

  beforeAll(() => platform.startAll());
  afterAll(() => platform.cleanUp());

  it("opens recruitment of the reference trial with the quick start's one request; it boots as UNKNOWN", async () => {
    expect((await registry.getJson(`/trials/${REFERENCE_TRIAL}`)).body.overallStatus).toBe('UNKNOWN');
    const { role, path, body } = quickStartRequest();
    expect(await registry.postJson(path, body, {}, { role })).toMatchObject({ status: 200, body: { from: 'UNKNOWN', to: 'RECRUITING' } });
    for (const service of services) {
      await waitFor(`${service.app} to see the reference trial recruiting`, async () =>
        (await service.getJson(`/trials/${REFERENCE_TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined,
      );
    }
  });

  it('pages the registry trial list: 50 by default, at most 200, with the total', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => `NCT06${String(i).padStart(6, '0')}`);
    for (let i = 0; i < ids.length; i += 25) {
      const created = await Promise.all(ids.slice(i, i + 25).map((trialId) => registry.postJson('/trials', { trialId, briefTitle: `Listed ${trialId}` })));
      expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
    }
    const [{ count }] = await platform.query<{ count: string }>('registry', 'SELECT count(*) FROM trial');
    expect(Number(count)).toBe(207);

    const first = await registry.getJson('/trials');
    expect(first.body).toMatchObject({ total: 207, limit: 50, offset: 0 });
    expect(first.body.items).toHaveLength(50);
    expect((await registry.getJson('/trials?limit=200')).body.items).toHaveLength(200);
    expect((await registry.getJson('/trials?limit=200&offset=200')).body.items).toHaveLength(7);
    const listed = (await allPages(registry, '/trials', 40)) as { trialId: string }[];
    expect(new Set(listed.map((t) => t.trialId)).size).toBe(207);
  });

  it.each([
    ['limit=201', 'limit', 'max'],
    ['limit=0', 'limit', 'min'],
    ['limit=ten', 'limit', 'isInt'],
    ['offset=-1', 'offset', 'min'],
  ])('answers %s with 400 naming the field, on every list', async (query, field, rule) => {
    const lists: [ServiceProcess, string][] = [
      [registry, '/trials'],
      [registry, `/trials/${REFERENCE_TRIAL}/status-history`],
      [registry, '/operations/dead-letters'],
      ...services.map((s): [ServiceProcess, string] => [s, '/trials']),
      ...services.map((s): [ServiceProcess, string] => [s, '/operations/outbox/set-aside']),
    ];
    for (const [service, path] of lists) {
      const { status, body } = await service.getJson(`${path}?${query}`);
      expect({ path, status }).toEqual({ path, status: 400 });
      expect(body.violations).toContainEqual(expect.objectContaining({ field, rule }));
    }
  });

  it("pages each service's known trials the same way", async () => {
    for (const service of services) {
      await waitFor(`${service.app} to know the 207 trials`, async () => ((await service.getJson('/trials?limit=1')).body.total === 207 ? true : undefined));
      const last = await service.getJson('/trials?limit=5&offset=205');
      expect(last.body.items.map((t: { trialId: string }) => t.trialId)).toEqual(['NCT06000199', 'NCT06000200']);
      expect((await service.getJson('/trials')).body.items).toHaveLength(50);
    }
  });

  it('pages the dead letters of each service, oldest first, with the total', async () => {
    // One key, so one partition of the source topic: they are dead-lettered in this order.
    const poison = Array.from({ length: 5 }, (_, i) => ({ key: 'NCT09900000', value: `not json ${i}` }));
    await probe.produce(platform.registryTopic, poison);
    for (const service of services) {
      await waitFor(`${service.app} to dead-letter the five`, async () => ((await service.getJson('/operations/dead-letters?limit=1')).body.total === 5 ? true : undefined));
      const page = await service.getJson('/operations/dead-letters?limit=2');
      expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 0 });
      expect(page.body.items).toEqual([
        expect.objectContaining({ offset: '0', key: 'NCT09900000', kind: 'MALFORMED_JSON', value: 'not json 0', sourceTopic: platform.registryTopic }),
        expect.objectContaining({ offset: '1', key: 'NCT09900000', value: 'not json 1' }),
      ]);
      expect(page.body.items[0].reason).toMatch(/^message is not valid JSON/);
      expect((await service.getJson('/operations/dead-letters?limit=2&offset=4')).body.items.map((d: { value: string }) => d.value)).toEqual(['not json 4']);
      const all = (await allPages(service, '/operations/dead-letters', 2)) as { value: string }[];
      expect(all.map((d) => d.value)).toEqual(poison.map((p) => p.value));
    }
    // The registry does not read its own topic, so it dead-lettered none of them.
    expect((await registry.getJson('/operations/dead-letters')).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
  });

  it("serves each service's part of a trial under its own path, beside the known trial", async () => {
    for (const { service, part } of downstream) {
      expect((await service.getJson(`/trials/${REFERENCE_TRIAL}/${part}`)).body).toMatchObject({ trialId: REFERENCE_TRIAL, protocolVersion: 1 });
      expect((await service.getJson(`/trials/${REFERENCE_TRIAL}`)).body).toMatchObject({ trialId: REFERENCE_TRIAL, overallStatus: 'RECRUITING' });
      const { body } = await service.getJson('/docs-json');
      expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/trials', '/trials/{trialId}', `/trials/{trialId}/${part}`]));
    }
  });
});
