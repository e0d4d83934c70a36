// The backup's table list and order come from the Drizzle schema; these checks fail when a module adds
// a table the backup could not restore in order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { backupTables, ROW_ORDER, schemaTables, selfReferencingTables } from './tables.ts';

test('every table of the schema is in the backup, once', () => {
  const names = backupTables().map((t) => t.name);
  assert.deepEqual([...names].sort(), schemaTables().map((t) => getTableConfig(t).name).sort());
  assert.equal(new Set(names).size, names.length);
});

test('derived read models are left out of the backup: restoring their source rows rebuilds them', () => {
  const names = backupTables().map((t) => t.name);
  assert.ok(!names.includes('dashboard_counts'));
  assert.ok(names.includes('hazards') && names.includes('inspections'));
});

test('tables come after every table their foreign keys reference', () => {
  const position = new Map(backupTables().map((t, i) => [t.name, i]));
  for (const t of schemaTables()) {
    const cfg = getTableConfig(t);
    for (const fk of cfg.foreignKeys) {
      const parent = getTableConfig(fk.reference().foreignTable).name;
      assert.ok(position.get(parent)! <= position.get(cfg.name)!, `${parent} must come before ${cfg.name}`);
    }
  }
});

test('a self-referencing table has a parents-first row order on NOT NULL columns', () => {
  const selfRef = selfReferencingTables();
  assert.ok(selfRef.includes('orgs'));
  for (const name of selfRef) assert.ok(ROW_ORDER[name], `add ${name} to ROW_ORDER in backup/tables.ts: its rows reference rows of the same table`);
  for (const [name, columns] of Object.entries(ROW_ORDER)) {
    const t = schemaTables().find((x) => getTableConfig(x).name === name);
    assert.ok(t, `ROW_ORDER names ${name}, which is not a table`);
    for (const c of columns) assert.equal(getTableConfig(t).columns.find((x) => x.name === c)?.notNull, true, `${name}.${c} must exist and be NOT NULL`);
  }
  const orgs = backupTables().find((t) => t.name === 'orgs')!;
  assert.match(orgs.firstPageSql, /order by "orgs"\."depth", "orgs"\."id"/);
});

test('tables are read page by page on their key, never with OFFSET', () => {
  for (const t of backupTables()) {
    assert.doesNotMatch(t.nextPageSql, /\boffset\b/i, t.name);
    assert.match(t.nextPageSql, / where \(.+\) > \(\$1::/, t.name);
  }
  const audit = backupTables().find((t) => t.name === 'audit_events')!;
  assert.match(audit.nextPageSql, /where \("audit_events"\."id"\) > \(\$1::bigint\) order by "audit_events"\."id" limit/);
});
