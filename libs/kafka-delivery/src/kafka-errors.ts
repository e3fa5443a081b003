/** Whether the error, or one it wraps (kafkajs wraps after retries), is a broker error of one of these types. */
export function hasKafkaErrorType(error: unknown, types: ReadonlySet<string>): boolean {
  for (let e = error as { type?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.type && types.has(e.type)) return true;
  }
  return false;
}

/** The broker's answers when the principal's ACLs do not allow the request. */
const AUTHORIZATION_FAILURES: ReadonlySet<string> = new Set([
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
]);

/** Whether the broker refused the request for want of an ACL (topic, group, cluster, transactional id). */
export function isAuthorizationFailure(error: unknown): boolean {
  return hasKafkaErrorType(error, AUTHORIZATION_FAILURES);
}
