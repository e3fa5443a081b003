export * from './audited-tables';
export * from './audit-context';
export * from './canonical';
export * from './verify';
