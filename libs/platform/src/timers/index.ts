export * from './timers.migration';
export * from './durable-timers';
export * from './timer-scheduler';
export * from './timer-metrics';
