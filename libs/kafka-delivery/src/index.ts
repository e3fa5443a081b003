export * from './acknowledgements';
export * from './acknowledged-send';
