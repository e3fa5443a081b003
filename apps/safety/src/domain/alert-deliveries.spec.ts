import { afterFailure, backoffAfter, isDeliverableUrl, isPublicAddress, privateHostOf, signatureHeader, subscriptionWants } from './alert-deliveries';

describe('subscriptionWants: a subscription takes its trial, or every trial, from its severity up', () => {
  const alert = (severity: 'CRITICAL' | 'HIGH' | 'MEDIUM', trialId = 'NCT02491658') => ({ trialId, severity });

  it('takes every alert of every trial when it names neither', () => {
    const all = { trialId: null, minimumSeverity: null };
    expect([alert('MEDIUM'), alert('CRITICAL', 'NCT00000001')].map((a) => subscriptionWants(all, a))).toEqual([true, true]);
  });

  it('takes only its own trial', () => {
    const one = { trialId: 'NCT02491658', minimumSeverity: null };
    expect(subscriptionWants(one, alert('HIGH'))).toBe(true);
    expect(subscriptionWants(one, alert('CRITICAL', 'NCT00000001'))).toBe(false);
  });

  it('takes its minimum severity and the graver ones, not the milder', () => {
    const fromHigh = { trialId: null, minimumSeverity: 'HIGH' as const };
    expect(['CRITICAL', 'HIGH', 'MEDIUM'].map((s) => subscriptionWants(fromHigh, alert(s as 'HIGH')))).toEqual([true, true, false]);
    const critical = { trialId: 'NCT02491658', minimumSeverity: 'CRITICAL' as const };
    expect(['CRITICAL', 'HIGH', 'MEDIUM'].map((s) => subscriptionWants(critical, alert(s as 'HIGH')))).toEqual([true, false, false]);
    expect(subscriptionWants({ trialId: null, minimumSeverity: 'MEDIUM' }, alert('MEDIUM'))).toBe(true);
  });
});

describe('isDeliverableUrl: https anywhere, http to this machine only', () => {
  it.each([
    ['https://pv.example.org/hooks/trialstream', true],
    ['http://127.0.0.1:8080/alerts', true],
    ['http://localhost/alerts', true],
    ['http://pv.example.org/alerts', false],
    ['http://localhost.example.org/alerts', false],
    ['http://127.0.0.1.example.org/alerts', false],
    ['https://user:pass@pv.example.org/alerts', false],
    ['ftp://127.0.0.1/alerts', false],
    ['not a url', false],
  ])('%s: %s', (url, deliverable) => {
    expect(isDeliverableUrl(url)).toBe(deliverable);
  });
});

describe('isPublicAddress: where an alert may go unless private addresses are allowed', () => {
  it.each([
    ['8.8.8.8', true],
    ['9.255.255.255', true],
    ['10.0.0.0', false],
    ['10.255.255.255', false],
    ['11.0.0.0', true],
    ['100.63.255.255', true],
    ['100.64.0.0', false],
    ['100.127.255.255', false],
    ['100.128.0.0', true],
    ['127.0.0.1', false],
    ['169.254.169.254', false],
    ['172.15.255.255', true],
    ['172.16.0.0', false],
    ['172.31.255.255', false],
    ['172.32.0.0', true],
    ['192.168.1.10', false],
    ['198.18.0.1', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['223.255.255.255', true],
    ['0.0.0.0', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fd12:3456::1', false],
    ['ff02::1', false],
    ['2001:db8::1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['::ffff:7f00:1', false],
    ['::ffff:a00:1', false],
    ['::ffff:808:808', true],
    ['::8.8.8.8', false],
    ['2002:c000:0204::1', false],
    ['2001:0:4136:e378::1', false],
    ['2001:4860:4860::8888', true],
    ['2606:4700:4700::1111', true],
    ['pv.example.org', false],
  ])('%s: %s', (address, isPublic) => {
    expect(isPublicAddress(address)).toBe(isPublic);
  });
});

describe('privateHostOf: an endpoint naming this machine or a non-public address outright', () => {
  it.each([
    ['http://localhost:8080/alerts', 'localhost'],
    ['http://127.0.0.1:8080/alerts', '127.0.0.1'],
    ['https://10.1.2.3/alerts', '10.1.2.3'],
    ['https://169.254.169.254/latest/meta-data', '169.254.169.254'],
    ['https://[::1]/alerts', '::1'],
    ['https://[::ffff:127.0.0.1]/alerts', '::ffff:7f00:1'],
    ['https://[fd00::5]:8443/alerts', 'fd00::5'],
    ['https://8.8.8.8/alerts', undefined],
    ['https://pv.example.org/alerts', undefined],
  ])('%s: %s', (url, host) => {
    expect(privateHostOf(url)).toBe(host);
  });
});

describe('signatureHeader: HMAC-SHA256 of "<t>.<body>" with the subscription secret', () => {
  it('matches the worked example (openssl dgst -sha256 -hmac whsec_example)', () => {
    const body = '{"alertId":"7b0c","severity":"CRITICAL"}';
    expect(signatureHeader('whsec_example', body, 1767225600)).toBe('t=1767225600,v1=9ef72f207ab0860ad8489a7d1f051195026c8b0c9e3a5613ed2c3e3c7b7a0bcf');
  });

  it('changes with the body, the time and the secret', () => {
    const signed = signatureHeader('whsec_example', '{}', 1767225600);
    expect(signatureHeader('whsec_example', '{ }', 1767225600)).not.toBe(signed);
    expect(signatureHeader('whsec_example', '{}', 1767225601).split(',v1=')[1]).not.toBe(signed.split(',v1=')[1]);
    expect(signatureHeader('whsec_other', '{}', 1767225600)).not.toBe(signed);
  });
});

describe('retries: capped exponential back-off, dead-lettered at the give-up time', () => {
  const settings = { backoffMs: 1000, maxBackoffMs: 60_000, giveUpAfterMs: 3_600_000 };
  const queued = new Date('2026-01-01T00:00:00Z');
  const at = (ms: number) => new Date(queued.getTime() + ms);

  it('waits 1, 2, 4... seconds after each failure, never more than the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffAfter(n, settings))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(backoffAfter(60, settings)).toBe(60_000);
    expect(backoffAfter(2000, settings)).toBe(60_000);
  });

  it('tries again after the back-off while there is time', () => {
    expect(afterFailure(1, queued, at(0), settings)).toEqual({ status: 'PENDING', nextAttemptAt: at(1000) });
    expect(afterFailure(10, queued, at(600_000), settings)).toEqual({ status: 'PENDING', nextAttemptAt: at(660_000) });
  });

  it('makes the last attempt at the give-up time, not after it', () => {
    expect(afterFailure(20, queued, at(3_599_000), settings)).toEqual({ status: 'PENDING', nextAttemptAt: at(3_600_000) });
    expect(afterFailure(20, queued, at(3_599_999), settings)).toEqual({ status: 'PENDING', nextAttemptAt: at(3_600_000) });
  });

  it('dead-letters a delivery that fails at or after its give-up time', () => {
    expect(afterFailure(21, queued, at(3_600_000), settings)).toEqual({ status: 'DEAD_LETTERED' });
    expect(afterFailure(21, queued, at(7_200_000), settings)).toEqual({ status: 'DEAD_LETTERED' });
  });
});
