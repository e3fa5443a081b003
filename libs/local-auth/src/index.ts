export * from './signing-key';
export * from './local-key-directory';
