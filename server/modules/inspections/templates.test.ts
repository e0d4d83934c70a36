// INS-01: shipped checklist templates and their versions, through the API as the demo people.
import assert from 'node:assert/strict';
import { and, count, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { grants, inspectionTemplates, roles } from '../../db/schema/index.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError } from '../../test/http-assert.ts';
import { adhoc, keysOf, ok, put, shippedTemplate, smallTemplate } from './test-support.ts';

let t: TestApp;
let officer: Client, branch1: Client, sysadmin: Client;

before(async () => {
  t = await startTestApp();
  // A new cooperative is made under the provincial union, which only a provincial system
  // administrator can do: give sysadmin that grant directly.
  const [role] = await t.database.db.select().from(roles).where(eq(roles.code, 'sysadmin'));
  await t.database.db.insert(grants).values({ id: randomUUID(), userId: await t.userId('sysadmin'), roleId: role.id, orgId: await t.orgId('SFS'), grantedAt: t.clock.now() });
  [officer, branch1, sysadmin] = await Promise.all(['officer', 'branch1', 'sysadmin'].map((u) => t.login(u)));
});
after(() => t.close());

const KINDS = ['atm', 'business_hall', 'fire', 'machine_room', 'network', 'personnel', 'vault'];

test('INS-01: the demo county has the seven shipped templates, Chinese with English names, 2–4 sections and 8–20 items each', async () => {
  const r = ok(await officer.get('/api/v1/inspection-templates?pageSize=50'));
  const shipped = r.body.items.filter((x: { shipped: boolean }) => x.shipped);
  assert.deepEqual(shipped.map((x: { kind: string }) => x.kind).sort(), KINDS);
  const county = await t.orgId('SFX');
  for (const tpl of shipped) {
    assert.equal(tpl.orgId, county);
    assert.equal(tpl.templateVersion, 1);
    assert.match(tpl.name, /[\u4e00-\u9fff]/);
    assert.match(tpl.nameEn, /^[A-Za-z][A-Za-z ]+$/);
    const d = ok(await officer.get(`/api/v1/inspection-templates/${tpl.id}`)).body;
    assert.ok(d.sections.length >= 2 && d.sections.length <= 4, `${tpl.name}: ${d.sections.length} sections`);
    const items = d.sections.flatMap((s: { items: unknown[] }) => s.items);
    assert.ok(items.length >= 8 && items.length <= 20, `${tpl.name}: ${items.length} items`);
    assert.equal(d.itemCount, items.length);
    assert.equal(new Set(keysOf(d)).size, items.length, 'item keys are unique');
    for (const i of items) {
      assert.ok(i.text && i.textEn && i.standard && i.standardEn, JSON.stringify(i));
      assert.ok(['onsite', 'technical', 'documents'].includes(i.method));
    }
  }
  const hall = shipped.find((x: { kind: string }) => x.kind === 'business_hall');
  assert.equal(hall.name, '营业网点安全检查表');
  const hallItems = ok(await officer.get(`/api/v1/inspection-templates/${hall.id}`)).body.sections.flatMap((s: { items: Array<{ text: string }> }) => s.items.map((i) => i.text));
  assert.ok(hallItems.includes('检查报警系统是否正常工作') && hallItems.includes('核查现金库存是否符合安全标准'));
  const vault = ok(await officer.get(`/api/v1/inspection-templates/${shipped.find((x: { kind: string }) => x.kind === 'vault').id}`)).body;
  const vaultAlarm = vault.sections.flatMap((s: { items: Array<{ key: string; defaultGrade: string }> }) => s.items).find((i: { key: string }) => i.key === 'alarm_cameras');
  assert.equal(vaultAlarm.defaultGrade, 'major', 'a vault alarm failure is a major hazard');
});

test('INS-01: a branch head sees the templates of their cooperative; a new cooperative gets its own shipped set', async () => {
  const seen = ok(await branch1.get('/api/v1/inspection-templates?pageSize=50')).body;
  assert.equal(seen.total, 7);
  const c = ok(await sysadmin.post('/api/v1/orgs', { parentId: await t.orgId('SFS'), kind: 'county_union', name: '示范二县联社', code: 'SFX2' }), 201).body;
  const [{ n }] = await t.database.db.select({ n: count() }).from(inspectionTemplates).where(and(eq(inspectionTemplates.orgId, c.id), eq(inspectionTemplates.shipped, true)));
  assert.equal(Number(n), 7);
  // A department is not a cooperative: it gets none.
  const d = ok(await sysadmin.post('/api/v1/orgs', { parentId: c.id, kind: 'department', name: '二县保卫部', code: 'SFX2-BWB' }), 201).body;
  const [{ m }] = await t.database.db.select({ m: count() }).from(inspectionTemplates).where(eq(inspectionTemplates.orgId, d.id));
  assert.equal(Number(m), 0);
  // The new cooperative's templates are not visible in the demo county.
  assert.equal(ok(await officer.get('/api/v1/inspection-templates?pageSize=50')).body.total, 7);
});

test('INS-01: editing a template makes version 2; an inspection started on version 1 keeps the version-1 items', async () => {
  const v1 = await smallTemplate(officer);
  const started = await adhoc(t, officer, { unit: 'SFX-001', templateId: v1.id, leader: 'officer' });
  ok(await put(officer, started.id, 'alarm', { result: 'pass' }));
  const waiting = await adhoc(t, officer, { unit: 'SFX-002', templateId: v1.id, leader: 'officer' });

  const sections = [
    { title: '设施', titleEn: 'Facilities', items: [{ key: 'alarm', text: '报警装置正常（含联网）', standard: '测试报警能报至监控中心和公安机关', method: 'technical', category: 'physical', defaultGrade: 'major' }] },
    { title: '新增', items: [{ key: 'ups', text: 'UPS 正常', standard: '每年充放电一至两次', method: 'technical', category: 'physical', defaultGrade: 'significant' }] },
  ];
  const edited = await officer.patch(`/api/v1/inspection-templates/${v1.id}`, { sections, name: '小型检查表（修订）' }, { headers: { 'if-match': String(v1.version) } });
  ok(edited);
  const v2 = edited.body;
  assert.equal(v2.templateVersion, 2);
  assert.equal(v2.familyId, v1.familyId);
  assert.notEqual(v2.id, v1.id);
  assert.equal(v2.current, true);
  assert.deepEqual(keysOf(v2), ['alarm', 'ups']);
  assert.equal(v2.sections[1].titleEn, '', 'English missing → empty, the reader falls back to Chinese');
  const old = ok(await officer.get(`/api/v1/inspection-templates/${v1.id}`)).body;
  assert.equal(old.current, false);
  assert.deepEqual(keysOf(old), ['alarm', 'exits', 'extinguisher']);
  assert.deepEqual(ok(await officer.get(`/api/v1/inspection-templates/${v2.id}/versions`)).body.map((x: { templateVersion: number }) => x.templateVersion), [2, 1]);

  const s = ok(await officer.get(`/api/v1/inspections/${started.id}`)).body;
  assert.equal(s.templateVersion, 1);
  assert.equal(s.templateId, v1.id);
  assert.deepEqual(keysOf(s), ['alarm', 'exits', 'extinguisher']);
  const w = ok(await officer.get(`/api/v1/inspections/${waiting.id}`)).body;
  assert.equal(w.templateVersion, 2, 'a planned inspection without results moves to the new version');
  assert.deepEqual(keysOf(w), ['alarm', 'ups']);

  assertError(await officer.patch(`/api/v1/inspection-templates/${v1.id}`, { name: '旧版再改' }, { headers: { 'if-match': '2' } }), 409, 'TEMPLATE_NOT_CURRENT');
  assertError(await officer.patch(`/api/v1/inspection-templates/${v2.id}`, { name: '过期版本号' }, { headers: { 'if-match': String(v2.version + 5) } }), 409, 'VERSION_CONFLICT');
  assertFieldError(await officer.patch(`/api/v1/inspection-templates/${v2.id}`, { name: '无版本号' }), 'version');
});

test('INS-01: bad templates are refused naming the field', async () => {
  const item = { key: 'a', text: '检查项', standard: '标准', method: 'onsite', category: 'physical', defaultGrade: 'general' };
  const base = { kind: 'other', name: '测试模板' };
  assertFieldError(await officer.post('/api/v1/inspection-templates', { ...base, sections: [{ title: '一', items: [item, { ...item, text: '重复编号' }] }] }), 'sections.0.items.1.key');
  assertFieldError(await officer.post('/api/v1/inspection-templates', { ...base, sections: [] }), 'sections');
  assertFieldError(await officer.post('/api/v1/inspection-templates', { ...base, sections: [{ title: '一', items: [] }] }), 'sections.0.items');
  const { standard: _s, ...noStandard } = item;
  assertFieldError(await officer.post('/api/v1/inspection-templates', { ...base, sections: [{ title: '一', items: [noStandard] }] }), 'sections.0.items.0.standard');
  assertFieldError(await officer.post('/api/v1/inspection-templates', { ...base, sections: [{ title: '一', items: [{ ...item, method: 'guess' }] }] }), 'sections.0.items.0.method');
  assertFieldError(await officer.post('/api/v1/inspection-templates', { ...base, sections: [{ title: '一', items: [{ ...item, key: 'Bad Key' }] }] }), 'sections.0.items.0.key');
});

test('INS-01: only the security department maintains templates; a template in use by an active plan cannot be retired', async () => {
  const item = { key: 'a', text: '检查项', standard: '标准', method: 'onsite', category: 'physical', defaultGrade: 'general' };
  assert.equal((await branch1.post('/api/v1/inspection-templates', { kind: 'other', name: '网点自建', sections: [{ title: '一', items: [item] }] })).status, 403);
  const hall = await shippedTemplate(officer, 'business_hall');
  const refused = assertError(await officer.post(`/api/v1/inspection-templates/${hall.id}/withdraw`, { reason: '停用' }), 422, 'TEMPLATE_IN_USE');
  assert.match(refused.message, /1 个有效检查计划/);
  const mine = await smallTemplate(officer);
  const w = ok(await officer.post(`/api/v1/inspection-templates/${mine.id}/withdraw`, { reason: '不再使用' }));
  assert.equal(w.body.withdrawnReason, '不再使用');
  const listed = ok(await officer.get('/api/v1/inspection-templates?pageSize=50&kind=other')).body.items.map((x: { id: string }) => x.id);
  assert.ok(!listed.includes(mine.id));
  const all = ok(await officer.get('/api/v1/inspection-templates?pageSize=50&kind=other&includeRetired=true')).body.items.map((x: { id: string }) => x.id);
  assert.ok(all.includes(mine.id));
  assertError(await officer.patch(`/api/v1/inspection-templates/${mine.id}`, { name: '已停用' }, { headers: { 'if-match': '2' } }), 409, 'INVALID_STATE');
});
