// People set up by tests through the API, as the security administrator would: a new person with an
// account, their first sign-in (forced password change), sign-ins with a second factor, grants.
import assert from 'node:assert/strict';
import { totpCode } from '../platform/auth/totp.ts';
import { Client, type Res, type TestApp } from './harness.ts';

/** Passwords that meet the default policy, also the administrators' 12 characters. */
export const GOOD_PASSWORDS = ['Rk8#mVq2zPw3', 'Hv5!rTq9wZc6', 'Jp3@nWx7cQe4', 'Lm6$bYt4dRg8', 'Qz9%kGs2hNu5', 'Wc4&fPv8jSy7', 'Bn2*xLr5tUk3'];

export interface NewPerson {
  id: string;
  username: string;
  initialPassword: string;
}

/** secadmin creates a person in the unit with `orgCode`; the generated initial password is returned once. */
export async function createPerson(t: TestApp, secadmin: Client, orgCode: string, username: string, extra: Record<string, unknown> = {}): Promise<NewPerson> {
  const r = await secadmin.post('/api/v1/users', { orgId: await t.orgId(orgCode), username, name: `测试${username}`, ...extra });
  assert.equal(r.status, 201, `create ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.user.id, username, initialPassword: r.body.initialPassword };
}

/** One sign-in attempt; the client keeps the session when it succeeds. */
export async function signIn(t: TestApp, username: string, password: string, otp?: string): Promise<{ client: Client; res: Res }> {
  const client = t.anonymous();
  const res = await client.post('/api/v1/auth/login', otp ? { username, password, otp } : { username, password });
  return { client, res };
}

/** Signs in with the TOTP code of `secret` at a fresh 30 s step (a code is accepted once). */
export async function signInWithTotp(t: TestApp, username: string, password: string, secret: string): Promise<{ client: Client; res: Res }> {
  t.clock.advance(30_000);
  return signIn(t, username, password, totpCode(secret, t.clock.now()));
}

/** First sign-in of a new person: the forced password change, after which the session is `expectedState`. */
export async function firstSignIn(t: TestApp, p: NewPerson, newPassword: string, expectedState = 'active'): Promise<Client> {
  const { client, res } = await signIn(t, p.username, p.initialPassword);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.state, 'change_password');
  const changed = await client.post('/api/v1/auth/password', { currentPassword: p.initialPassword, newPassword });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.state, expectedState);
  return client;
}

/** secadmin grants a built-in or custom role over a unit; returns the response. */
export async function grant(t: TestApp, secadmin: Client, userId: string, roleCode: string, orgCode: string): Promise<Res> {
  return secadmin.post(`/api/v1/users/${userId}/grants`, { roleCode, orgId: await t.orgId(orgCode) });
}

/** A copy of a client's session (cookie + CSRF token), to show that an old cookie stops working. */
export function sessionCopy(t: TestApp, c: Client): Client {
  return new Client(t.app, c.cookie, c.csrf);
}
