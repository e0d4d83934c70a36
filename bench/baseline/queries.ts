// The SQL Anbao issues for the four benchmarked operations, written out by hand for the bare
// baseline server (no validation, authentication, authorization, audit, idempotency or presenters).
// Each query mirrors the Drizzle query named beside it; keep them in step when those change.

/** hazards/repository.ts selectHazards + hazardWhere(open, withinPath) + sortOrder('dueAt'): the register page. */
export const REGISTER_PAGE = `
  select h.*, o.name as org_name, o.path as org_path, s.name as site_name, r.name as reporter_name, resp.name as responsible_name
  from hazards h
  join orgs o on o.id = h.org_id
  left join sites s on s.id = h.site_id
  join users r on r.id = h.reported_by
  left join users resp on resp.id = h.responsible_user_id
  where h.org_id in (select o.id from orgs o where o.path like $1) and h.withdrawn_at is null and o.path like $2 and h.status <> 'closed'
  order by h.due_at asc, h.id asc limit $3 offset $4`;
/** listHazards' count. */
export const REGISTER_COUNT = `
  select count(*)::int as n from hazards h join orgs o on o.id = h.org_id
  where h.org_id in (select o.id from orgs o where o.path like $1) and h.withdrawn_at is null and o.path like $2 and h.status <> 'closed'`;
/** registerWhere → visibleOrg(orgId). */
export const ORG_BY_ID = `select * from orgs where id = $1`;
/** present(): pending extensions and people's names of the page. */
export const EXTENSIONS_OF = `select * from hazard_extensions where hazard_id = any($1::uuid[]) order by requested_at desc`;
export const NAMES_OF = `select id, name from users where id = any($1::uuid[])`;

/** numbering-org.ts: the units on the path. */
export const ORGS_ON_PATH = `select id, kind, depth from orgs where id = any($1::uuid[])`;
/** hazards/service.ts createHazard: the record, numbered in its own INSERT (numbering.ts docNumber, migration 0010), and its first timeline step. */
export const INSERT_HAZARD = `
  insert into hazards (id, org_id, numbering_org_id, number, title, description, category, source, site_id, location, grade, status,
    reported_by, reported_at, inspection_id, inspection_item_key, created_at, created_by, updated_at, updated_by)
  values ($1, $2, $3, anbao_next_doc_number($3::uuid::text, 'YH', $4::int), $5, $6, $7, $8, $9, $10, $11, 'reported', $12, $13, $14, $15, $13, $12, $13, $12) returning *`;
export const INSERT_REPORT_STEP = `
  insert into hazard_updates (id, hazard_id, org_id, step, note, to_status, created_at, created_by) values ($1, $2, $3, 'report', $4, 'reported', $5, $6)`;
/** notify/service.ts holders(permission) and notify(): who is told of a new hazard. */
export const HOLDERS = `
  select distinct u.id, u.name from grants g
  join roles ro on ro.id = g.role_id join orgs o on o.id = g.org_id join users u on u.id = g.user_id
  where g.revoked_at is null and ro.withdrawn_at is null and o.withdrawn_at is null and u.status = 'active' and u.withdrawn_at is null
    and starts_with($1::text, o.path) and ro.permissions @> $2::jsonb
  order by u.name asc, u.id asc`;
export const RECIPIENTS = `select id, email from users where id = any($1::uuid[]) and status = 'active' and withdrawn_at is null order by id`;
/** notify/service.ts channelsFor: the enabled channels at the unit or above that carry the rule (the unit itself is already read). */
export const CHANNELS = `
  select c.id, c.kind from notification_channels c join orgs o on o.id = c.org_id
  where c.enabled and c.withdrawn_at is null and c.org_id = any($1::uuid[]) and (c.rules = '[]'::jsonb or c.rules @> $2::jsonb) order by c.id`;
export const INSERT_NOTIFICATIONS = `
  insert into notifications (id, org_id, recipient_id, rule, target_type, target_id, due_key, message_code, params, link, created_at)
  select gen_random_uuid(), $1, r, 'hazard.reported', 'hazard', $2, 'report', 'hazard.reported', $3::jsonb, $4, $5 from unnest($6::uuid[]) r
  on conflict do nothing returning id, recipient_id`;

/** inspections/perform.ts submit: lock, load, template, results, update, one hazard per failed item. */
export const LOCK_INSPECTION = `select id from inspections where id = $1 for update`;
export const INSPECTION_ROW = `
  select i.*, o.name as org_name, o.path as org_path, s.name as site_name from inspections i
  join orgs o on o.id = i.org_id left join sites s on s.id = i.site_id where i.id = $1`;
export const TEMPLATE = `select * from inspection_templates where id = any($1::uuid[])`;
export const RESULTS_OF = `select * from inspection_results where inspection_id = $1`;
export const SUBMIT = `
  update inspections set status = 'submitted', submitted_at = $2, submitted_by = $3, summary = $4, updated_at = $2, updated_by = $3, version = version + 1
  where id = $1 and version = $5 returning id`;
export const LINK_RESULT = `update inspection_results set hazard_id = $2 where id = $1`;
