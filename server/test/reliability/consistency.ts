// "Nothing half written" (DESIGN §5: a write is one transaction with its audit entries): checks over a
// whole database that find what a torn write would leave behind. Each returns a readable line per
// problem; an empty list means consistent. Used after crashes and after a restore.
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../../db/client.ts';

async function lines(database: Database, what: string, query: ReturnType<typeof sql>): Promise<string[]> {
  return (await rows<Record<string, unknown>>(database.db, query)).map((r) => `${what}: ${JSON.stringify(r)}`);
}

export async function halfWritten(database: Database): Promise<string[]> {
  return [
    // A hazard without its report audit entry or its first timeline entry, or the reverse.
    ...(await lines(
      database,
      'hazard without its report audit entry',
      sql`select h.number from hazards h where not exists (select 1 from audit_events a where a.action = 'hazards.report' and a.target_id = h.id::text)`,
    )),
    ...(await lines(
      database,
      'report audit entry of a hazard that does not exist',
      sql`select a.seq, a.target_id from audit_events a where a.action = 'hazards.report' and not exists (select 1 from hazards h where h.id::text = a.target_id)`,
    )),
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
    // Document numbers: per numbering unit and year, 1..n with the counter at n (a torn creation
    // would leave the counter ahead of the records, i.e. a gap for the next one).
    ...(await lines(
      database,
      'hazard numbers with a gap or a counter out of step',
      sql`with h as (select numbering_org_id::text as org, substr(number, 4, 4)::int as year, count(*)::int as n, max(substr(number, 9)::int) as top
                     from hazards group by 1, 2)
          select h.*, c.value as counter from h left join doc_counters c on c.org_id = h.org and c.kind = 'YH' and c.year = h.year
          where h.n <> h.top or c.value is distinct from h.top`,
    )),
    ...(await lines(
      database,
      'hazard counter with no hazards',
      sql`select c.* from doc_counters c where c.kind = 'YH' and not exists (select 1 from hazards h where h.numbering_org_id::text = c.org_id and substr(h.number, 4, 4)::int = c.year)`,
    )),
    // An Idempotency-Key claimed without the stored answer: the claim and the answer commit together.
    ...(await lines(database, 'idempotency key without its stored answer', sql`select principal, key from idempotency_keys where status_code is null`)),
    ...(await lines(
      database,
      'notification about a hazard that does not exist',
      sql`select n.id, n.rule from notifications n where n.target_type = 'hazard' and not exists (select 1 from hazards h where h.id = n.target_id)`,
    )),
  ];
}
