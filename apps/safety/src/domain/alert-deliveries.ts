import { createHmac } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { ALERT_SEVERITIES, type AlertSeverity } from '@trialstream/contracts';

/** What a subscription asks for: one trial's alerts or every trial's, from a severity up. */
export interface AlertFilter {
  trialId: string | null;
  minimumSeverity: AlertSeverity | null;
}

/** ALERT_SEVERITIES lists the gravest first. */
const rank = (severity: AlertSeverity) => ALERT_SEVERITIES.length - ALERT_SEVERITIES.indexOf(severity);

/** Whether an alert of this trial and severity goes to the subscription. */
export function subscriptionWants(filter: AlertFilter, alert: { trialId: string; severity: AlertSeverity }): boolean {
  if (filter.trialId !== null && filter.trialId !== alert.trialId) return false;
  return filter.minimumSeverity === null || rank(alert.severity) >= rank(filter.minimumSeverity);
}

/**
 * An endpoint alerts may go to: https, or plain http only to this machine (a receiver beside the
 * service, as in tests); no credentials in the URL, since URLs are shown to every reader of the list.
 */
export function isDeliverableUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname));
}

// Addresses that are not on the public internet: this host, private and shared networks, link-local
// (cloud metadata endpoints among them), documentation, benchmarking, multicast and reserved ranges.
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 3],
] as const) NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
// IPv6: unspecified, loopback and IPv4-compatible (::/96), NAT64, discard, Teredo, documentation, 6to4, unique local, link-local, multicast.
for (const [network, prefix] of [
  ['::', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 32], ['2001:db8::', 32], ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/**
 * Whether an address is on the public internet, where an alert may go unless private ones are
 * allowed: a subscriber's URL must not make the service post to itself, its network or a cloud
 * metadata endpoint. An IPv4 address mapped into IPv6 is judged as the IPv4 address.
 */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]);
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The host of an endpoint's URL when it names this machine or a non-public address outright
 * (localhost, 10.1.2.3, [::1]); undefined for a public address or a name, which is checked when it
 * is looked up.
 */
export function privateHostOf(url: string): string | undefined {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || (isIP(host) !== 0 && !isPublicAddress(host))) return host;
  return undefined;
}

/**
 * The `Trialstream-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The
 * time is signed with the body, so a receiver can refuse an old request sent again.
 */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

export interface RetrySettings {
  /** Wait after the first failed attempt; it doubles with each failure... */
  backoffMs: number;
  /** ...up to this. */
  maxBackoffMs: number;
  /** A delivery still failing this long after it was queued (or replayed) is dead-lettered. */
  giveUpAfterMs: number;
}

/** How long to wait after the n-th failed attempt (n from 1): doubling from backoffMs, capped. */
export function backoffAfter(failedAttempts: number, settings: Pick<RetrySettings, 'backoffMs' | 'maxBackoffMs'>): number {
  const doublings = Math.min(failedAttempts - 1, 52);
  return Math.min(settings.backoffMs * 2 ** doublings, settings.maxBackoffMs);
}

export type AfterFailure = { status: 'PENDING'; nextAttemptAt: Date } | { status: 'DEAD_LETTERED' };

/**
 * What becomes of a delivery whose attempt failed at `now`: tried again after the back-off, the last
 * time at its give-up time; dead-lettered when it fails at or after that time.
 */
export function afterFailure(failedAttempts: number, pendingSince: Date, now: Date, settings: RetrySettings): AfterFailure {
  const giveUpAt = pendingSince.getTime() + settings.giveUpAfterMs;
  if (now.getTime() >= giveUpAt) return { status: 'DEAD_LETTERED' };
  return { status: 'PENDING', nextAttemptAt: new Date(Math.min(now.getTime() + backoffAfter(failedAttempts, settings), giveUpAt)) };
}
