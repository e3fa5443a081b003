export * from './wait-for';
export * from './kafka-probe';
export * from './databases';
export * from './sample-trial';
export * from './published-documents';
export * from './refusal';
export * from './signing-key';
export * from './test-tokens';
