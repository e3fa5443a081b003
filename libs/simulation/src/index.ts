export * from './plan/trial-plan';
export * from './summary';
export * from './chart';
export * from './run/platform-client';
export * from './run/run-simulation';
export * from './run/local-signer';
export * from './summary-table';
