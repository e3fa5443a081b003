export * from './audited-tables';
export * from './audit-context';
export * from './audit-trail.controller';
export * from './canonical';
export * from './verify';
export * from './operator-commands';
