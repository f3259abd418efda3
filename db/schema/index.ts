export * from './org-units.ts';
export * from './people.ts';
export * from './audit-log.ts';
export * from './settings.ts';
