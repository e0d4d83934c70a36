// Injection and scripting (issue 4): a corpus of SQL injection, scripts, path traversal, spreadsheet
// formulas and tricky Unicode (corpus.ts) stored through the create routes of hazards, sites, units and
// people, read back exactly as written, found by search as literal text, written to every Excel
// export as inert text (RPT-03: no cell starts a formula) and shown escaped on the printable pages.
// The browser side (no script runs when the pages show them) is e2e/hostile.test.ts.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { type Client, type Res, startTestApp, type TestApp } from '../harness.ts';
import { assertFieldError } from '../http-assert.ts';
import { rowCounts } from '../row-counts.ts';
import { PNG_1X1, upload } from '../uploads.ts';
import { astral, CORPUS, FORMULA_PAYLOADS, XSS_PAYLOADS } from './corpus.ts';
import { assertInert, escaped, textCells } from './inert.ts';

let t: TestApp;
let officer: Client;
let sysadmin: Client;
let secadmin: Client;
let auditor: Client;
let branch: string;
/** payload → ids of the records that hold it. */
const stored = new Map<string, { hazard: string; site: string; org: string; user?: string }>();

const codePoints = (s: string) => [...s].length;
const rand = () => randomBytes(3).toString('hex');

function created(r: Res, what: string) {
  assert.equal(r.status, 201, `${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body;
}

before(async () => {
  t = await startTestApp();
  [officer, sysadmin, secadmin, auditor] = [await t.login('officer'), await t.login('sysadmin'), await t.login('secadmin'), await t.login('auditor')];
  branch = await t.orgId('SFX-001');
  for (const { text } of CORPUS) {
    const hazard = created(await officer.post('/api/v1/hazards', { title: text, description: `${text}\n${text}`, location: text, category: 'physical', orgId: branch }), `hazard ${text}`).id;
    const site = created(await sysadmin.post('/api/v1/sites', { orgId: branch, kind: 'atm', name: text, location: text, notes: text }), `site ${text}`).id;
    const org = created(await sysadmin.post('/api/v1/orgs', { parentId: branch, kind: 'department', name: text, address: text, code: `INJ-${rand()}` }), `org ${text}`).id;
    const user = codePoints(text) <= 50 ? created(await secadmin.post('/api/v1/users', { orgId: branch, username: `inj_${rand()}`, name: text }), `user ${text}`).user.id : undefined;
    stored.set(text, { hazard, site, org, user });
  }
});
after(async () => t.close());

test('injection: every payload is stored and read back exactly as written — hazards, sites, units, people', async () => {
  for (const { kind, text } of CORPUS) {
    const ids = stored.get(text)!;
    const h = (await officer.get(`/api/v1/hazards/${ids.hazard}`)).body;
    assert.deepEqual([h.title, h.description, h.location], [text, `${text}\n${text}`, text], `${kind} hazard`);
    const s = (await sysadmin.get(`/api/v1/sites/${ids.site}`)).body;
    assert.deepEqual([s.name, s.location, s.notes], [text, text, text], `${kind} site`);
    const o = (await sysadmin.get(`/api/v1/orgs/${ids.org}`)).body;
    assert.deepEqual([o.name, o.address], [text, text], `${kind} org`);
    if (ids.user) assert.equal((await secadmin.get(`/api/v1/users/${ids.user}`)).body.user?.name ?? (await secadmin.get(`/api/v1/users/${ids.user}`)).body.name, text, `${kind} user`);
  }
  // The SQL payloads ran nothing: the tables they name still hold their rows and sign-in works.
  const counts = await rowCounts(t);
  assert.ok(counts.hazards >= CORPUS.length && counts.users > CORPUS.length / 2);
  await t.login('sysadmin');
});

test('injection: a search for a payload is a literal match — it finds the record that holds it, and % or _ match only themselves', async () => {
  for (const { kind, text } of CORPUS.filter((p) => p.kind === 'sql' || p.kind === 'xss')) {
    const r = await officer.get(`/api/v1/hazards?q=${encodeURIComponent(text)}&pageSize=200`);
    assert.equal(r.status, 200, `${kind} ${text}: ${r.status}`);
    assert.ok(r.body.items.some((h: { id: string }) => h.id === stored.get(text)!.hazard), `${kind} search for ${text} does not find its hazard`);
    for (const h of r.body.items as Array<{ title: string; description: string | null; location: string | null; number: string }>) {
      assert.ok([h.title, h.description, h.location, h.number].some((v) => v?.includes(text)), `search for ${text} matched ${h.title}`);
    }
  }
  for (const wildcard of ['%', '_']) {
    const r = await sysadmin.get(`/api/v1/sites?q=${encodeURIComponent(wildcard)}&pageSize=200`);
    assert.equal(r.status, 200);
    for (const s of r.body.items as Array<{ name: string; location: string | null; notes: string | null; code?: string }>) {
      assert.ok([s.name, s.location, s.notes, s.code].some((v) => v?.includes(wildcard)), `q=${wildcard} matched ${s.name}: a wildcard, not a literal`);
    }
  }
});

test('injection: at the length limit with 4-byte characters a title is kept whole; one more is a 400 naming the field', async () => {
  const title = astral(200);
  const h = created(await officer.post('/api/v1/hazards', { title, description: astral(5000), category: 'fire', orgId: branch }), 'astral hazard');
  const back = (await officer.get(`/api/v1/hazards/${h.id}`)).body;
  assert.equal(back.title, title);
  assert.equal(codePoints(back.description), 5000);
  const site = created(await sysadmin.post('/api/v1/sites', { orgId: branch, kind: 'vault', name: title }), 'astral site');
  assert.equal((await sysadmin.get(`/api/v1/sites/${site.id}`)).body.name, title);
  const before = await rowCounts(t);
  assertFieldError(await officer.post('/api/v1/hazards', { title: astral(201), category: 'fire', orgId: branch }), 'title');
  assertFieldError(await sysadmin.post('/api/v1/sites', { orgId: branch, kind: 'vault', name: astral(201) }), 'name');
  assert.deepEqual({ ...(await rowCounts(t)), audit_events: 0 }, { ...before, audit_events: 0 }, 'a refused payload created something');
});

test('injection: the hazard register export writes every formula payload as text (leading apostrophe), in every column that holds it', async () => {
  const cells = await textCells(await officer.get('/api/v1/hazards/export.xlsx'));
  assertInert(cells, 'hazards export');
  for (const f of FORMULA_PAYLOADS) {
    const holding = cells.filter((c) => c.value === `'${f}`);
    assert.ok(holding.length >= 2, `hazards export: ${f} should appear neutralised as title and location, found ${holding.length}`);
    assert.ok(cells.some((c) => c.value === `'${f}\n${f}`), `hazards export: the description of ${f}`);
  }
});

test('injection: the audit trail export (auditor) carries the record labels as inert text', async () => {
  const r = await auditor.get('/api/v1/audit/events/export.xlsx?action=sites.create');
  const cells = await textCells(r);
  assertInert(cells, 'audit export');
  for (const f of FORMULA_PAYLOADS) assert.ok(cells.some((c) => c.value.includes(f)), `audit export lacks the site named ${f}`);
});

test('injection: the printable notice shows script payloads as text — escaped, never as markup', async () => {
  const head = await t.login('head');
  for (const text of XSS_PAYLOADS) {
    const id = stored.get(text)!.hazard;
    const r = await head.get(`/api/v1/hazards/${id}/print`);
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /text\/html/);
    const html = String(r.raw);
    assert.ok(html.includes(escaped(text)), `print page does not show ${text} escaped`);
    if (escaped(text) !== text) assert.ok(!html.includes(text), `print page contains the raw payload ${text}`);
    // Tags a payload could open, or an event handler inside any tag (escaped text may say "onerror=").
    assert.doesNotMatch(html, /<(script|svg|iframe|a)\b|<img src=x|<[^>]*\son\w+=/i, `markup from ${text} on the print page`);
  }
});

test('injection: a traversal file name is cut to its last segment; the download header cannot be split or quoted out of', async () => {
  for (const [name, kept] of [
    ['../../../../etc/passwd.png', 'passwd.png'],
    ['..\\..\\windows\\win.ini.png', 'win.ini.png'],
    ['<img src=x onerror=alert(1)>.png', '<img src=x onerror=alert(1)>.png'],
  ] as const) {
    const up = await upload(officer, { fileName: name, data: PNG_1X1 });
    assert.equal(up.status, 201, JSON.stringify(up.body));
    assert.equal(up.body.fileName, kept);
    const r = await officer.get(`/api/v1/attachments/${up.body.id}/content?download=true`);
    assert.equal(r.status, 200);
    const cd = String(r.headers['content-disposition']);
    assert.doesNotMatch(cd, /[\r\n]/);
    const quoted = /filename="([^"]*)"/.exec(cd);
    assert.ok(!quoted || !quoted[1].includes('"'), cd);
    assert.ok(Buffer.from(r.raw as Buffer).equals(PNG_1X1), 'the stored bytes come back unchanged');
  }
});
