// The ceiling for `npm run bench`: Fastify 5 + pg issuing the same SQL as Anbao for the four benchmarked
// operations (queries.ts), with no validation, authentication, authorization, audit, idempotency or
// presenters. PORT, DATABASE_URL; the pool has Anbao's size (10).
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import * as Q from './queries.ts';
import { dashboardSql } from './dashboard-sql.ts';

pg.types.setTypeParser(20, (v) => Number(v));
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, application_name: 'anbao-bench-bare' });
const app = Fastify({ logger: false });
const ASSESS = JSON.stringify(['hazards.assess']);
const year = () => new Date().getFullYear();

type Client = pg.PoolClient;
async function inTx<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    const out = await fn(c);
    await c.query('commit');
    return out;
  } catch (e) {
    await c.query('rollback').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

async function openHazard(c: Client, b: { orgId: string; title: string; description: string | null; category: string; source: string; siteId: string | null; grade: string | null; by: string; inspectionId?: string; itemKey?: string }) {
  const now = new Date();
  const [unit] = (await c.query(Q.ORG_BY_ID, [b.orgId])).rows;
  const onPath = (await c.query(Q.ORGS_ON_PATH, [unit.path.split('/').filter(Boolean)])).rows as Array<{ id: string; kind: string; depth: number }>;
  const numbering = onPath.filter((o) => o.kind === 'county_union').sort((x, y) => y.depth - x.depth)[0]?.id ?? onPath[0].id;
  // As openHazard: who is told (people, the unit, its channels) is read before the number is taken
  // (its counter row stays locked until commit).
  const holders = (await c.query(Q.HOLDERS, [unit.path, ASSESS])).rows.map((r) => r.id).filter((x: string) => x !== b.by);
  const people = holders.length ? (await c.query(Q.RECIPIENTS, [holders])).rows.map((r) => r.id) : [];
  if (people.length) await c.query(Q.CHANNELS, [unit.path.split('/').filter(Boolean), JSON.stringify(['hazard.reported'])]);
  const id = randomUUID();
  const [h] = (await c.query(Q.INSERT_HAZARD, [id, unit.id, numbering, year(), b.title, b.description, b.category, b.source, b.siteId, null, b.grade, b.by, now, b.inspectionId ?? null, b.itemKey ?? null])).rows;
  await c.query(Q.INSERT_REPORT_STEP, [randomUUID(), id, unit.id, b.description, now, b.by]);
  if (people.length) await c.query(Q.INSERT_NOTIFICATIONS, [unit.id, id, JSON.stringify({ number: h.number, title: b.title }), `/hazards/${id}`, now, people]);
  return h;
}

app.get<{ Querystring: { orgId: string; scope: string; page?: string } }>('/hazards', async (req) => {
  // Pool queries only: holding a client while waiting for another would exhaust the pool.
  const [org] = (await pool.query(Q.ORG_BY_ID, [req.query.orgId])).rows;
  const args = [`${req.query.scope}%`, `${org.path}%`];
  const [items, count] = await Promise.all([pool.query(Q.REGISTER_PAGE, [...args, 20, 0]), pool.query(Q.REGISTER_COUNT, args)]);
  const ids = items.rows.map((r) => r.id);
  const [exts, names] = await Promise.all([pool.query(Q.EXTENSIONS_OF, [ids]), pool.query(Q.NAMES_OF, [[...new Set(items.rows.flatMap((r) => [r.reported_by, r.responsible_user_id, r.assessed_by]).filter(Boolean))]])]);
  return { items: items.rows, total: count.rows[0].n, extensions: exts.rowCount, names: names.rowCount };
});

app.get<{ Querystring: { orgId: string; userId: string } }>('/dashboard', async (req) => {
  const [org] = (await pool.query(Q.ORG_BY_ID, [req.query.orgId])).rows;
  const out: Record<string, unknown> = {};
  for (const [name, q] of Object.entries(dashboardSql(org, req.query.userId, new Date()))) out[name] = (await pool.query(q.text, q.values as unknown[])).rows;
  return out;
});

app.post<{ Body: { orgId: string; title: string; category: string; description?: string; by: string } }>('/hazards', async (req, reply) => {
  const h = await inTx((c) => openHazard(c, { ...req.body, description: req.body.description ?? null, source: 'report', siteId: null, grade: null }));
  reply.code(201);
  return h;
});

app.post<{ Params: { id: string }; Body: { by: string; version?: number } }>('/inspections/:id/submit', async (req) =>
  inTx(async (c) => {
    const id = req.params.id;
    await c.query(Q.LOCK_INSPECTION, [id]);
    const [r] = (await c.query(Q.INSPECTION_ROW, [id])).rows;
    const [template] = (await c.query(Q.TEMPLATE, [[r.template_id]])).rows;
    const results = new Map((await c.query(Q.RESULTS_OF, [id])).rows.map((x) => [x.item_key, x]));
    const now = new Date();
    const updated = await c.query(Q.SUBMIT, [id, now, req.body.by, null, req.body.version ?? r.version]);
    if (!updated.rowCount) throw new Error('version conflict');
    const opened: string[] = [];
    for (const item of template.sections.flatMap((s: { items: Array<{ key: string; text: string; category: string; defaultGrade: string }> }) => s.items)) {
      const res = results.get(item.key);
      if (res?.result !== 'fail') continue;
      const h = await openHazard(c, { orgId: r.org_id, title: item.text, description: `安全检查发现 ${r.number}`, category: item.category, source: 'inspection', siteId: r.site_id, grade: res.grade ?? item.defaultGrade, by: req.body.by, inspectionId: id, itemKey: item.key });
      await c.query(Q.LINK_RESULT, [res.id, h.id]);
      opened.push(h.number);
    }
    return { id, status: 'submitted', opened };
  }),
);

await app.listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' });
