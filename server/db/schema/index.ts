// The one source of table types: every table of every area is exported here (backup and restore read this list).
export * from './orgs.ts';
export * from './users.ts';
export * from './audit.ts';
export * from './files.ts';
export * from './platform.ts';
export * from './notify.ts';
export * from './hazards.ts';
export * from './inspections.ts';
export * from './dashboard.ts';
export * from './duty.ts';
export * from './visitors.ts';
export * from './equipment.ts';
export * from './patrols.ts';
