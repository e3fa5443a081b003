export * from './acknowledgements';
export * from './acknowledged-send';
export * from './kafka-login';
export * from './kafka-errors';
