// The app's API as the person signed in on a browser context (their session cookie and CSRF token):
// for test set-up and for reading the figures a page must show.
import assert from 'node:assert/strict';
import type { APIRequestContext, APIResponse } from 'playwright-core';
import { E2E_PASSWORD } from './harness.ts';

export async function apiOf(request: APIRequestContext) {
  const me = (await (await request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': me.csrfToken };
  const json = async (r: APIResponse): Promise<unknown> => {
    assert.ok(r.ok(), `${r.url()} answered ${r.status()}: ${await r.text()}`);
    return r.json();
  };
  return {
    get: async <T>(path: string): Promise<T> => (await json(await request.get(`/api/v1${path}`))) as T,
    post: async <T>(path: string, data: unknown): Promise<T> => (await json(await request.post(`/api/v1${path}`, { data, headers }))) as T,
    patch: async <T>(path: string, data: unknown): Promise<T> => (await json(await request.patch(`/api/v1${path}`, { data, headers }))) as T,
  };
}

/** Test set-up: the officer (安全员) reports hazards of branch SFX-001 through the API, untouched. */
export async function reportAsOfficer(request: APIRequestContext, titles: readonly string[]): Promise<void> {
  const login = await request.post('/api/v1/auth/login', { data: { username: 'officer', password: E2E_PASSWORD } });
  assert.ok(login.ok(), `officer signs in: ${login.status()}`);
  const api = await apiOf(request);
  const orgs = await api.get<{ items: Array<{ id: string; code: string }> }>('/orgs?q=SFX-001&pageSize=50');
  const branch = orgs.items.find((o) => o.code === 'SFX-001');
  assert.ok(branch, 'the demo branch SFX-001 exists');
  for (const title of titles) await api.post('/hazards', { title, category: 'physical', orgId: branch.id });
}
