// The people register (ORG-02) as the security administrator keeps it: leaving and transfer cut off
// access at once (ITS-06), personal data masked and revealed only with a reason (PIP-02), optimistic
// concurrency, unique usernames and field-named input errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import { auditEntries } from '../../test/audit-helpers.ts';
import { assertError, assertFieldError, assertStatus } from '../../test/http-assert.ts';
import { type Client, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';
import { sessionCopy, signIn } from '../../test/people-helpers.ts';

let t: TestApp;
let secadmin: Client;
before(async () => {
  t = await startTestApp();
  secadmin = await t.login('secadmin');
});
after(async () => t.close());

async function tokenFor(username: string, orgCode: string): Promise<string> {
  const r = await secadmin.post('/api/v1/api-tokens', { name: `${username}-sync`, userId: await t.userId(username), orgId: await t.orgId(orgCode), permissions: ['orgs.read'], expiresInDays: 30 });
  assertStatus(r, 201);
  return r.body.token;
}

for (const status of ['left', 'transferred'] as const) {
  const username = status === 'left' ? 'staff2' : 'staff3';
  test(`ORG-02, ITS-06: a person marked ${status} loses sessions, API tokens and grants at once`, async () => {
    const id = await t.userId(username);
    const client = await t.login(username);
    const token = await tokenFor(username, status === 'left' ? 'SFX-001' : 'SFX-002');
    assertStatus(await client.get('/api/v1/orgs'), 200);
    assertStatus(await t.withToken(token).get('/api/v1/orgs'), 200);
    const before = (await secadmin.get(`/api/v1/users/${id}`)).body;
    const held = sessionCopy(t, client);

    const r = await secadmin.post(`/api/v1/users/${id}/status`, { status, reason: status === 'left' ? '辞职' : '调往市分行', version: before.version });
    assertStatus(r, 200);
    assert.equal(r.body.status, status);
    assert.ok(r.body.grants.length > 0 && r.body.grants.every((g: { revokedAt: string | null }) => g.revokedAt));

    assertError(await client.get('/api/v1/orgs'), 401, 'SESSION_EXPIRED');
    assertError(await t.withToken(token).get('/api/v1/orgs'), 401, 'TOKEN_INVALID');
    assertError((await signIn(t, username, TEST_PASSWORD)).res, 403, 'ACCOUNT_DISABLED');
    const tokens = await secadmin.get(`/api/v1/api-tokens?includeRevoked=true&userId=${id}`);
    assert.deepEqual(tokens.body.items.map((x: { status: string; revokeReason: string }) => [x.status, x.revokeReason]), [['revoked', `person ${status}`]]);

    // Coming back (re-hired, transferred back) does not revive the old credentials or grants.
    const back = await secadmin.post(`/api/v1/users/${id}/status`, { status: 'active', reason: '返岗' });
    assertStatus(back, 200);
    assert.ok(back.body.grants.every((g: { revokedAt: string | null }) => g.revokedAt));
    assertError(await t.withToken(token).get('/api/v1/orgs'), 401, 'TOKEN_INVALID');
    assertError(await held.get('/api/v1/auth/me'), 401, 'SESSION_EXPIRED');

    const auditor = await t.login('auditor');
    const [, e] = await auditEntries(auditor, { action: 'users.status', targetId: id });
    assert.deepEqual(e.changes, { status: ['active', status] });
    assert.deepEqual({ s: e.detail?.sessionsEnded, t: e.detail?.tokensRevoked, g: e.detail?.grantsRevoked }, { s: 1, t: 1, g: 1 });
  });
}

test('ORG-02: nobody changes their own employment status', async () => {
  assertError(await secadmin.post(`/api/v1/users/${await t.userId('secadmin')}/status`, { status: 'left', reason: '测试' }), 422, 'SELF_ACTION');
});

test('PIP-02: phone numbers are masked in lists and details; revealing one needs users.reveal and a reason, and is audited with the reason', async () => {
  const id = await t.userId('guard1');
  const detail = await secadmin.get(`/api/v1/users/${id}`);
  assert.match(detail.body.phone, /^1\d{2}\*{4}\d{4}$/);
  const list = await secadmin.get('/api/v1/users?pageSize=200');
  for (const u of list.body.items) if (u.phone !== null) assert.match(u.phone, /^1\d{2}\*{4}\d{4}$/, `${u.username} masked in the list`);

  assertFieldError(await secadmin.post(`/api/v1/users/${id}/reveal`, { field: 'phone' }), 'reason');
  const officer = await t.login('officer');
  assertStatus(await officer.get(`/api/v1/users/${id}`), 200);
  assertError(await officer.post(`/api/v1/users/${id}/reveal`, { field: 'phone', reason: '联系' }), 403, 'FORBIDDEN');

  const reason = '核对值班联系电话';
  const r = await secadmin.post(`/api/v1/users/${id}/reveal`, { field: 'phone', reason });
  assertStatus(r, 200);
  assert.match(r.body.value, /^1\d{10}$/);
  assert.equal(`${r.body.value.slice(0, 3)}****${r.body.value.slice(-4)}`, detail.body.phone);
  // At rest the number is encrypted: the clear value is not in the row.
  const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
  assert.ok(row.phoneEnc && !row.phoneEnc.includes(r.body.value));

  const auditor = await t.login('auditor');
  const reveals = await auditEntries(auditor, { action: 'users.reveal', targetId: id });
  assert.equal(reveals.length, 1, 'the refused attempts revealed nothing');
  assert.deepEqual(reveals[0].detail, { field: 'phone', reason });
  assert.equal(reveals[0].actorId, await t.userId('secadmin'));
  assert.ok(!JSON.stringify(reveals[0]).includes(r.body.value), 'the number itself is not copied into the trail');
});

test('ORG-02: a change made from a stale version is refused with 409 and the first change stands', async () => {
  const id = await t.userId('guard2');
  const v = (await secadmin.get(`/api/v1/users/${id}`)).body.version;
  const first = await secadmin.patch(`/api/v1/users/${id}`, { post: '保安队长' }, { headers: { 'if-match': String(v) } });
  assertStatus(first, 200);
  assert.equal(first.body.version, v + 1);
  const stale = await secadmin.patch(`/api/v1/users/${id}`, { post: '门卫' }, { headers: { 'if-match': String(v) } });
  const e = assertError(stale, 409, 'VERSION_CONFLICT');
  assert.match(e.message, new RegExp(`当前版本 ${v + 1}`));
  const now = (await secadmin.get(`/api/v1/users/${id}`)).body;
  assert.equal(now.post, '保安队长');
  assert.equal(now.version, v + 1);
  assertFieldError(await secadmin.patch(`/api/v1/users/${id}`, { post: '门卫' }), 'version');
});

test('ORG-02: usernames are unique regardless of case (409 USERNAME_TAKEN)', async () => {
  const before = (await t.database.db.select().from(users)).length;
  const r = await secadmin.post('/api/v1/users', { orgId: await t.orgId('SFX-001'), username: 'Staff1', name: '重名' });
  const e = assertError(r, 409, 'USERNAME_TAKEN');
  assert.equal(e.message, '用户名 Staff1 已被使用');
  assert.equal((await t.database.db.select().from(users)).length, before);
});

test('ORG-02: bad input is refused with 400 naming the field, and nothing is created', async () => {
  const before = (await t.database.db.select().from(users)).length;
  const base = { orgId: await t.orgId('SFX-001'), username: 'newclerk', name: '新职员' };
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ phone: 'call-me' }, 'phone'],
    [{ email: 'not-an-email' }, 'email'],
    [{ name: '长'.repeat(51) }, 'name'],
    [{ salary: 5000 }, 'salary'],
    [{ idNumber: '12345' }, 'idNumber'],
    [{ username: 'has space' }, 'username'],
  ];
  for (const [extra, field] of cases) {
    const e = assertFieldError(await secadmin.post('/api/v1/users', { ...base, ...extra }), field);
    assert.match(e.message, new RegExp(`^提交的数据有误：.*${field}`));
  }
  const en = await secadmin.post('/api/v1/users', { ...base, email: 'x' }, { headers: { 'accept-language': 'en' } });
  assert.deepEqual(assertFieldError(en, 'email').details, [{ path: 'email', message: 'is not a valid email' }]);
  assert.equal((await t.database.db.select().from(users)).length, before);
  // The same change with valid values is accepted.
  assertStatus(await secadmin.post('/api/v1/users', { ...base, phone: '13912345678', email: 'clerk@example.cn', idNumber: '11010519491231002X' }), 201);
});

test('ORG-02: the people register is changed only with users.manage', async () => {
  const id = await t.userId('staff4');
  const head = await t.login('head');
  const v = (await head.get(`/api/v1/users/${id}`)).body.version;
  assertError(await head.patch(`/api/v1/users/${id}`, { post: '主任', version: v }), 403, 'FORBIDDEN');
  assertError(await head.post(`/api/v1/users/${id}/status`, { status: 'left', reason: '越权' }), 403, 'FORBIDDEN');
  const after = (await secadmin.get(`/api/v1/users/${id}`)).body;
  assert.equal(after.version, v);
  assert.equal(after.status, 'active');
});
