// Draft inspection records for the submit benchmark: in progress, 20 results with one failure, signed
// by the inspector (the bench user, on the team), so POST …/submit succeeds once per draft. Numbers
// come from the cooperative's counter, so later creations continue the series.
import type pg from 'pg';
import { uid } from '../gen/plan.ts';

export async function prepareDrafts(c: pg.Client, o: { count: number; branch: number; county: number; byUserId: string; itemKeys: string[]; failKey: string }): Promise<string[]> {
  const year = new Date().getFullYear();
  const countyId = uid('org-county', o.county);
  await c.query('begin');
  try {
    const { rows: counter } = await c.query(
      `insert into doc_counters (org_id, kind, year, value) values ($1, 'JC', $2, $3)
       on conflict (org_id, kind, year) do update set value = doc_counters.value + $3 returning value - $3 as base`,
      [countyId, year, o.count],
    );
    const base = Number(counter[0].base);
    const { rows } = await c.query<{ id: string }>(
      `insert into inspections (id, org_id, numbering_org_id, number, site_id, template_id, status, unannounced, scheduled_for, due_at, leader_id, member_ids,
         started_at, started_by, inspector_signed_by, inspector_signed_at, inspector_sign_method, created_at, created_by, updated_at, updated_by, version)
       select gen_random_uuid(), $1, $2, 'JC-' || $3::text || '-' || lpad(($4 + g)::text, 6, '0'), $5, $6, 'in_progress', false, to_char(now(), 'YYYY-MM-DD'),
         now() + interval '7 days', $7, '[]'::jsonb, now(), $7, $7, now(), 'account', now(), $7, now(), $7, 1
       from generate_series(1, $8::int) g returning id`,
      [uid('org-branch', o.branch), countyId, year, base, uid('site', o.branch * 4), uid('template', o.county), o.byUserId, o.count],
    );
    const ids = rows.map((r) => r.id);
    await c.query(
      `insert into inspection_results (id, inspection_id, org_id, item_key, result, note, grade, updated_at, updated_by)
       select gen_random_uuid(), i, $2, k, case when k = $4 then 'fail' else 'pass' end, case when k = $4 then '基准测试：不合格' end, null, now(), $5
       from unnest($1::uuid[]) i cross join unnest($3::text[]) k`,
      [ids, uid('org-branch', o.branch), o.itemKeys, o.failKey, o.byUserId],
    );
    await c.query('commit');
    return ids;
  } catch (e) {
    await c.query('rollback');
    throw e;
  }
}

/**
 * Drafts the submit benchmark did not use stay in progress, led by the bench user, and would swell
 * "my inspections due" on the next run's dashboard: they are withdrawn (with a reason) before and
 * after each run. Behind Anbao's back, like the drafts themselves; the dashboard triggers follow.
 */
export async function withdrawLeftoverDrafts(c: pg.Client, byUserId: string): Promise<number> {
  const r = await c.query(
    `update inspections set withdrawn_at = now(), withdrawn_by = $1, withdrawn_reason = '基准测试未用草稿 / unused benchmark draft'
     where leader_id = $1 and status = 'in_progress' and withdrawn_at is null`,
    [byUserId],
  );
  return r.rowCount ?? 0;
}
