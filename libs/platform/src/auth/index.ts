export * from './roles';
export * from './access';
export * from './auth.guard';
export * from './current-actor';
export * from './site-scope';
export * from './token-verifier';
