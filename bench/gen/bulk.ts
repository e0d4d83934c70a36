// Phase 2 of the generator: hazards, their report steps, inspection records and their item results,
// written by PostgreSQL itself from generate_series (no rows travel from Node). Every id, unit, person
// and number is a closed-form function of the record's index (plan.ts), so the audit chain phase can
// name the same records without reading them back.
import type { Plan } from './plan.ts';
import { HAZARD_TITLES, CATEGORIES, idPrefix } from './plan.ts';

export type RunSql = (text: string) => Promise<void>;

/** SQL for uid(kind, n). */
const U = (kind: string, n: string) => `('${idPrefix(kind)}' || lpad(to_hex((${n})::bigint), 12, '0'))::uuid`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ts = (d: Date) => `'${d.toISOString()}'::timestamptz`;

export interface Window {
  /** Hazards are reported in [hazardsFrom, now); inspections fall due in [hazardsFrom, inspectionsTo). */
  from: Date;
  now: Date;
  inspectionsTo: Date;
  year: number;
  tz: string;
}

export interface ItemInfo {
  keys: string[];
  failKey: string;
  failGrade: string;
  failTitle: string;
  failCategory: string;
}

function people(plan: Plan) {
  const P = plan.perUnit - 1;
  return {
    staff: (b: string, i: string) => U('user', `1 + (${b}) + ${plan.units} * (1 + (${i}) % ${P})`),
    head: (b: string) => U('user', `1 + (${b})`),
    officer: (c: string, i: string) => U('user', `1 + ${plan.branches} + (${c}) + ${plan.units} * (1 + (${i}) % ${P})`),
    countyHead: (c: string) => U('user', `1 + ${plan.branches} + (${c})`),
  };
}

/** Inspections j in [lo, hi): unit = branch j % B; due across the year; past due → 95 % submitted, the rest planned or in progress. */
export async function inspections(run: RunSql, plan: Plan, w: Window, lo: number, hi: number): Promise<void> {
  const { B, C, NI } = { B: plan.branches, C: plan.s.counties, NI: plan.s.inspections };
  const pp = people(plan);
  await run(`
    insert into inspections (id, org_id, numbering_org_id, number, site_id, template_id, status, unannounced, scheduled_for, due_at,
      leader_id, member_ids, started_at, started_by, summary, submitted_at, submitted_by, inspector_signed_by, inspector_signed_at,
      inspector_sign_method, unit_signed_by, unit_signed_at, unit_sign_method, overdue_at, created_at, created_by, updated_at, updated_by, version)
    select ${U('ins', 'j')}, ${U('org-branch', 'j % ' + B)}, ${U('org-county', 'j % ' + C)},
      'JC-${w.year}-' || lpad(((j / ${C}) + 1)::text, 6, '0'), ${U('site', '(j % ' + B + ') * 4')}, ${U('template', 'j % ' + C)},
      st, false, to_char((due - interval '3 days') at time zone ${lit(w.tz)}, 'YYYY-MM-DD'), due,
      ldr, '[]'::jsonb,
      case when st <> 'planned' then due - interval '1 day' end, case when st <> 'planned' then ldr end,
      case when st = 'submitted' then '检查完成，发现问题已登记隐患' end,
      case when st = 'submitted' then due - interval '2 hours' end, case when st = 'submitted' then ldr end,
      case when st = 'submitted' then ldr end, case when st = 'submitted' then due - interval '150 minutes' end, case when st = 'submitted' then 'account' end,
      case when st = 'submitted' then ${pp.head('j % ' + B)} end, case when st = 'submitted' then due - interval '140 minutes' end, case when st = 'submitted' then 'account' end,
      case when st <> 'submitted' and due < ${ts(w.now)} then due + interval '1 hour' end,
      due - interval '7 days', ldr, coalesce(case when st = 'submitted' then due - interval '2 hours' end, due - interval '7 days'), ldr, case when st = 'planned' then 1 else 3 end
    from (
      select j, due, ${pp.officer('j % ' + C, 'j')} as ldr,
        case when due >= ${ts(w.now)} then 'planned' when (j * 13) % 100 < 5 then (case when j % 2 = 0 then 'planned' else 'in_progress' end) else 'submitted' end as st
      from (select j, ${ts(w.from)} + (j::float8 / ${NI}) * (${ts(w.inspectionsTo)} - ${ts(w.from)}) as due from generate_series(${lo}, ${hi - 1}) j) s
    ) x`);
}

/** 20 results per submitted record (10 for one in progress); item 1 fails on every 20th record and opens hazard 5j (INS-04). */
export async function results(run: RunSql, plan: Plan, items: ItemInfo, lo: number, hi: number): Promise<void> {
  const B = plan.branches;
  await run(`
    insert into inspection_results (id, inspection_id, org_id, item_key, result, note, grade, hazard_id, updated_at, updated_by)
    select ${U('result', 'j * 32 + k')}, i.id, i.org_id, key,
      case when fail then 'fail' when (j * 7 + k) % 50 = 0 then 'na' else 'pass' end,
      case when fail then '现场检查不合格' when (j * 7 + k) % 50 = 0 then '本网点无此项' end,
      case when fail then ${lit(items.failGrade)} end,
      case when fail then ${U('hz', '5 * j')} end,
      coalesce(i.submitted_at, i.started_at), i.leader_id
    from generate_series(${lo}, ${hi - 1}) j
    join inspections i on i.id = ${U('ins', 'j')} and i.status <> 'planned'
    cross join lateral unnest(array[${items.keys.map(lit).join(',')}]) with ordinality as t(key, k1)
    cross join lateral (select (k1 - 1)::int as k, (k1 = 1 and j % 20 = 0 and i.status = 'submitted') as fail) f
    where i.status = 'submitted' or k < 10`);
  void B;
}

/**
 * Hazards i in [lo, hi): unit = branch (i / 5) % B, reported evenly from `from` to now. p = (i·7919) mod 100:
 * < 5 open and overdue, < 7 reported (ungraded), < 10 open within the deadline, else closed.
 * Hazard 5j with j % 20 = 0 is the one opened by submitted inspection j's failed item.
 */
export async function hazards(run: RunSql, plan: Plan, w: Window, items: ItemInfo, lo: number, hi: number): Promise<void> {
  const { B, C, NH } = { B: plan.branches, C: plan.s.counties, NH: plan.s.hazards };
  const pp = people(plan);
  const titles = `(array[${HAZARD_TITLES.map(lit).join(',')}])[1 + i % ${HAZARD_TITLES.length}]`;
  const cats = `(array[${CATEGORIES.map(lit).join(',')}])[1 + i % ${CATEGORIES.length}]`;
  const span = (f: number) => `rep + (${ts(w.now)} - rep) * ${f}`;
  await run(`
    insert into hazards (id, org_id, numbering_org_id, number, title, description, category, source, site_id, location, grade, status, due_at,
      reported_by, reported_at, assessed_by, assessed_at, assessment_note, assessment_signoff_by, assessment_signoff_at, measures, responsible_user_id,
      rectified_by, rectified_at, rectification_note, verified_by, verified_at, verification_note, closure_signoff_by, closure_signoff_at, closed_at,
      inspection_id, inspection_item_key, created_at, created_by, updated_at, updated_by, version)
    select ${U('hz', 'i')}, ${U('org-branch', 'b')}, ${U('org-county', 'b % ' + C)},
      'YH-${w.year}-' || lpad((((i / 5) / ${C}) * 5 + i % 5 + 1)::text, 6, '0'),
      case when linked then ${lit(items.failTitle)} else ${titles} end,
      case when linked then '安全检查发现：' || ins_number else '日常巡查发现，已采取临时措施' end,
      case when linked then ${lit(items.failCategory)} else ${cats} end,
      case when linked then 'inspection' else (array['patrol','report','audit','assessment','other'])[1 + i % 5] end,
      ${U('site', 'b * 4')}, null, grade, st, due,
      ${pp.staff('b', 'i')}, rep,
      case when grade is not null then ${pp.officer('b % ' + C, 'i')} end, case when grade is not null then ${span(0.05)} end, case when grade is not null then '按制度定级' end,
      case when grade = 'major' and st <> 'assessed' then ${pp.countyHead('b % ' + C)} end, case when grade = 'major' and st <> 'assessed' then ${span(0.06)} end,
      case when st in ('rectifying','rectified','closed') then '限期整改，落实责任人' end, case when st in ('rectifying','rectified','closed') then ${pp.head('b')} end,
      case when st in ('rectified','closed') then ${pp.head('b')} end, case when st in ('rectified','closed') then ${span(0.2)} end, case when st in ('rectified','closed') then '已整改完毕' end,
      case when st = 'closed' then ${pp.officer('b % ' + C, 'i + 1')} end, case when st = 'closed' then ${span(0.25)} end, case when st = 'closed' then '复查合格' end,
      case when st = 'closed' and grade = 'major' then ${pp.countyHead('b % ' + C)} end, case when st = 'closed' and grade = 'major' then ${span(0.26)} end,
      case when st = 'closed' then ${span(0.26)} end,
      case when linked then ins_id end, case when linked then ${lit(items.failKey)} end,
      rep, ${pp.staff('b', 'i')}, case when st = 'closed' then ${span(0.26)} else rep end, ${pp.staff('b', 'i')}, 1
    from (
      select i, b, linked, ins_id, ins_number, rep,
        case when p < 5 then (array['assessed','rectifying','rectified'])[1 + (i / 100) % 3] when p < 7 then 'reported' when p < 10 then (array['assessed','rectifying','rectified'])[1 + (i / 100) % 3] else 'closed' end as st,
        case when p >= 5 and p < 7 then null when g = 0 then 'major' when g <= 5 then 'significant' else 'general' end as grade,
        case when p < 5 then rep + (${ts(w.now)} - rep) * 0.5 when p < 7 then null when p < 10 then ${ts(w.now)} + make_interval(days => 1 + i % 60) else rep + interval '30 days' end as due
      from (
        select i, (i / 5) % ${B} as b, (i::bigint * 7919) % 100 as p, (i * 31) % 20 as g, ins.id is not null as linked, ins.id as ins_id, ins.number as ins_number,
          coalesce(ins.submitted_at, ${ts(w.from)} + (i::float8 / ${NH}) * (${ts(w.now)} - ${ts(w.from)})) as rep
        from generate_series(${lo}, ${hi - 1}) i
        left join inspections ins on i % 100 = 0 and ins.id = ${U('ins', 'i / 5')} and ins.status = 'submitted'
      ) s
    ) x`);
}

export async function reportSteps(run: RunSql, lo: string, hi: string): Promise<void> {
  await run(`
    insert into hazard_updates (id, hazard_id, org_id, step, note, to_status, created_at, created_by)
    select gen_random_uuid(), id, org_id, 'report', description, 'reported', reported_at, reported_by from hazards
    where id >= '${lo}' and id < '${hi}' order by id`);
}

/** Later creations continue the numbers: each cooperative's counter is its highest number (gap-free by construction). */
export async function numberCounters(run: RunSql, year: number): Promise<void> {
  await run(`
    insert into doc_counters (org_id, kind, year, value)
    select numbering_org_id::text, 'YH', ${year}, max(substring(number from 9)::int) from hazards where number like 'YH-${year}-%' group by 1
    union all
    select numbering_org_id::text, 'JC', ${year}, max(substring(number from 9)::int) from inspections where number like 'JC-${year}-%' group by 1
    on conflict (org_id, kind, year) do update set value = greatest(doc_counters.value, excluded.value)`);
}
