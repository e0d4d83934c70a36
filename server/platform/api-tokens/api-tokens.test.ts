// API tokens for integrations (SEC-01, SEC-02, DESIGN §5): made by the security administrator for a
// person, limited to a subtree and to permissions that person holds; shown once and stored only as a
// hash; expiring and revocable; never carrying an administrator-only permission (SEC-03).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { apiTokens } from '../../db/schema/index.ts';
import { auditEntries } from '../../test/audit-helpers.ts';
import { assertError, assertStatus } from '../../test/http-assert.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { sha256 } from '../auth/sessions.ts';

let t: TestApp;
let secadmin: Client;
before(async () => {
  t = await startTestApp();
  secadmin = await t.login('secadmin');
});
after(async () => t.close());

async function createToken(owner: string, orgCode: string, permissions: string[], extra: { name?: string; expiresInDays?: number; headers?: Record<string, string> } = {}) {
  const body = { name: extra.name ?? `${owner}-${orgCode}-${permissions.join('+')}`, userId: await t.userId(owner), orgId: await t.orgId(orgCode), permissions, expiresInDays: extra.expiresInDays ?? 30 };
  return secadmin.post('/api/v1/api-tokens', body, { headers: extra.headers });
}

test('SEC-01: a token is shown once; lists never contain it and the database keeps only its SHA-256', async () => {
  const r = await createToken('officer', 'SFX', ['orgs.read', 'users.read'], { name: '巡检系统对接' });
  assertStatus(r, 201);
  const token: string = r.body.token;
  assert.match(token, /^anb_[A-Za-z0-9_-]{40,}$/);
  assert.equal(r.body.apiToken.prefix, token.slice(0, 12));
  assert.equal(r.body.apiToken.status, 'active');
  assert.deepEqual(r.body.apiToken.permissions, ['orgs.read', 'users.read']);

  const list = await secadmin.get('/api/v1/api-tokens?includeRevoked=true');
  assert.ok(list.body.items.some((x: { id: string }) => x.id === r.body.apiToken.id));
  assert.ok(!list.raw.toString().includes(token.slice(12)), 'the list never carries the secret');
  assert.ok(!(await secadmin.get(`/api/v1/api-tokens/${r.body.apiToken.id}`)).raw.toString().includes(token.slice(12)));

  const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, r.body.apiToken.id));
  assert.equal(row.tokenHash, sha256(token));
  assert.ok(!JSON.stringify(row).includes(token.slice(12)), 'no column holds the token in clear');

  const auditor = await t.login('auditor');
  const [e] = await auditEntries(auditor, { action: 'api_tokens.create', targetId: r.body.apiToken.id });
  assert.equal(e.detail?.owner, 'officer');
  assert.ok(!JSON.stringify(e).includes(token.slice(12)));
});

test('SEC-02: a token can do what its permissions allow and nothing else, with no CSRF token needed', async () => {
  const token = (await createToken('officer', 'SFX', ['orgs.read', 'users.read'])).body.token;
  const api = t.withToken(token);
  assertStatus(await api.get('/api/v1/orgs'), 200);
  assertStatus(await api.get('/api/v1/users'), 200);
  const me = await api.get('/api/v1/auth/me');
  assert.equal(me.body.authKind, 'token');
  assert.deepEqual(Object.keys(me.body.permissions).sort(), ['orgs.read', 'users.read']);
  assertError(await api.post('/api/v1/sites', { orgId: await t.orgId('SFX-001'), kind: 'atm', name: 'X' }), 403, 'FORBIDDEN');
  assertError(await api.get('/api/v1/audit/events'), 403, 'FORBIDDEN');
  // Account self-service is for people at a browser, not for integrations.
  assertError(await api.post('/api/v1/auth/password', { currentPassword: 'a', newPassword: 'b' }), 403, 'FORBIDDEN');

  // A token for the system administrator with only orgs.read cannot manage sites, though its owner can…
  const narrow = t.withToken((await createToken('sysadmin', 'SFX', ['orgs.read'])).body.token);
  const site = { orgId: await t.orgId('SFX-003'), kind: 'atm', name: '西城分社离行式 ATM' };
  assertError(await narrow.post('/api/v1/sites', site), 403, 'FORBIDDEN');
  // …while one carrying sites.manage can, with no X-CSRF-Token (there is no cookie to ride on).
  const wide = t.withToken((await createToken('sysadmin', 'SFX', ['orgs.read', 'sites.manage'])).body.token);
  const created = await wide.post('/api/v1/sites', site);
  assertStatus(created, 201);

  const auditor = await t.login('auditor');
  const [e] = await auditEntries(auditor, { action: 'sites.create', targetId: created.body.id });
  assert.equal(e.actorType, 'token');
  assert.ok(e.tokenId);
});

test('SEC-02, SEC-03: a token never exceeds its owner and never carries an administrator-only permission', async () => {
  const before = (await t.database.db.select().from(apiTokens)).length;
  const notHeld = assertError(await createToken('officer', 'SFX', ['orgs.read', 'sites.manage']), 422, 'TOKEN_PERMISSION_NOT_HELD');
  assert.deepEqual(notHeld.details?.map((d) => d.path), ['permissions.1']);
  assert.match(notHeld.message, /杨晓明 本人没有权限 “sites.manage”/);
  const adminOnly = assertError(await createToken('secadmin', 'SFX', ['users.manage']), 422, 'ADMIN_PERMISSION_NOT_ASSIGNABLE');
  assert.deepEqual(adminOnly.details?.map((d) => d.path), ['permissions.0']);
  assertError(await createToken('auditor', 'SFX', ['audit.read']), 422, 'ADMIN_PERMISSION_NOT_ASSIGNABLE');
  // branch1 holds users.read only over SFX-001: a token over SFX-002 is refused.
  assertError(await createToken('branch1', 'SFX-002', ['users.read']), 422, 'TOKEN_PERMISSION_NOT_HELD');
  assert.equal((await t.database.db.select().from(apiTokens)).length, before, 'nothing was created');
});

test('ORG-01, SEC-02: a token over one branch sees only that branch', async () => {
  const api = t.withToken((await createToken('officer', 'SFX-001', ['users.read', 'orgs.read'])).body.token);
  const people = await api.get('/api/v1/users?pageSize=200');
  assertStatus(people, 200);
  const sfx001 = await t.orgId('SFX-001');
  assert.ok(people.body.total > 0);
  assert.ok(people.body.items.every((u: { orgId: string }) => u.orgId === sfx001));
  assertError(await api.get(`/api/v1/users/${await t.userId('branch2')}`), 404, 'USER_NOT_FOUND');
  assert.deepEqual((await api.get('/api/v1/orgs?pageSize=200')).body.items.map((o: { code: string }) => o.code), ['SFX-001']);
});

test('SEC-02: a token loses what its owner loses', async () => {
  const api = t.withToken((await createToken('officer2', 'SFX', ['users.read'])).body.token);
  assertStatus(await api.get('/api/v1/users?pageSize=1'), 200);
  const person = (await secadmin.get(`/api/v1/users/${await t.userId('officer2')}`)).body;
  assertStatus(await secadmin.post(`/api/v1/grants/${person.grants[0].id}/revoke`, { reason: '岗位调整' }), 200);
  assertError(await api.get('/api/v1/users?pageSize=1'), 403, 'FORBIDDEN');
});

test('SEC-01: a revoked token answers 401 TOKEN_INVALID at once; so does a malformed one', async () => {
  const r = await createToken('officer', 'SFX', ['orgs.read']);
  const api = t.withToken(r.body.token);
  assertStatus(await api.get('/api/v1/orgs'), 200);
  const revoked = await secadmin.post(`/api/v1/api-tokens/${r.body.apiToken.id}/revoke`, { reason: '对接系统下线' });
  assertStatus(revoked, 200);
  assert.equal(revoked.body.status, 'revoked');
  assertError(await api.get('/api/v1/orgs'), 401, 'TOKEN_INVALID');
  assertError(await secadmin.post(`/api/v1/api-tokens/${r.body.apiToken.id}/revoke`, { reason: '再次' }), 409, 'TOKEN_REVOKED');
  assert.ok(!(await secadmin.get('/api/v1/api-tokens?pageSize=200')).body.items.some((x: { id: string }) => x.id === r.body.apiToken.id), 'revoked tokens are hidden unless asked for');
  assertError(await t.withToken('anb_not-a-real-token').get('/api/v1/orgs'), 401, 'TOKEN_INVALID');
  assertError(await t.withToken(r.body.token.replace(/^anb_/, 'xyz_')).get('/api/v1/orgs'), 401, 'TOKEN_INVALID');
});

// Concurrent requests of one token share one look-up that starts after they arrived (authenticate.ts,
// platform/coalesce.ts): these prove the sharing never mixes two tokens and never answers a request
// from a look-up made before it arrived.
test('SEC-01, SEC-02: two tokens over different branches, each in a burst of concurrent requests, each see only their own branch', async () => {
  const one = t.withToken((await createToken('officer', 'SFX-001', ['orgs.read'])).body.token);
  const two = t.withToken((await createToken('officer', 'SFX-002', ['orgs.read'])).body.token);
  const [a, b] = [await t.orgId('SFX-001'), await t.orgId('SFX-002')];
  const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? two : one).get('/api/v1/orgs?pageSize=200').then((r) => [i % 2, r] as const)));
  for (const [which, r] of burst) {
    assertStatus(r, 200);
    const ids = r.body.items.map((o: { id: string }) => o.id);
    assert.ok(ids.includes(which ? b : a) && !ids.includes(which ? a : b), `request of token ${which + 1} sees its own branch only`);
  }
});

test('SEC-01: a token revoked during a burst of its own requests refuses the request that follows the revocation (no shared look-up from before it)', async () => {
  const r = await createToken('officer', 'SFX', ['orgs.read']);
  const api = t.withToken(r.body.token);
  for (let round = 0; round < 3; round++) assertStatus(await api.get('/api/v1/orgs?pageSize=1'), 200);
  const burst = Array.from({ length: 30 }, () => api.get('/api/v1/orgs?pageSize=1'));
  assertStatus(await secadmin.post(`/api/v1/api-tokens/${r.body.apiToken.id}/revoke`, { reason: '密钥泄露' }), 200);
  const afterwards = Array.from({ length: 10 }, () => api.get('/api/v1/orgs?pageSize=1'));
  for (const res of await Promise.all(afterwards)) assertError(res, 401, 'TOKEN_INVALID');
  // Requests that arrived before the revocation are answered one way or the other, never with an error.
  for (const res of await Promise.all(burst)) assert.ok(res.status === 200 || res.status === 401, `burst request answered ${res.status}`);
});

test('DESIGN §5: a retried creation with the same Idempotency-Key returns the first response without the secret and creates nothing', async () => {
  const headers = { 'idempotency-key': 'token-create-7f3a' };
  const first = await createToken('leader', 'SFX', ['orgs.read'], { name: '驾驶舱对接', headers });
  assertStatus(first, 201);
  assert.ok(first.body.token);
  const retry = await createToken('leader', 'SFX', ['orgs.read'], { name: '驾驶舱对接', headers });
  assertStatus(retry, 201);
  assert.equal(retry.headers['idempotent-replayed'], 'true');
  assert.equal(retry.body.token, null, 'the secret is shown once only');
  assert.equal(retry.body.apiToken.id, first.body.apiToken.id);
  const rows = await t.database.db.select().from(apiTokens).where(eq(apiTokens.name, '驾驶舱对接'));
  assert.equal(rows.length, 1);
  // The same key for a different request is refused.
  assertError(await createToken('leader', 'SFX', ['users.read'], { name: '驾驶舱对接', headers }), 422, 'IDEMPOTENCY_KEY_REUSED');
});

// Moves the clock past the expiry: keep this test last in the file.
test('SEC-01: an expired token answers 401 TOKEN_INVALID', async () => {
  const r = await createToken('officer', 'SFX', ['orgs.read'], { expiresInDays: 1 });
  const api = t.withToken(r.body.token);
  t.clock.advance(23 * 3600_000);
  assertStatus(await api.get('/api/v1/orgs'), 200);
  t.clock.advance(3600_000 + 60_000);
  assertError(await api.get('/api/v1/orgs'), 401, 'TOKEN_INVALID');
  const fresh = await t.login('secadmin');
  assert.equal((await fresh.get(`/api/v1/api-tokens/${r.body.apiToken.id}`)).body.status, 'expired');
});
