// Fifty different viewers of the provincial dashboard, for the benchmark's "many viewers" run: people
// of the generated province given, for the run only, the bench user's role (security head) at the
// provincial root and an API token each. Identical dashboard reads share one computation (the
// dashboard's read coalescing), so one token under 50 connections measures that sharing; fifty
// viewers measure what each viewer's own figures cost. Behind Anbao's back, like the drafts: the
// grants and tokens are revoked (with a reason) after the run and reused by the next one.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { TOKEN_PREFIX } from '../../server/platform/auth/authenticate.ts';
import { sha256 } from '../../server/platform/auth/sessions.ts';
import { uid } from '../gen/plan.ts';

const REASON = '基准测试结束 (benchmark run ended)';

export async function prepareViewers(c: pg.Client, o: { count: number; rootId: string; benchUserId: string }): Promise<Array<{ userId: string; token: string }>> {
  // People 1… of the generated province (0 is the bench user).
  const viewers = Array.from({ length: o.count }, (_, i) => ({ k: i + 1, userId: uid('user', i + 1), token: `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}` }));
  const ids = (kind: string) => viewers.map((v) => uid(kind, v.k));
  await c.query('begin');
  try {
    // Two set-based statements: every viewer's grant, then every viewer's token (upserts, so a later
    // run takes back the same rows).
    await c.query(
      `insert into grants (id, user_id, role_id, org_id, granted_by, granted_at)
       select g, u, r.id, $3, $4, now() from unnest($1::uuid[], $2::uuid[]) as v(g, u) cross join roles r where r.code = 'security_head'
       on conflict (id) do update set revoked_at = null, revoked_by = null, revoke_reason = null`,
      [ids('bench-viewer-grant'), viewers.map((v) => v.userId), o.rootId, o.benchUserId],
    );
    await c.query(
      `insert into api_tokens (id, user_id, org_id, name, prefix, token_hash, permissions, expires_at, created_at, created_by)
       select t, u, $5, '基准测试 viewer', p, h, r.permissions, now() + interval '1 day', now(), $6
       from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) as v(t, u, p, h) cross join roles r where r.code = 'security_head'
       on conflict (id) do update set token_hash = excluded.token_hash, prefix = excluded.prefix, expires_at = excluded.expires_at,
         revoked_at = null, revoked_by = null, revoke_reason = null`,
      [ids('bench-viewer-token'), viewers.map((v) => v.userId), viewers.map((v) => v.token.slice(0, 12)), viewers.map((v) => sha256(v.token)), o.rootId, o.benchUserId],
    );
    await c.query('commit');
    return viewers.map(({ userId, token }) => ({ userId, token }));
  } catch (e) {
    await c.query('rollback');
    throw e;
  }
}

export async function revokeViewers(c: pg.Client, o: { count: number; benchUserId: string }): Promise<void> {
  const ids = (kind: string) => Array.from({ length: o.count }, (_, k) => uid(kind, k + 1));
  await c.query(`update grants set revoked_at = now(), revoked_by = $2, revoke_reason = $3 where id = any($1::uuid[]) and revoked_at is null`, [ids('bench-viewer-grant'), o.benchUserId, REASON]);
  await c.query(`update api_tokens set revoked_at = now(), revoked_by = $2, revoke_reason = $3 where id = any($1::uuid[]) and revoked_at is null`, [ids('bench-viewer-token'), o.benchUserId, REASON]);
}
