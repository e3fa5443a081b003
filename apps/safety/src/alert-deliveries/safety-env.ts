import { ServiceEnv, toBoolean } from '@trialstream/platform';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

/** The platform's settings and safety's own: alerts delivered to subscribed HTTP endpoints. */
export class SafetyEnv extends ServiceEnv {
  /**
   * Longest wait before a delivery that fell due is attempted (one queued or retried by this instance
   * is attempted when due). At most a day: Node runs a timer of more than 2^31 - 1 ms after 1 ms.
   */
  @Type(() => Number) @IsInt() @Min(10) @Max(86_400_000)
  ALERT_DELIVERY_POLL_INTERVAL_MS: number;

  /** An endpoint that has not answered by then has failed this attempt. */
  @Type(() => Number) @IsInt() @Min(100) @Max(120_000)
  ALERT_DELIVERY_TIMEOUT_MS: number;

  /** Wait after the first failed attempt; it doubles per failure up to ALERT_DELIVERY_MAX_BACKOFF_MS. */
  @Type(() => Number) @IsInt() @Min(10)
  ALERT_DELIVERY_BACKOFF_MS: number;

  @Type(() => Number) @IsInt() @Min(10)
  ALERT_DELIVERY_MAX_BACKOFF_MS: number;

  /** A delivery still failing this long after it was queued (or replayed) is dead-lettered. */
  @Type(() => Number) @IsInt() @Min(1000)
  ALERT_DELIVERY_GIVE_UP_AFTER_MS: number;

  /**
   * Whether alerts may go to this machine or a private network (loopback, private, link-local and
   * other non-public addresses, cloud metadata endpoints among them): for tests and a receiver
   * beside the service, never where subscribers could reach what the service can.
   */
  @Transform(toBoolean) @IsBoolean()
  ALERT_DELIVERY_ALLOW_PRIVATE_ADDRESSES: boolean;
}

export const SAFETY_ENV_DEFAULTS: Record<Exclude<keyof SafetyEnv, keyof ServiceEnv>, string> = {
  ALERT_DELIVERY_POLL_INTERVAL_MS: '1000',
  ALERT_DELIVERY_TIMEOUT_MS: '10000',
  ALERT_DELIVERY_BACKOFF_MS: '1000',
  ALERT_DELIVERY_MAX_BACKOFF_MS: '300000',
  ALERT_DELIVERY_GIVE_UP_AFTER_MS: '86400000',
  ALERT_DELIVERY_ALLOW_PRIVATE_ADDRESSES: 'false',
};
