import { createHmac } from 'node:crypto';
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
