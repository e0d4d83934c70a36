// "Nothing half written" (DESIGN §5: a write is one transaction with its audit entries): checks over a
// whole database that find what a torn write would leave behind. Each returns a readable line per
// problem; an empty list means consistent. Used after crashes and after a restore.
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../../db/client.ts';

async function lines(database: Database, what: string, query: ReturnType<typeof sql>): Promise<string[]> {
  return (await rows<Record<string, unknown>>(database.db, query)).map((r) => `${what}: ${JSON.stringify(r)}`);
}

/**
 * The numbered documents: kind (the number's prefix, doc_counters.kind), table and column holding the
 * number (a hazard's rectification notice, ZG, is numbered on the hazard when the notice is issued),
 * and the audit entry written in the same transaction as the number (target_type, action).
 */
const NUMBERED = [
  { kind: 'YH', table: 'hazards', column: 'number', targetType: 'hazard', action: 'hazards.report' },
  { kind: 'ZG', table: 'hazards', column: 'notice_number', targetType: 'hazard', action: 'hazards.issue_notice' },
  { kind: 'JC', table: 'inspections', column: 'number', targetType: 'inspection', action: 'inspections.create' },
  { kind: 'FK', table: 'visitors', column: 'number', targetType: 'visitor', action: 'visitors.register' },
  { kind: 'JF', table: 'room_entries', column: 'number', targetType: 'room_entry', action: 'room_entries.create' },
  { kind: 'SB', table: 'equipment', column: 'number', targetType: 'equipment', action: 'equipment.create' },
  { kind: 'GZ', table: 'equipment_faults', column: 'number', targetType: 'equipment_fault', action: 'equipment_faults.report' },
] as const;

async function numbered(database: Database): Promise<string[]> {
  const out: string[] = [];
  for (const { kind, table, column, targetType, action } of NUMBERED) {
    const t = sql.identifier(table);
    const n = sql.identifier(column);
    const what = column === 'number' ? table : `${table}.${column}`;
    // XX-YYYY-NNNNNN; past 999999 the number keeps a seventh digit (numbering.ts). Only well-formed
    // numbers are counted below: a malformed one is reported by the form check, not a failed cast.
    const form = `^${kind}-[0-9]{4}-[0-9]{6,}$`;
    out.push(
      ...(await lines(
        database,
        `${what} without its ${action} audit entry`,
        sql`select d.${n} as number from ${t} d where d.${n} is not null and not exists (select 1 from audit_events a where a.action = ${action} and a.target_type = ${targetType} and a.target_id = d.id::text)`,
      )),
      ...(await lines(
        database,
        `${action} audit entry without its ${what}`,
        sql`select a.seq, a.target_id from audit_events a where a.action = ${action} and a.target_type = ${targetType} and a.result = 'success'
              and not exists (select 1 from ${t} d where d.id::text = a.target_id and d.${n} is not null)`,
      )),
      // A torn creation would leave the counter ahead of the records, i.e. a gap for the next one.
      ...(await lines(
        database,
        `${kind} numbers of ${what} with a gap or a counter out of step`,
        sql`with d as (select numbering_org_id::text as org, substr(${n}, 4, 4)::int as year, count(*)::int as n, max(substr(${n}, 9)::int) as top
                       from ${t} where ${n} ~ ${form} group by 1, 2)
            select d.*, c.value as counter from d left join doc_counters c on c.org_id = d.org and c.kind = ${kind} and c.year = d.year
            where d.n <> d.top or c.value is distinct from d.top`,
      )),
      ...(await lines(
        database,
        `${kind} counter with no ${what}`,
        sql`select c.* from doc_counters c where c.kind = ${kind} and not exists (select 1 from ${t} d where d.numbering_org_id::text = c.org_id and d.${n} ~ ${form} and substr(d.${n}, 4, 4)::int = c.year)`,
      )),
      ...(await lines(database, `${what} not in the form ${kind}-YYYY-NNNNNN`, sql`select d.${n} as number from ${t} d where d.${n} !~ ${form}`)),
    );
  }
  return out;
}

export async function halfWritten(database: Database): Promise<string[]> {
  return [
    // Every workflow step writes one timeline entry and one audit entry in the same transaction.
    ...(await lines(
      database,
      'hazard step with a timeline entry and no audit entry, or the reverse',
      sql`with u as (select hazard_id::text as id, step, count(*)::int as n from hazard_updates group by 1, 2),
               steps as (select distinct step from hazard_updates),
               a as (select target_id as id, substr(action, 9) as step, count(*)::int as n from audit_events
                     where target_type = 'hazard' and action like 'hazards.%' and substr(action, 9) in (select step from steps) group by 1, 2)
          select coalesce(u.id, a.id) as id, coalesce(u.step, a.step) as step, u.n as timeline, a.n as audit
          from u full join a on u.id = a.id and u.step = a.step where u.n is distinct from a.n`,
    )),
    // Every numbered document (DESIGN §5, gap-free numbers): its creation's audit entry, and numbers
    // per numbering unit and year 1..n with the counter at n.
    ...(await numbered(database)),
    // An Idempotency-Key claimed without the stored answer: the claim and the answer commit together.
    ...(await lines(database, 'idempotency key without its stored answer', sql`select principal, key from idempotency_keys where status_code is null`)),
    ...(await lines(
      database,
      'notification about a hazard that does not exist',
      sql`select n.id, n.rule from notifications n where n.target_type = 'hazard' and not exists (select 1 from hazards h where h.id = n.target_id)`,
    )),
  ];
}
