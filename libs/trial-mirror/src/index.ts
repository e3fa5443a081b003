export * from './known-trial.entity';
export * from './protocol-projection';
export * from './trial-mirror.module';
