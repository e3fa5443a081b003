export * from './clock';
export * from './clock.controller';
export * from './advance-clock.request';
