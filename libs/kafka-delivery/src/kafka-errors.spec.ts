import { KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { hasKafkaErrorType, isAuthorizationFailure } from './kafka-errors';

const protocolError = (type: string) => new KafkaJSProtocolError({ message: `broker says ${type}`, type, code: 0, retriable: false } as never);

describe('broker errors by type', () => {
  it('finds the type in the error or in one it wraps after retries', () => {
    const refused = protocolError('TOPIC_AUTHORIZATION_FAILED');
    expect(isAuthorizationFailure(refused)).toBe(true);
    expect(isAuthorizationFailure(new KafkaJSNumberOfRetriesExceeded(protocolError('GROUP_AUTHORIZATION_FAILED'), { retryCount: 3, retryTime: 100 }))).toBe(true);
    expect(hasKafkaErrorType(new KafkaJSNumberOfRetriesExceeded(protocolError('MESSAGE_TOO_LARGE'), { retryCount: 0, retryTime: 0 }), new Set(['MESSAGE_TOO_LARGE']))).toBe(true);
  });

  it('does not take another broker error, or an error with no type, for a refusal', () => {
    expect(isAuthorizationFailure(protocolError('UNKNOWN_TOPIC_OR_PARTITION'))).toBe(false);
    expect(isAuthorizationFailure(new Error('Not authorized to access topics'))).toBe(false);
    expect(isAuthorizationFailure(undefined)).toBe(false);
  });
});
