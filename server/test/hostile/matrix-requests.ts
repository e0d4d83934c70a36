// One valid request per route, per unit, for the authorization matrix. Unit-scoped routes take their
// ids, bodies and URLs from the cross-org fixtures (own unit: the same fixtures made in SFX-001);
// `other` is the request that reaches into SFX-002 — its record, or its id named in the input — or
// null where a route cannot name another unit (a list with no unit filter: cross-org.test.ts proves
// those leave other units' records out). Own-account and global routes are built here.
import { eq } from 'drizzle-orm';
import type { RouteEntry } from '../../app.ts';
import { users } from '../../db/schema/index.ts';
import { totpCode } from '../../platform/auth/totp.ts';
import { type Client, type Res, TEST_PASSWORD, TEST_TOTP_SECRET } from '../harness.ts';
import type { Person } from '../people.ts';
import { PNG_1X1, upload } from '../uploads.ts';
import { AGGREGATES, CREATE_ROUTES, ID_ROUTES, LIST_ROUTES, type World } from '../suites/cross-org-fixtures.ts';
import { directSession, type MatrixWorld, ownNotification, type Unit } from './matrix-world.ts';

export type Send = (m: MatrixWorld, p: Person) => Promise<Res>;
/** A route's two requests; `other: null` where the route cannot reach another unit. */
export interface Cell {
  own: Send;
  other: Send | null;
}

const key = (r: Pick<RouteEntry, 'method' | 'url'>) => `${r.method} ${r.url}`;

/** Lists that can be aimed at another unit by a filter (the other list filters answer ORG_NOT_FOUND / 404). */
const OTHER_FILTER: Record<string, (w: World) => Promise<string> | string> = {
  'GET /api/v1/orgs': (w) => `/api/v1/orgs?within=${w.A}`,
  'GET /api/v1/sites': (w) => `/api/v1/sites?orgId=${w.A}`,
  'GET /api/v1/users': (w) => `/api/v1/users?orgId=${w.A}`,
  'GET /api/v1/audit/events': (w) => `/api/v1/audit/events?orgId=${w.A}`,
  'GET /api/v1/audit/events/export.xlsx': (w) => `/api/v1/audit/events/export.xlsx?orgId=${w.A}`,
  'GET /api/v1/hazards': (w) => `/api/v1/hazards?orgId=${w.A}`,
  'GET /api/v1/hazards/export.xlsx': (w) => `/api/v1/hazards/export.xlsx?orgId=${w.A}`,
  'GET /api/v1/inspection-templates': (w) => `/api/v1/inspection-templates?orgId=${w.A}`,
  'GET /api/v1/inspection-plans': (w) => `/api/v1/inspection-plans?orgId=${w.A}`,
  'GET /api/v1/inspections': (w) => `/api/v1/inspections?orgId=${w.A}`,
  'GET /api/v1/inspections/export.xlsx': (w) => `/api/v1/inspections/export.xlsx?orgId=${w.A}`,
  'GET /api/v1/notification-channels': (w) => `/api/v1/notification-channels?orgId=${w.A}`,
  'GET /api/v1/duty-rosters/shifts': (w) => `/api/v1/duty-rosters/shifts?orgId=${w.A}`,
  'GET /api/v1/duty-rosters': (w) => `/api/v1/duty-rosters?orgId=${w.A}`,
  'GET /api/v1/duty-rosters/export.xlsx': (w) => `/api/v1/duty-rosters/export.xlsx?orgId=${w.A}`,
  'GET /api/v1/duty-logs': (w) => `/api/v1/duty-logs?orgId=${w.A}`,
  'GET /api/v1/duty-logs/export.xlsx': (w) => `/api/v1/duty-logs/export.xlsx?orgId=${w.A}`,
  'GET /api/v1/handovers': (w) => `/api/v1/handovers?orgId=${w.A}`,
  'GET /api/v1/handovers/export.xlsx': (w) => `/api/v1/handovers/export.xlsx?orgId=${w.A}`,
  'GET /api/v1/visitors': (w) => `/api/v1/visitors?orgId=${w.A}`,
  'GET /api/v1/visitors/export.xlsx': (w) => `/api/v1/visitors/export.xlsx?orgId=${w.A}`,
  'GET /api/v1/visitors/blocklist': (w) => `/api/v1/visitors/blocklist?orgId=${w.A}`,
  'GET /api/v1/room-entries': (w) => `/api/v1/room-entries?orgId=${w.A}`,
  'GET /api/v1/room-entries/export.xlsx': (w) => `/api/v1/room-entries/export.xlsx?orgId=${w.A}`,
  'GET /api/v1/keys': (w) => `/api/v1/keys?orgId=${w.A}`,
  'GET /api/v1/keys/export.xlsx': (w) => `/api/v1/keys/export.xlsx?orgId=${w.A}`,
  'GET /api/v1/equipment': (w) => `/api/v1/equipment?orgId=${w.A}`,
  'GET /api/v1/equipment/export.xlsx': (w) => `/api/v1/equipment/export.xlsx?orgId=${w.A}`,
  'GET /api/v1/equipment/labels': (w) => `/api/v1/equipment/labels?orgId=${w.A}`,
  'GET /api/v1/maintenance-plans': (w) => `/api/v1/maintenance-plans?orgId=${w.A}`,
  'GET /api/v1/maintenance-tasks': (w) => `/api/v1/maintenance-tasks?orgId=${w.A}`,
  'GET /api/v1/equipment-faults': (w) => `/api/v1/equipment-faults?orgId=${w.A}`,
  'GET /api/v1/patrol-routes': (w) => `/api/v1/patrol-routes?orgId=${w.A}`,
  'GET /api/v1/patrols': (w) => `/api/v1/patrols?orgId=${w.A}`,
  'GET /api/v1/patrols/export.xlsx': (w) => `/api/v1/patrols/export.xlsx?orgId=${w.A}`,
  'GET /api/v1/monitoring-logs': (w) => `/api/v1/monitoring-logs?orgId=${w.A}`,
  'GET /api/v1/monitoring-logs/export.xlsx': (w) => `/api/v1/monitoring-logs/export.xlsx?orgId=${w.A}`,
  'GET /api/v1/opening-checks': (w) => `/api/v1/opening-checks?orgId=${w.A}`,
  'GET /api/v1/opening-checks/export.xlsx': (w) => `/api/v1/opening-checks/export.xlsx?orgId=${w.A}`,
  // Lists of one record's children: the other unit's record answers 404.
  'GET /api/v1/attachments': (w) => LIST_ROUTES['GET /api/v1/attachments'].url(w),
  'GET /api/v1/notification-deliveries': (w) => LIST_ROUTES['GET /api/v1/notification-deliveries'].url(w),
};

async function loginRes(m: MatrixWorld, p: Person): Promise<Res> {
  const body: Record<string, string> = { username: p.username, password: TEST_PASSWORD };
  const [u] = await m.t.database.db.select({ totp: users.totpEnabledAt }).from(users).where(eq(users.id, p.id));
  if (u.totp) {
    m.t.clock.advance(30_000);
    body.otp = totpCode(TEST_TOTP_SECRET, m.t.clock.now());
  }
  return m.t.anonymous().post('/api/v1/auth/login', body);
}

/** A second session of the person, so signing out leaves the matrix client signed in. */
async function secondSession(m: MatrixWorld, p: Person): Promise<Client> {
  return directSession(m.t, p.id);
}

/** Own-unit bodies that must be valid beyond the cross-org fixture's (which only needs to reach the scope check). */
const OWN_BODY: Record<string, (p: Person) => Promise<unknown>> = {
  // HAZ-04: a rectification needs evidence — the caller's own upload.
  'POST /api/v1/hazards/:id/submit-rectification': async (p) => ({ note: '已整改', attachmentIds: [(await upload(p.client, { fileName: '整改.png', data: PNG_1X1 })).body.id] }),
};

/** Routes on the caller's own account and global routes: built here, not in the cross-org fixtures. */
function special(ids: { builtinRoleId: string; customRoleId: string; checkpointId: string }): Record<string, Cell> {
  const get = (url: string): Send => (_m, p) => p.client.get(url);
  const post = (url: string, body: unknown = {}): Send => (_m, p) => p.client.post(url, body);
  return {
    'POST /api/v1/auth/login': { own: loginRes, other: null },
    'GET /api/v1/auth/me': { own: get('/api/v1/auth/me'), other: null },
    'POST /api/v1/auth/logout': { own: async (m, p) => (await secondSession(m, p)).post('/api/v1/auth/logout'), other: null },
    // A wrong current password: the refusal is about the password (422), not about access.
    'POST /api/v1/auth/password': { own: post('/api/v1/auth/password', { currentPassword: 'Wrong-pass-123!', newPassword: 'Rk8#mVq2zPw3xx' }), other: null },
    'POST /api/v1/auth/totp/setup': { own: post('/api/v1/auth/totp/setup'), other: null },
    'POST /api/v1/auth/totp/confirm': { own: post('/api/v1/auth/totp/confirm', { otp: '000000' }), other: null },
    'POST /api/v1/auth/totp/disable': { own: post('/api/v1/auth/totp/disable', { password: TEST_PASSWORD, otp: '000000' }), other: null },
    'GET /api/v1/permissions': { own: get('/api/v1/permissions'), other: null },
    'GET /api/v1/roles': { own: get('/api/v1/roles'), other: null },
    'GET /api/v1/roles/:id': { own: get(`/api/v1/roles/${ids.builtinRoleId}`), other: null },
    'POST /api/v1/roles': { own: (_m, p) => p.client.post('/api/v1/roles', { code: `mx_${p.username.slice(2)}`, name: '矩阵角色', nameEn: 'Matrix role', permissions: ['orgs.read'] }), other: null },
    'PATCH /api/v1/roles/:id': { own: (_m, p) => p.client.patch(`/api/v1/roles/${ids.customRoleId}`, { name: '矩阵改名', version: 1 }), other: null },
    'POST /api/v1/roles/:id/withdraw': { own: post(`/api/v1/roles/${ids.customRoleId}/withdraw`, { reason: '矩阵测试' }), other: null },
    'POST /api/v1/audit/verify': { own: post('/api/v1/audit/verify'), other: null },
    'GET /api/v1/audit/checkpoints': { own: get('/api/v1/audit/checkpoints'), other: null },
    'POST /api/v1/audit/checkpoints': { own: post('/api/v1/audit/checkpoints'), other: null },
    'GET /api/v1/audit/checkpoints/:id/export': { own: get(`/api/v1/audit/checkpoints/${ids.checkpointId}/export`), other: null },
    'GET /api/v1/notifications': { own: get('/api/v1/notifications'), other: null },
    'GET /api/v1/notifications/unread-count': { own: get('/api/v1/notifications/unread-count'), other: null },
    'POST /api/v1/notifications/read-all': { own: post('/api/v1/notifications/read-all'), other: null },
    'GET /api/v1/duty-rosters/mine': { own: get('/api/v1/duty-rosters/mine'), other: null },
    'GET /api/v1/opening-checks/checklists': { own: get('/api/v1/opening-checks/checklists'), other: null },
    // Someone else's notification (a person of SFX-002) answers 404 like another unit's record.
    'POST /api/v1/notifications/:id/read': {
      own: async (m, p) => p.client.post(`/api/v1/notifications/${await ownNotification(m, p.id)}/read`),
      other: async (m, p) => p.client.post(`/api/v1/notifications/${await m.worlds.other.record('notification')}/read`),
    },
  };
}

/** Every catalogue route's cell; a route missing here is reported by the suite. */
export async function buildCells(m: MatrixWorld, catalogue: RouteEntry[]): Promise<Map<string, Cell>> {
  const has = (k: string) => catalogue.some((r) => key(r) === k);
  const ids = { builtinRoleId: '', customRoleId: '', checkpointId: '' };
  if (has('GET /api/v1/roles/:id') || has('PATCH /api/v1/roles/:id')) {
    const sec = await m.demo('secadmin');
    const roles = (await sec.get('/api/v1/roles')).body as Array<{ id: string; code: string }>;
    ids.builtinRoleId = roles.find((r) => r.code === 'staff')!.id;
    ids.customRoleId = (await sec.post('/api/v1/roles', { code: 'mx_custom', name: '矩阵自定义', nameEn: 'Matrix custom', permissions: ['orgs.read'] })).body.id;
  }
  if (has('GET /api/v1/audit/checkpoints/:id/export')) ids.checkpointId = (await (await m.demo('auditor')).post('/api/v1/audit/checkpoints')).body.id;
  const specials = special(ids);

  if (has('POST /api/v1/notifications/:id/read')) {
    await m.worlds.other.record('notification');
    for (const p of m.people.values()) await ownNotification(m, p.id);
  }
  const cells = new Map<string, Cell>();
  const urlCache = new Map<string, string>();
  for (const route of catalogue) {
    const k = key(route);
    if (specials[k]) {
      cells.set(k, specials[k]);
      continue;
    }
    const id = ID_ROUTES[k];
    if (id) {
      // URLs are fixed before any request (an extension decided by one role must not lose its path).
      for (const unit of ['own', 'other'] as Unit[]) {
        const w = m.worlds[unit];
        const rid = await w.record(id.resource);
        urlCache.set(`${unit} ${k}`, id.path ? await id.path(w, rid) : route.url.replace(':id', rid));
      }
      const send =
        (unit: Unit): Send =>
        async (_m, p) => {
          const w = m.worlds[unit];
          const own = unit === 'own' ? OWN_BODY[k] : undefined;
          const body = own ? await own(p) : id.body ? await id.body(w) : route.method === 'GET' ? undefined : {};
          return p.client.request(route.method, urlCache.get(`${unit} ${k}`)!, body);
        };
      cells.set(k, { own: send('own'), other: send('other') });
      continue;
    }
    const list = LIST_ROUTES[k];
    if (list) {
      const other = OTHER_FILTER[k];
      cells.set(k, { own: async (_m, p) => p.client.get(await list.url(m.worlds.own)), other: other ? async (_m, p) => p.client.get(await other(m.worlds.other)) : null });
      continue;
    }
    const create = CREATE_ROUTES[k];
    if (create) {
      cells.set(k, { own: (_m, p) => create.send(p.client, m.worlds.own), other: (_m, p) => create.send(p.client, m.worlds.other) });
      continue;
    }
    const agg = AGGREGATES[k];
    if (agg) cells.set(k, { own: async (_m, p) => p.client.get(await agg.request(m.worlds.own)), other: async (_m, p) => p.client.get(agg.namesA(m.worlds.other)) });
  }
  return cells;
}
