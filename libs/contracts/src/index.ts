export * from './topics';
export * from './envelope';
export * from './event-contract';
export * from './validation';
export * from './decode';
export * from './catalogue';
export * from './registry/protocol';
export * from './registry/trial-registered';
