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
  const out: Array<{ userId: string; token: string }> = [];
  const {
    rows: [role],
  } = await c.query<{ id: string; permissions: string[] }>(`select id, permissions from roles where code = 'security_head'`);
  await c.query('begin');
  try {
    for (let k = 1; k <= o.count; k++) {
      // People 1… of the generated province (0 is the bench user).
      const userId = uid('user', k);
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      await c.query(
        `insert into grants (id, user_id, role_id, org_id, granted_by, granted_at) values ($1, $2, $3, $4, $5, now())
         on conflict (id) do update set revoked_at = null, revoked_by = null, revoke_reason = null`,
        [uid('bench-viewer-grant', k), userId, role.id, o.rootId, o.benchUserId],
      );
      await c.query(
        `insert into api_tokens (id, user_id, org_id, name, prefix, token_hash, permissions, expires_at, created_at, created_by)
         values ($1, $2, $3, '基准测试 viewer', $4, $5, $6, now() + interval '1 day', now(), $7)
         on conflict (id) do update set token_hash = excluded.token_hash, prefix = excluded.prefix, expires_at = excluded.expires_at,
           revoked_at = null, revoked_by = null, revoke_reason = null`,
        [uid('bench-viewer-token', k), userId, o.rootId, token.slice(0, 12), sha256(token), JSON.stringify(role.permissions), o.benchUserId],
      );
      out.push({ userId, token });
    }
    await c.query('commit');
    return out;
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
