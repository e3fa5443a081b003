export * from './wait-for';
export * from './kafka-probe';
export * from './databases';
export * from './sample-trial';
export * from './published-documents';
export * from './refusal';
export { SigningKey, type TokenHolder, type TokenOptions } from '@trialstream/local-auth';
export * from './test-tokens';
export * from './access-table';
