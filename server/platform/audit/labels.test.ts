// SEC-04 readability: a record's history and the auditor's trail show each audit action, target type,
// changed field and permission module by name, in Chinese and in English. The web app falls back to the raw code
// (`keys.lock_change`) when its catalogue lacks an entry; this test keeps the catalogues complete for
// every action the server writes, so a new module cannot ship raw codes into the timeline.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../../paths.ts';
import { allPermissions } from '../access/catalogue.ts';
import '../../routes.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

/** The web app's key for a server code (web/src/app/i18n.ts codeLabel). */
const key = (code: string) => code.replace(/[.\s/:]/g, '_');

const catalogues = Object.fromEntries(
  ['zh-CN', 'en'].map((lang) => [lang, JSON.parse(readFileSync(path.join(ROOT, 'web/src/i18n', `${lang}.json`), 'utf8')) as Record<string, Record<string, string>>]),
);

/**
 * Every audit action the server writes: literal `action: 'x.y'`, and `action: \`x.${step}\`` with
 * the steps its file passes to `apply(ctx, row, 'step', …)` (including `cond ? 'a' : 'b'`).
 */
function auditActions(): Set<string> {
  const out = new Set<string>();
  for (const file of sources(path.join(ROOT, 'server'))) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/action: '([a-z_]+\.[a-z_.-]+)'/g)) out.add(m[1]);
    for (const m of src.matchAll(/action: `([a-z_]+)\.\$\{step\}`/g)) {
      const steps = [...src.matchAll(/apply\(ctx, [\w.]+, (?:\w+ \? )?'([a-z_]+)'(?: : '([a-z_]+)')?/g)].flatMap((s) => [s[1], s[2]]).filter(Boolean);
      assert.ok(steps.length, `${file}: no steps found for ${m[0]}`);
      for (const s of steps) out.add(`${m[1]}.${s}`);
    }
  }
  return out;
}

function targetTypes(): Set<string> {
  const out = new Set<string>();
  for (const file of sources(path.join(ROOT, 'server'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/targetType: '([a-z_]+)'/g)) out.add(m[1]);
  }
  return out;
}

/** Fields whose before/after values the trail records: `diff(before, after, [...])` and `const FIELDS = [...]`. */
function changedFields(): Set<string> {
  const out = new Set<string>();
  for (const file of sources(path.join(ROOT, 'server'))) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:diff\([^[\n]*|const FIELDS = )\[([^\]]*)\]/g)) for (const f of m[1].matchAll(/'(\w+)'/g)) out.add(f[1]);
  }
  return out;
}

function missing(group: string, codes: Iterable<string>): string[] {
  return Object.entries(catalogues).flatMap(([lang, c]) => [...codes].filter((code) => !c[group]?.[key(code)]).map((code) => `${lang} ${group}.${key(code)}`));
}

test('SEC-04: every audit action the server writes has a Chinese and an English label in the web catalogue', () => {
  const actions = auditActions();
  assert.ok(actions.has('hazards.assess') && actions.has('keys.lock_change') && actions.has('room_entries.reject'), 'the scan finds literal and step actions');
  assert.deepEqual(missing('auditAction', actions), []);
});

test('SEC-04: every target type named in the trail has a label in both languages', () => {
  assert.deepEqual(missing('targetType', targetTypes()), []);
});

test('SEC-04: every field whose change the trail records has a label in both languages', () => {
  const fields = changedFields();
  assert.ok(fields.has('workDone') && fields.has('grade'), 'the scan finds the recorded fields');
  assert.deepEqual(missing('field', fields), []);
});

test('SEC-02: every permission module shown on the roles page has a label in both languages', () => {
  const modules = new Set(allPermissions().map((p) => p.module));
  assert.ok(modules.has('patrols') && modules.has('equipment'), 'all modules are registered');
  assert.deepEqual(missing('permissionModule', modules), []);
});
