// Chinese text, emoji and characters outside the Basic Multilingual Plane (CJK Extension B, e.g. 𠀀
// and the rare 𪚥) come back exactly as written through create + get, on every create route. The
// free-text fields are found in the route's OpenAPI schema, so new fields and routes are covered;
// each create route only declares a body whose references are valid (a unit, a person).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { demoCallerFor } from '../callers.ts';
import { type Client, type Res, startTestApp, type TestApp } from '../harness.ts';
import { assertStatus } from '../http-assert.ts';
import { type JsonSchema, jsonBodySchema, type OpenApiDoc, type Operation, operationOf } from '../schema-inputs.ts';

const TEXT = '𠀀𪚥测试🏦';

let t: TestApp;
let doc: OpenApiDoc;
const clients = new Map<string, Client>();
const rand = () => randomBytes(3).toString('hex');

interface RoundTrip {
  /** A valid body; free-text fields are then overwritten with TEXT. */
  body: () => Promise<Record<string, unknown>>;
  /** The created record's id in the 201 response. */
  id: (r: Res) => string;
  /** Why a create takes no free text at all (its text is added by later steps, checked there). */
  noText?: string;
}

/** Every create route (POST without path parameters, JSON body, 201) must be declared here. */
const ROUND_TRIPS: Record<string, RoundTrip> = {
  'POST /api/v1/orgs': {
    body: async () => ({ parentId: await t.orgId('SFX'), kind: 'department', name: 'x', code: `RT-${rand()}` }),
    id: (r) => r.body.id,
  },
  'POST /api/v1/sites': { body: async () => ({ orgId: await t.orgId('SFX-001'), kind: 'vault', name: 'x' }), id: (r) => r.body.id },
  'POST /api/v1/users': { body: async () => ({ orgId: await t.orgId('SFX-001'), username: `rt_${rand()}`, name: 'x' }), id: (r) => r.body.user.id },
  'POST /api/v1/roles': { body: async () => ({ code: `rt_${rand()}`, name: 'x', nameEn: 'x', permissions: ['orgs.read'] }), id: (r) => r.body.id },
  'POST /api/v1/api-tokens': {
    body: async () => ({ name: 'x', userId: await t.userId('officer'), orgId: await t.orgId('SFX'), permissions: ['orgs.read'], expiresInDays: 30 }),
    id: (r) => r.body.apiToken.id,
  },
  'POST /api/v1/inspection-templates': {
    body: async () => ({ kind: 'other', name: 'x', sections: [{ title: '检查项', items: [{ key: 'k1', text: '门窗', standard: '完好', method: 'onsite', category: 'physical', defaultGrade: 'general' }] }] }),
    id: (r) => r.body.id,
  },
  'POST /api/v1/inspection-plans': {
    body: async () => {
      const officer = await client('officer');
      const tpl = (await officer.get('/api/v1/inspection-templates?kind=business_hall')).body.items[0].id;
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(t.clock.now());
      return { orgId: await t.orgId('SFX-003'), name: 'x', templateId: tpl, scopeOrgIds: [await t.orgId('SFX-003')], recurrence: 'once', startsOn: day, durationDays: 3, leaderId: await t.userId('officer') };
    },
    id: (r) => r.body.id,
  },
  'POST /api/v1/inspections': {
    body: async () => {
      const officer = await client('officer');
      const tpl = (await officer.get('/api/v1/inspection-templates?kind=vault')).body.items[0].id;
      const due = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
      return { templateId: tpl, orgId: await t.orgId('SFX-001'), leaderId: await t.userId('officer'), dueOn: due };
    },
    id: (r) => r.body.id,
    noText: 'an ad-hoc inspection is created from a template, a unit, a team and a date; its notes, location and summary come with the results and the submission',
  },
  'POST /api/v1/hazards': { body: async () => ({ title: 'x', category: 'fire', orgId: await t.orgId('SFX-001') }), id: (r) => r.body.id },
  'POST /api/v1/duty-rosters/shifts': { body: async () => ({ orgId: await t.orgId('SFX-001'), name: 'x', startTime: '08:00', endTime: '20:00' }), id: (r) => r.body.id },
  'POST /api/v1/duty-rosters': {
    body: async () => ({ shiftId: (await dutyShift()).id, dutyDate: today(), personIds: [await t.userId('officer')] }),
    id: (r) => r.body.id,
    noText: 'an assignment is a shift, a date and people; what happens on it is written in the duty log (checked there)',
  },
  'POST /api/v1/duty-logs': { body: async () => ({ assignmentId: await onDutyNow(), happened: 'x', actionTaken: 'x' }), id: (r) => r.body.id },
  'POST /api/v1/handovers': { body: async () => ({ assignmentId: await onDutyNow(), note: 'x' }), id: (r) => r.body.id },
  'POST /api/v1/visitors': {
    body: async () => ({ kind: 'appointment', orgId: await t.orgId('SFX-001'), name: 'x', documentType: 'passport', documentNumber: `E${rand()}`, purpose: 'x', hostId: await t.userId('staff1'), siteIds: [], expectedAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString() }),
    id: (r) => r.body.id,
  },
  'POST /api/v1/visitors/blocklist': { body: async () => ({ orgId: await t.orgId('SFX'), name: 'x', documentType: 'passport', documentNumber: `E${rand()}`, reason: 'x' }), id: (r) => r.body.id },
  'POST /api/v1/room-entries': {
    body: async () => {
      const sites = (await (await client('officer')).get('/api/v1/sites?pageSize=200')).body.items as Array<{ id: string; name: string }>;
      return { siteId: sites.find((s) => s.name === '中心机房')!.id, staffIds: [await t.userId('it1'), await t.userId('it2')], purpose: 'x' };
    },
    id: (r) => r.body.id,
  },
  'POST /api/v1/keys': {
    body: async () => {
      const sites = (await (await client('officer')).get('/api/v1/sites?pageSize=200')).body.items as Array<{ id: string; name: string }>;
      return { siteId: sites.find((s) => s.name === '县联社金库')!.id, description: 'x', copies: 1, holderIds: [await t.userId('head')] };
    },
    id: (r) => r.body.id,
  },
  'POST /api/v1/equipment': { body: async () => ({ kind: 'camera', name: 'x', orgId: await t.orgId('SFX-001') }), id: (r) => r.body.id },
  'POST /api/v1/maintenance-plans': {
    body: async () => {
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(t.clock.now());
      return { orgId: await t.orgId('SFX-003'), name: 'x', type: 'daily_check', recurrence: 'daily', assigneeId: await t.userId('officer'), startsOn: day };
    },
    id: (r) => r.body.id,
  },
  'POST /api/v1/equipment-faults': {
    body: async () => {
      const e = await (await client('officer')).post('/api/v1/equipment', { kind: 'ups', name: 'UPS', orgId: await t.orgId('SFX-001') });
      return { equipmentId: e.body.id, description: 'x' };
    },
    id: (r) => r.body.id,
  },
  'POST /api/v1/patrol-routes': {
    body: async () => ({ orgId: await t.orgId('SFX-003'), name: 'x', scheduleTimes: ['21:00'], scheduleDays: [1, 3, 5], checkpoints: [{ name: '金库门', windowMinutes: 10 }] }),
    id: (r) => r.body.id,
  },
  'POST /api/v1/patrols': {
    body: async () => {
      const officer = await client('officer');
      const route = await officer.post('/api/v1/patrol-routes', { orgId: await t.orgId('SFX-003'), name: '往返', scheduleTimes: [], scheduleDays: [1], checkpoints: [{ name: '后门', windowMinutes: 10 }] });
      return { routeId: route.body.id };
    },
    id: (r) => r.body.id,
  },
  'POST /api/v1/monitoring-logs': {
    body: async () => ({ orgId: await t.orgId('SFX-BWB'), kind: 'archive', medium: 'hard_disk', fromAt: new Date(t.clock.now().getTime() - 7_200_000).toISOString(), toAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString() }),
    id: (r) => r.body.id,
  },
  'POST /api/v1/opening-checks': {
    body: async () => {
      const items = (await (await client('officer')).get('/api/v1/opening-checks/checklists')).body.closing.map((i: { key: string }) => ({ key: i.key, ok: true }));
      return { orgId: await t.orgId('SFX-003'), kind: 'closing', items };
    },
    id: (r) => r.body.id,
  },
  'POST /api/v1/notification-channels': {
    body: async () => ({ orgId: await t.orgId('SFX'), kind: 'wecom', name: 'x', config: { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=rt' } }),
    id: (r) => r.body.id,
  },
};

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(t.clock.now());
/** A new 24-hour shift of SFX-001 (the officer rosters it). */
async function dutyShift() {
  return (await (await client('officer')).post('/api/v1/duty-rosters/shifts', { orgId: await t.orgId('SFX-001'), name: `全天班${rand()}`, startTime: '00:00', endTime: '00:00' })).body;
}
/** Today's assignment of a new 24-hour shift with the officer on duty (who writes its log and hands it over). */
async function onDutyNow(): Promise<string> {
  const r = await (await client('officer')).post('/api/v1/duty-rosters', { shiftId: (await dutyShift()).id, dutyDate: today(), personIds: [await t.userId('officer')] });
  return r.body.id;
}

before(async () => {
  t = await startTestApp();
  doc = (await t.anonymous().get('/api/v1/openapi.json')).body;
});
after(async () => t.close());

async function client(username: string): Promise<Client> {
  if (!clients.has(username)) clients.set(username, await t.login(username));
  return clients.get(username)!;
}

const createRoutes = () =>
  t.app.catalogue.filter((r) => r.method === 'POST' && !r.url.includes(':') && jsonBodySchema(operationOf(doc, r.method, r.url)) && operationOf(doc, r.method, r.url)!.responses['201']);

/** Properties of an object schema, merged over allOf (intersections) and anyOf/oneOf (unions: those every variant has). */
function propsOf(s: (JsonSchema & { allOf?: JsonSchema[] }) | undefined): Record<string, JsonSchema> {
  if (!s) return {};
  if (s.allOf) return Object.assign({}, ...s.allOf.map(propsOf));
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.length) {
    const each = variants.map(propsOf);
    return Object.fromEntries(Object.entries(each[0]).filter(([k]) => each.every((p) => k in p)));
  }
  return s.properties ?? {};
}

function responseProps(op: Operation | undefined): Record<string, JsonSchema> {
  return propsOf((op?.responses['200'] as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content?.['application/json']?.schema);
}

/** Body fields that hold free text (no pattern, format or enum) and that the record's GET returns. */
function textFields(body: JsonSchema, get: Operation | undefined): string[] {
  const returned = responseProps(get);
  return Object.entries(propsOf(body))
    .filter(([name, raw]) => {
      const s = raw.anyOf?.find((a) => a.type !== 'null') ?? raw;
      return s.type === 'string' && !s.enum && !s.format && (!s.pattern || s.pattern === '\\S') && (s.maxLength ?? Infinity) >= TEXT.length && name in returned;
    })
    .map(([name]) => name);
}

test('every create route declares a round-trip body (new create routes must add theirs)', () => {
  const declared = new Set(Object.keys(ROUND_TRIPS));
  const missing = createRoutes().map((r) => `${r.method} ${r.url}`).filter((k) => !declared.has(k));
  assert.deepEqual(missing, [], `add to ROUND_TRIPS in ${import.meta.url}`);
  const stale = [...declared].filter((k) => !createRoutes().some((r) => `${r.method} ${r.url}` === k));
  assert.deepEqual(stale, []);
});

test('Chinese, emoji and rare characters (𠀀𪚥测试🏦) round-trip intact through create + get on every create route', async (tt) => {
  for (const route of createRoutes()) {
    const spec = ROUND_TRIPS[`${route.method} ${route.url}`];
    if (!spec) continue;
    await tt.test(`${route.method} ${route.url}`, async () => {
      const get = operationOf(doc, 'GET', `${route.url}/:id`);
      assert.ok(get, `${route.url} has no GET /:id to read the record back`);
      const fields = textFields(jsonBodySchema(operationOf(doc, route.method, route.url))!, get);
      if (spec.noText) {
        assert.equal(fields.length, 0, `${route.url} declares noText but has free-text fields: ${fields.join(', ')}`);
        return;
      }
      assert.ok(fields.length, `${route.url}: no free-text field found`);
      const body = await spec.body();
      for (const f of fields) body[f] = `${f}：${TEXT}`;
      const c = await client(demoCallerFor(route)!);
      const created = await c.post(route.url, body);
      assertStatus(created, 201);
      const read = await c.get(`${route.url}/${spec.id(created)}`);
      assertStatus(read, 200);
      for (const f of fields) assert.equal(read.body[f], `${f}：${TEXT}`, `${route.url} ${f}`);
      // The stored text is the same code points, not a lookalike (e.g. CESU-8 or replacement characters).
      assert.deepEqual([...read.body[fields[0]]].slice(-5), ['𠀀', '𪚥', '测', '试', '🏦']);
    });
  }
});
