// Fixtures of the cross-org suite (SEC-02, ORG-01): for every kind of record, how to make one in unit
// A (branch SFX-002, by the demo administrators who hold their roles over the county), and for every
// API route how to aim a caller of unit B (branch SFX-001) at it. Every catalogue route must appear in
// exactly one table below — a new module adds its routes here, or the suite fails naming them.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../db/schema/index.ts';
import type { Client, Res, TestApp } from '../harness.ts';
import type { Person } from '../people.ts';
import { PNG_1X1, upload } from '../uploads.ts';
import { TEST_PASSWORD } from '../harness.ts';

/** Callers confined to unit B: a custom role with every non-administrator permission, or one administrator role. */
export type CallerRole = 'member' | 'sysadmin' | 'secadmin' | 'auditor';

export interface World {
  t: TestApp;
  /** Unit A holds the records; unit B is where the callers' grants are. */
  A: string;
  B: string;
  /** A demo person over the whole county (sees A and B). */
  demo(username: string): Promise<Client>;
  caller(role: CallerRole): Promise<Person>;
  record(kind: ResourceKind): Promise<string>;
}

const rand = () => randomBytes(3).toString('hex');
export const HAZARD_TITLE = '甲网点后门锁具损坏（跨机构测试）';
export const TEMPLATE_NAME = '甲网点专项检查（跨机构测试）';
export const DUTY_LOG_TEXT = '甲网点值班记录（跨机构测试）';
export const EQUIPMENT_NAME = '甲网点营业厅摄像机（跨机构测试）';
export const PATROL_ROUTE_NAME = '甲网点夜间巡逻（跨机构测试）';
export const MONITORING_TEXT = '甲网点监控发现可疑人员（跨机构测试）';

/** The QR token of the first checkpoint of A's patrol route (the scan routes are aimed by it). */
async function scanPath(w: World, routeId: string): Promise<string> {
  const r = ok(await (await w.demo('officer')).get(`/api/v1/patrol-routes/${routeId}`), 200, 'patrol route').body;
  return `/api/v1/patrol-scan/${r.checkpoints[0].token}`;
}

/** The anomaly recorded on A's patrol (for the route that opens a hazard from it). */
async function anomalyPath(w: World, patrolId: string): Promise<string> {
  const p = ok(await (await w.demo('officer')).get(`/api/v1/patrols/${patrolId}`), 200, 'patrol').body;
  return `/api/v1/patrols/${patrolId}/anomalies/${p.anomalies[0].id}/hazard`;
}

async function checkItems(w: World, kind: 'opening' | 'closing') {
  const lists = ok(await (await w.demo('officer')).get('/api/v1/opening-checks/checklists'), 200, 'checklists').body;
  return lists[kind].map((i: { key: string }) => ({ key: i.key, ok: true }));
}
const today = (w: World) => new Intl.DateTimeFormat('en-CA', { timeZone: w.t.app.anbao.config.timeZone }).format(w.t.clock.now());
const daysFrom = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The pending swap of A's assignment / the open item of A's handover. */
async function swapPath(w: World, id: string, decision: 'approve' | 'reject'): Promise<string> {
  const a = ok(await (await w.demo('head')).get(`/api/v1/duty-rosters/${id}`), 200, 'assignment').body;
  return `/api/v1/duty-rosters/${id}/swaps/${a.swaps[0].id}/${decision}`;
}
async function itemPath(w: World, id: string): Promise<string> {
  const h = ok(await (await w.demo('head')).get(`/api/v1/handovers/${id}`), 200, 'handover').body;
  return `/api/v1/handovers/${id}/items/${h.items[0].id}/close`;
}
export const VISITOR_NAME = '甲网点预约访客（跨机构测试）';
export const ENTRY_PURPOSE = '甲网点金库检查（跨机构测试）';
export const KEY_DESCRIPTION = '甲网点金库钥匙（跨机构测试）';

/** The pending handover of A's key set (for the confirm route). */
async function handoverPath(w: World, keySetId: string): Promise<string> {
  const k = ok(await (await w.demo('head')).get(`/api/v1/keys/${keySetId}`), 200, 'key set').body;
  return `/api/v1/keys/${keySetId}/handovers/${k.handovers[0].id}/confirm`;
}

/** The pending extension of A's hazard (for the approve / reject routes). */
async function extensionPath(w: World, hazardId: string, decision: 'approve' | 'reject'): Promise<string> {
  const h = ok(await (await w.demo('head')).get(`/api/v1/hazards/${hazardId}`), 200, 'hazard').body;
  return `/api/v1/hazards/${hazardId}/extensions/${h.pendingExtension.id}/${decision}`;
}

function ok(r: Res, status: number, what: string): Res {
  if (r.status !== status) throw new Error(`fixture ${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** One record per kind, made in unit A; returns its id. */
export const RESOURCES = {
  org: async (w: World) => {
    const r = await (await w.demo('sysadmin')).post('/api/v1/orgs', { parentId: w.A, kind: 'department', name: '甲网点保卫组', code: `XA-${rand()}` });
    return ok(r, 201, 'org').body.id as string;
  },
  site: async (w: World) => {
    const r = await (await w.demo('sysadmin')).post('/api/v1/sites', { orgId: w.A, kind: 'vault', name: `甲网点金库${rand()}` });
    return ok(r, 201, 'site').body.id as string;
  },
  user: async (w: World) => {
    const r = await (await w.demo('secadmin')).post('/api/v1/users', { orgId: w.A, username: `xa_${rand()}`, name: '甲网点员工', phone: '13900001111' });
    return ok(r, 201, 'user').body.user.id as string;
  },
  grant: async (w: World) => {
    const r = await (await w.demo('secadmin')).post(`/api/v1/users/${await w.record('user')}/grants`, { roleCode: 'staff', orgId: w.A });
    return ok(r, 201, 'grant').body.grants[0].id as string;
  },
  apiToken: async (w: World) => {
    await w.record('grant'); // the owner must hold the token's permission over A
    const body = { name: '甲网点对接', userId: await w.record('user'), orgId: w.A, permissions: ['orgs.read'], expiresInDays: 30 };
    return ok(await (await w.demo('secadmin')).post('/api/v1/api-tokens', body), 201, 'api token').body.apiToken.id as string;
  },
  attachment: async (w: World) => {
    const r = await upload(await w.demo('sysadmin'), { fileName: '金库平面图.png', data: PNG_1X1 }, { type: 'site', id: await w.record('site') });
    return ok(r, 201, 'attachment').body.id as string;
  },
  /** A hazard of unit A, graded and under rectification by A's branch head (branch2), with a pending extension. */
  hazard: async (w: World) => {
    const officer = await w.demo('officer');
    const h = ok(await officer.post('/api/v1/hazards', { title: HAZARD_TITLE, category: 'physical', orgId: w.A }), 201, 'hazard').body;
    ok(await (await w.demo('head')).post(`/api/v1/hazards/${h.id}/assess`, { grade: 'general' }), 200, 'assess');
    ok(await officer.post(`/api/v1/hazards/${h.id}/issue-notice`, { measures: '更换锁具', responsibleUserId: await w.t.userId('branch2') }), 200, 'notice');
    ok(await (await w.demo('branch2')).post(`/api/v1/hazards/${h.id}/extensions`, { requestedDueOn: '2099-12-31', reason: '等待厂家配件' }), 201, 'extension');
    return h.id as string;
  },
  /** A notification of a person of unit A (branch2 was named responsible for A's hazard). */
  notification: async (w: World) => {
    const hazardId = await w.record('hazard');
    const items = ok(await (await w.demo('branch2')).get('/api/v1/notifications?pageSize=200'), 200, 'notifications').body.items as Array<{ id: string; targetId: string }>;
    return items.find((n) => n.targetId === hazardId)!.id;
  },
  channel: async (w: World) => {
    const body = { orgId: w.A, kind: 'wecom', name: `甲网点企业微信群${rand()}`, config: { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=cross-org-test' } };
    return ok(await (await w.demo('sysadmin')).post('/api/v1/notification-channels', body), 201, 'channel').body.id as string;
  },
  delivery: async (w: World) => {
    const channelId = await w.record('channel');
    const sys = await w.demo('sysadmin');
    ok(await sys.post(`/api/v1/notification-channels/${channelId}/test`, {}), 200, 'channel test');
    return ok(await sys.get(`/api/v1/notification-deliveries?channelId=${channelId}`), 200, 'deliveries').body.items[0].id as string;
  },
  inspectionTemplate: async (w: World) => {
    const sections = [{ title: '门窗锁具', items: [{ key: 'door-1', text: '后门锁具完好', standard: '锁具完好、能正常上锁', method: 'onsite', category: 'physical', defaultGrade: 'general' }] }];
    const r = await (await w.demo('officer')).post('/api/v1/inspection-templates', { orgId: w.A, kind: 'other', name: TEMPLATE_NAME, sections });
    return ok(r, 201, 'inspection template').body.id as string;
  },
  inspectionPlan: async (w: World) => {
    const body = { orgId: w.A, name: '甲网点月度检查', templateId: await w.record('inspectionTemplate'), scopeOrgIds: [w.A], recurrence: 'monthly', startsOn: today(w), durationDays: 10, leaderId: await w.t.userId('officer') };
    return ok(await (await w.demo('officer')).post('/api/v1/inspection-plans', body), 201, 'inspection plan').body.id as string;
  },
  inspection: async (w: World) => {
    const body = { templateId: await w.record('inspectionTemplate'), orgId: w.A, leaderId: await w.t.userId('officer'), dueOn: daysFrom(today(w), 7) };
    return ok(await (await w.demo('officer')).post('/api/v1/inspections', body), 201, 'inspection').body.id as string;
  },
  /** DUT-01: a day shift of unit A. */
  dutyShift: async (w: World) => {
    const r = await (await w.demo('officer')).post('/api/v1/duty-rosters/shifts', { orgId: w.A, name: '甲网点白班', startTime: '08:00', endTime: '20:00' });
    return ok(r, 201, 'duty shift').body.id as string;
  },
  /** A future assignment of unit A (officer2 and patrol1 of the security department) with officer2's pending swap. */
  dutyAssignment: async (w: World) => {
    const body = { shiftId: await w.record('dutyShift'), dutyDate: daysFrom(today(w), 40), personIds: [await w.t.userId('officer2')] };
    const a = ok(await (await w.demo('officer')).post('/api/v1/duty-rosters', body), 201, 'duty assignment').body;
    ok(await (await w.demo('officer2')).post(`/api/v1/duty-rosters/${a.id}/swaps`, { counterpartId: await w.t.userId('patrol1'), reason: '家中有事' }), 201, 'swap');
    return a.id as string;
  },
  /** Today's 24-hour shift of unit A, officer2 on duty now. */
  dutyCurrent: async (w: World) => {
    const officer = await w.demo('officer');
    const s = ok(await officer.post('/api/v1/duty-rosters/shifts', { orgId: w.A, name: '甲网点全天班', startTime: '00:00', endTime: '00:00' }), 201, 'duty 24h shift').body;
    return ok(await officer.post('/api/v1/duty-rosters', { shiftId: s.id, dutyDate: today(w), personIds: [await w.t.userId('officer2')] }), 201, 'current assignment').body.id as string;
  },
  dutyLog: async (w: World) => {
    const r = await (await w.demo('officer2')).post('/api/v1/duty-logs', { assignmentId: await w.record('dutyCurrent'), happened: DUTY_LOG_TEXT });
    return ok(r, 201, 'duty log').body.id as string;
  },
  /** The handover of today's shift (submitted, not confirmed) with an open item. */
  dutyHandover: async (w: World) => {
    await w.record('dutyLog');
    const r = await (await w.demo('officer2')).post('/api/v1/handovers', { assignmentId: await w.record('dutyCurrent'), items: [{ text: '甲网点后门监控故障' }] });
    return ok(r, 201, 'handover').body.id as string;
  },
  /** An appointment of a visitor to unit A, tomorrow (VIS-01). */
  visitor: async (w: World) => {
    const body = { kind: 'appointment', orgId: w.A, name: VISITOR_NAME, company: '甲方单位', documentType: 'passport', documentNumber: `E${rand()}99`, purpose: '业务洽谈', hostId: await w.t.userId('officer'), siteIds: [], expectedAt: `${daysFrom(today(w), 1)}T02:00:00.000Z` };
    return ok(await (await w.demo('officer')).post('/api/v1/visitors', body), 201, 'visitor').body.id as string;
  },
  /** A blocklist entry added at unit A (VIS-02). */
  blocklistEntry: async (w: World) => {
    const body = { orgId: w.A, name: '甲网点黑名单人员', documentType: 'resident_id', documentNumber: `1101${rand()}1234`, reason: '跨机构测试' };
    return ok(await (await w.demo('officer')).post('/api/v1/visitors/blocklist', body), 201, 'blocklist entry').body.id as string;
  },
  /** An entry to A's vault awaiting approval (two security officers, not IT: VIS-03). */
  roomEntry: async (w: World) => {
    const body = { siteId: await w.record('site'), staffIds: [await w.t.userId('officer'), await w.t.userId('officer2')], purpose: ENTRY_PURPOSE };
    return ok(await (await w.demo('officer')).post('/api/v1/room-entries', body), 201, 'room entry').body.id as string;
  },
  /** A key set of A's vault held by the officer, with a handover to officer2 awaiting confirmation (VIS-04). */
  keySet: async (w: World) => {
    const officer = await w.demo('officer');
    const k = ok(await officer.post('/api/v1/keys', { siteId: await w.record('site'), description: KEY_DESCRIPTION, copies: 1, holderIds: [await w.t.userId('officer')] }), 201, 'key set').body;
    ok(await officer.post(`/api/v1/keys/${k.id}/handovers`, { toUserId: await w.t.userId('officer2') }), 201, 'handover');
    return k.id as string;
  },
  /** Equipment of unit A (EQP-01). */
  equipment: async (w: World) => {
    const r = await (await w.demo('officer')).post('/api/v1/equipment', { kind: 'camera', name: EQUIPMENT_NAME, orgId: w.A, expiresOn: daysFrom(today(w), 20) });
    return ok(r, 201, 'equipment').body.id as string;
  },
  /** A fault ticket of A's equipment, assigned to officer2 (EQP-03). */
  equipmentFault: async (w: World) => {
    const officer = await w.demo('officer');
    const f = ok(await officer.post('/api/v1/equipment-faults', { equipmentId: await w.record('equipment'), description: '甲网点摄像机黑屏' }), 201, 'equipment fault').body;
    ok(await (await w.demo('head')).post(`/api/v1/equipment-faults/${f.id}/assign`, { assigneeId: await w.t.userId('officer2') }), 200, 'assign fault');
    return f.id as string;
  },
  /** A daily-check plan over unit A (EQP-02). */
  maintenancePlan: async (w: World) => {
    await w.record('equipment');
    const body = { orgId: w.A, name: '甲网点设施日常检查', type: 'daily_check', recurrence: 'daily', assigneeId: await w.t.userId('officer2'), remindDaysBefore: 0, startsOn: today(w) };
    return ok(await (await w.demo('officer')).post('/api/v1/maintenance-plans', body), 201, 'maintenance plan').body.id as string;
  },
  /** Today's task of A's plan for A's equipment. */
  maintenanceTask: async (w: World) => {
    const planId = await w.record('maintenancePlan');
    const items = ok(await (await w.demo('officer')).get(`/api/v1/maintenance-tasks?planId=${planId}&equipmentId=${await w.record('equipment')}`), 200, 'tasks').body.items;
    return items[0].id as string;
  },
  /** A patrol route of unit A with two checkpoints (PAT-01). */
  patrolRoute: async (w: World) => {
    const body = { orgId: w.A, name: PATROL_ROUTE_NAME, scheduleTimes: [], scheduleDays: [1, 2, 3, 4, 5, 6, 7], checkpoints: [{ name: '金库门', windowMinutes: 10 }, { name: '后门', windowMinutes: 20 }] };
    return ok(await (await w.demo('officer')).post('/api/v1/patrol-routes', body), 201, 'patrol route').body.id as string;
  },
  /** A patrol of A's route in progress by the county's patrol guard, with an anomaly recorded. */
  patrol: async (w: World) => {
    const guard = await w.demo('patrol1');
    const p = ok(await guard.post('/api/v1/patrols', { routeId: await w.record('patrolRoute') }), 201, 'patrol').body;
    ok(await guard.post(`/api/v1/patrols/${p.id}/anomalies`, { note: '后门未上锁（跨机构测试）' }), 201, 'anomaly');
    return p.id as string;
  },
  /** An event seen on camera in unit A (PAT-03). */
  monitoringLog: async (w: World) => {
    const body = { orgId: w.A, kind: 'event', fromAt: new Date(w.t.clock.now().getTime() - 3_600_000).toISOString(), description: MONITORING_TEXT };
    return ok(await (await w.demo('officer')).post('/api/v1/monitoring-logs', body), 201, 'monitoring log').body.id as string;
  },
  /** Today's closing check of unit A recorded by the officer, awaiting the second person (PAT-04). */
  openingCheck: async (w: World) => {
    const body = { orgId: w.A, kind: 'closing', items: await checkItems(w, 'closing') };
    return ok(await (await w.demo('officer')).post('/api/v1/opening-checks', body), 201, 'opening check').body.id as string;
  },
  auditEvent: async (w: World) => {
    const siteId = await w.record('site');
    const [e] = await w.t.database.db.select({ id: auditEvents.id }).from(auditEvents).where(and(eq(auditEvents.action, 'sites.create'), eq(auditEvents.targetId, siteId)));
    return String(e.id);
  },
};
export type ResourceKind = keyof typeof RESOURCES;

type Body = (w: World) => Promise<unknown> | unknown;
const reason = { reason: '越权测试' };

/** Routes with an :id: the kind of record the id names, and a well-formed body (the refusal must be about scope). */
export const ID_ROUTES: Record<string, { resource: ResourceKind; body?: Body; caller?: CallerRole; path?: (w: World, id: string) => Promise<string> }> = {
  'GET /api/v1/orgs/:id': { resource: 'org' },
  'GET /api/v1/orgs/:id/history': { resource: 'org' },
  'PATCH /api/v1/orgs/:id': { resource: 'org', body: () => ({ name: '越权改名', version: 1 }) },
  'POST /api/v1/orgs/:id/move': { resource: 'org', body: (w) => ({ parentId: w.B, version: 1 }) },
  'POST /api/v1/orgs/:id/withdraw': { resource: 'org', body: () => reason },
  'GET /api/v1/orgs/:id/settings': { resource: 'org' },
  'PATCH /api/v1/orgs/:id/settings': { resource: 'org', body: () => ({ security: { lockoutThreshold: 3 } }) },
  'GET /api/v1/sites/:id': { resource: 'site' },
  'GET /api/v1/sites/:id/history': { resource: 'site' },
  'PATCH /api/v1/sites/:id': { resource: 'site', body: () => ({ name: '越权改名', version: 1 }) },
  'POST /api/v1/sites/:id/withdraw': { resource: 'site', body: () => reason },
  'GET /api/v1/users/:id': { resource: 'user' },
  'GET /api/v1/users/:id/history': { resource: 'user' },
  'PATCH /api/v1/users/:id': { resource: 'user', body: () => ({ name: '越权改名', version: 1 }) },
  'POST /api/v1/users/:id/status': { resource: 'user', body: () => ({ status: 'left', ...reason }) },
  'POST /api/v1/users/:id/reveal': { resource: 'user', body: () => ({ field: 'phone', ...reason }) },
  'POST /api/v1/users/:id/reset-password': { resource: 'user', body: () => reason },
  'POST /api/v1/users/:id/reset-totp': { resource: 'user', body: () => reason },
  'POST /api/v1/users/:id/unlock': { resource: 'user', body: () => reason },
  'POST /api/v1/users/:id/grants': { resource: 'user', body: (w) => ({ roleCode: 'staff', orgId: w.B }) },
  'POST /api/v1/grants/:id/revoke': { resource: 'grant', body: () => reason },
  'GET /api/v1/api-tokens/:id': { resource: 'apiToken' },
  'POST /api/v1/api-tokens/:id/revoke': { resource: 'apiToken', body: () => reason },
  'GET /api/v1/audit/events/:id': { resource: 'auditEvent' },
  'GET /api/v1/attachments/:id': { resource: 'attachment' },
  'GET /api/v1/attachments/:id/content': { resource: 'attachment' },
  'POST /api/v1/attachments/:id/withdraw': { resource: 'attachment', body: () => reason },
  'GET /api/v1/hazards/:id': { resource: 'hazard' },
  'GET /api/v1/hazards/:id/history': { resource: 'hazard' },
  'GET /api/v1/hazards/:id/print': { resource: 'hazard' },
  'POST /api/v1/hazards/:id/assess': { resource: 'hazard', body: () => ({ grade: 'general' }) },
  'POST /api/v1/hazards/:id/signoff': { resource: 'hazard', body: () => ({ stage: 'assessment' }) },
  'POST /api/v1/hazards/:id/issue-notice': { resource: 'hazard', body: async (w) => ({ measures: '越权下达', responsibleUserId: await w.t.userId('branch1') }) },
  'POST /api/v1/hazards/:id/progress': { resource: 'hazard', body: () => ({ note: '越权进展' }) },
  'POST /api/v1/hazards/:id/submit-rectification': { resource: 'hazard', body: () => ({ note: '越权整改', attachmentIds: [] }) },
  'POST /api/v1/hazards/:id/verify': { resource: 'hazard', body: () => ({}) },
  'POST /api/v1/hazards/:id/reopen': { resource: 'hazard', body: () => reason },
  'POST /api/v1/hazards/:id/withdraw': { resource: 'hazard', body: () => reason },
  'POST /api/v1/hazards/:id/extensions': { resource: 'hazard', body: () => ({ requestedDueOn: '2099-12-31', reason: '越权延期' }) },
  'POST /api/v1/hazards/:id/extensions/:extensionId/approve': { resource: 'hazard', body: () => ({}), path: (w, id) => extensionPath(w, id, 'approve') },
  'POST /api/v1/hazards/:id/extensions/:extensionId/reject': { resource: 'hazard', body: () => ({}), path: (w, id) => extensionPath(w, id, 'reject') },
  'POST /api/v1/notifications/:id/read': { resource: 'notification' },
  'GET /api/v1/inspection-templates/:id': { resource: 'inspectionTemplate' },
  'GET /api/v1/inspection-templates/:id/versions': { resource: 'inspectionTemplate' },
  'PATCH /api/v1/inspection-templates/:id': { resource: 'inspectionTemplate', body: () => ({ name: '越权改名', version: 1 }) },
  'POST /api/v1/inspection-templates/:id/withdraw': { resource: 'inspectionTemplate', body: () => reason },
  'GET /api/v1/inspection-plans/:id': { resource: 'inspectionPlan' },
  'PATCH /api/v1/inspection-plans/:id': { resource: 'inspectionPlan', body: () => ({ name: '越权改名', version: 1 }) },
  'POST /api/v1/inspection-plans/:id/withdraw': { resource: 'inspectionPlan', body: () => reason },
  'GET /api/v1/inspections/:id': { resource: 'inspection' },
  'GET /api/v1/inspections/:id/history': { resource: 'inspection' },
  'GET /api/v1/inspections/:id/print': { resource: 'inspection' },
  'POST /api/v1/inspections/:id/start': { resource: 'inspection', body: () => ({}) },
  'PUT /api/v1/inspections/:id/results/:itemKey': { resource: 'inspection', body: () => ({ result: 'pass' }), path: async (_w, id) => `/api/v1/inspections/${id}/results/door-1` },
  'POST /api/v1/inspections/:id/sign': { resource: 'inspection', body: () => ({ role: 'inspector', method: 'account' }) },
  'POST /api/v1/inspections/:id/submit': { resource: 'inspection', body: () => ({}) },
  'POST /api/v1/inspections/:id/withdraw': { resource: 'inspection', body: () => reason },
  'GET /api/v1/duty-rosters/shifts/:id': { resource: 'dutyShift' },
  'GET /api/v1/duty-rosters/shifts/:id/history': { resource: 'dutyShift' },
  'PATCH /api/v1/duty-rosters/shifts/:id': { resource: 'dutyShift', body: () => ({ name: '越权改名', version: 1 }) },
  'POST /api/v1/duty-rosters/shifts/:id/withdraw': { resource: 'dutyShift', body: () => reason },
  'GET /api/v1/duty-rosters/:id': { resource: 'dutyAssignment' },
  'GET /api/v1/duty-rosters/:id/history': { resource: 'dutyAssignment' },
  'GET /api/v1/duty-rosters/:id/print': { resource: 'dutyAssignment' },
  'PATCH /api/v1/duty-rosters/:id': { resource: 'dutyAssignment', body: () => ({ leaderId: null, version: 1 }) },
  'POST /api/v1/duty-rosters/:id/withdraw': { resource: 'dutyAssignment', body: () => reason },
  'POST /api/v1/duty-rosters/:id/swaps': { resource: 'dutyAssignment', body: async (w) => ({ counterpartId: await w.t.userId('monitor1'), reason: '越权换班' }) },
  'POST /api/v1/duty-rosters/:id/swaps/:swapId/approve': { resource: 'dutyAssignment', body: () => ({}), path: (w, id) => swapPath(w, id, 'approve') },
  'POST /api/v1/duty-rosters/:id/swaps/:swapId/reject': { resource: 'dutyAssignment', body: () => ({}), path: (w, id) => swapPath(w, id, 'reject') },
  'GET /api/v1/duty-logs/:id': { resource: 'dutyLog' },
  'PATCH /api/v1/duty-logs/:id': { resource: 'dutyLog', body: () => ({ actionTaken: '越权修改', version: 1 }) },
  'GET /api/v1/handovers/:id': { resource: 'dutyHandover' },
  'GET /api/v1/handovers/:id/history': { resource: 'dutyHandover' },
  'GET /api/v1/handovers/:id/print': { resource: 'dutyHandover' },
  'POST /api/v1/handovers/:id/confirm': { resource: 'dutyHandover', body: () => ({ password: TEST_PASSWORD }) },
  'POST /api/v1/handovers/:id/items/:itemId/close': { resource: 'dutyHandover', body: () => ({}), path: itemPath },
  'GET /api/v1/visitors/:id': { resource: 'visitor' },
  'GET /api/v1/visitors/:id/history': { resource: 'visitor' },
  'POST /api/v1/visitors/:id/check-in': { resource: 'visitor', body: () => ({}) },
  'POST /api/v1/visitors/:id/check-out': { resource: 'visitor', body: () => ({}) },
  'POST /api/v1/visitors/:id/no-show': { resource: 'visitor', body: () => ({}) },
  'POST /api/v1/visitors/:id/cancel': { resource: 'visitor', body: () => reason },
  'POST /api/v1/visitors/:id/reveal': { resource: 'visitor', body: () => reason },
  'GET /api/v1/visitors/blocklist/:id': { resource: 'blocklistEntry' },
  'POST /api/v1/visitors/blocklist/:id/withdraw': { resource: 'blocklistEntry', body: () => reason },
  'GET /api/v1/room-entries/:id': { resource: 'roomEntry' },
  'GET /api/v1/room-entries/:id/history': { resource: 'roomEntry' },
  'POST /api/v1/room-entries/:id/approve': { resource: 'roomEntry', body: () => ({}) },
  'POST /api/v1/room-entries/:id/reject': { resource: 'roomEntry', body: () => ({}) },
  'POST /api/v1/room-entries/:id/enter': { resource: 'roomEntry', body: () => ({}) },
  'POST /api/v1/room-entries/:id/exit': { resource: 'roomEntry', body: () => ({ workDone: '越权登记' }) },
  'POST /api/v1/room-entries/:id/withdraw': { resource: 'roomEntry', body: () => reason },
  // The register of one room (A's vault) for a date range: the room is the record named.
  'GET /api/v1/room-entries/print': { resource: 'site', path: async (w, id) => `/api/v1/room-entries/print?siteId=${id}&from=${daysFrom(today(w), -7)}&to=${today(w)}` },
  'GET /api/v1/keys/:id': { resource: 'keySet' },
  'GET /api/v1/keys/:id/history': { resource: 'keySet' },
  'POST /api/v1/keys/:id/handovers': { resource: 'keySet', body: async (w) => ({ toUserId: await w.t.userId('officer2') }) },
  'POST /api/v1/keys/:id/handovers/:handoverId/confirm': { resource: 'keySet', body: () => ({ password: 'not-the-password' }), path: (w, id) => handoverPath(w, id) },
  'POST /api/v1/keys/:id/loss': { resource: 'keySet', body: () => ({ note: '越权挂失' }) },
  'POST /api/v1/keys/:id/lock-change': { resource: 'keySet', body: () => ({ note: '越权换锁' }) },
  'POST /api/v1/keys/:id/withdraw': { resource: 'keySet', body: () => reason },
  'GET /api/v1/patrol-routes/:id': { resource: 'patrolRoute' },
  'GET /api/v1/patrol-routes/:id/history': { resource: 'patrolRoute' },
  'GET /api/v1/patrol-routes/:id/labels': { resource: 'patrolRoute' },
  'PATCH /api/v1/patrol-routes/:id': { resource: 'patrolRoute', body: () => ({ name: '越权改名', version: 1 }) },
  'POST /api/v1/patrol-routes/:id/withdraw': { resource: 'patrolRoute', body: () => reason },
  'GET /api/v1/patrol-scan/:token': { resource: 'patrolRoute', path: scanPath },
  'POST /api/v1/patrol-scan/:token': { resource: 'patrolRoute', body: () => ({ start: true }), path: scanPath },
  'GET /api/v1/patrols/:id': { resource: 'patrol' },
  'GET /api/v1/patrols/:id/history': { resource: 'patrol' },
  'GET /api/v1/patrols/:id/print': { resource: 'patrol' },
  'POST /api/v1/patrols/:id/start': { resource: 'patrol', body: () => ({}) },
  'POST /api/v1/patrols/:id/finish': { resource: 'patrol', body: () => ({}) },
  'POST /api/v1/patrols/:id/anomalies': { resource: 'patrol', body: () => ({ note: '越权记录异常' }) },
  'POST /api/v1/patrols/:id/anomalies/:anomalyId/hazard': { resource: 'patrol', body: () => ({}), path: anomalyPath },
  'POST /api/v1/patrols/:id/withdraw': { resource: 'patrol', body: () => reason },
  'GET /api/v1/monitoring-logs/:id': { resource: 'monitoringLog' },
  'GET /api/v1/monitoring-logs/:id/history': { resource: 'monitoringLog' },
  'POST /api/v1/monitoring-logs/:id/end-shift': { resource: 'monitoringLog', body: () => ({}) },
  'POST /api/v1/monitoring-logs/:id/withdraw': { resource: 'monitoringLog', body: () => reason },
  'GET /api/v1/opening-checks/:id': { resource: 'openingCheck' },
  'GET /api/v1/opening-checks/:id/history': { resource: 'openingCheck' },
  'GET /api/v1/opening-checks/:id/print': { resource: 'openingCheck' },
  'POST /api/v1/opening-checks/:id/confirm': { resource: 'openingCheck', body: () => ({}) },
  'POST /api/v1/opening-checks/:id/withdraw': { resource: 'openingCheck', body: () => reason },
  'GET /api/v1/notification-channels/:id': { resource: 'channel' },
  'PATCH /api/v1/notification-channels/:id': { resource: 'channel', body: () => ({ name: '越权改名', version: 1 }) },
  'POST /api/v1/notification-channels/:id/withdraw': { resource: 'channel', body: () => reason },
  'POST /api/v1/notification-channels/:id/test': { resource: 'channel', body: () => ({}) },
  'GET /api/v1/equipment/:id': { resource: 'equipment' },
  'GET /api/v1/equipment/:id/history': { resource: 'equipment' },
  'GET /api/v1/equipment/:id/print': { resource: 'equipment' },
  'PATCH /api/v1/equipment/:id': { resource: 'equipment', body: () => ({ name: '越权改名', version: 1 }) },
  'POST /api/v1/equipment/:id/withdraw': { resource: 'equipment', body: () => reason },
  'GET /api/v1/maintenance-plans/:id': { resource: 'maintenancePlan' },
  'PATCH /api/v1/maintenance-plans/:id': { resource: 'maintenancePlan', body: () => ({ name: '越权改名', version: 1 }) },
  'POST /api/v1/maintenance-plans/:id/withdraw': { resource: 'maintenancePlan', body: () => reason },
  'GET /api/v1/maintenance-tasks/:id': { resource: 'maintenanceTask' },
  'POST /api/v1/maintenance-tasks/:id/complete': { resource: 'maintenanceTask', body: () => ({ result: 'ok', note: '越权检查' }) },
  'GET /api/v1/equipment-faults/:id': { resource: 'equipmentFault' },
  'GET /api/v1/equipment-faults/:id/history': { resource: 'equipmentFault' },
  'POST /api/v1/equipment-faults/:id/assign': { resource: 'equipmentFault', body: async (w) => ({ assigneeId: await w.t.userId('officer2') }) },
  'POST /api/v1/equipment-faults/:id/fix': { resource: 'equipmentFault', body: () => ({ note: '越权维修' }) },
  'POST /api/v1/equipment-faults/:id/verify': { resource: 'equipmentFault', body: () => ({}) },
  'POST /api/v1/equipment-faults/:id/reopen': { resource: 'equipmentFault', body: () => reason },
  'POST /api/v1/equipment-faults/:id/withdraw': { resource: 'equipmentFault', body: () => reason },
};

/**
 * Lists: the URL (wide enough that a county-wide caller finds the record on the first page) and the
 * record that must not be in a caller of B's answer. `hidden: 404` for lists of one record's children.
 */
export const LIST_ROUTES: Record<string, { resource: ResourceKind; url: (w: World) => Promise<string> | string; hidden?: 'absent' | 404 }> = {
  'GET /api/v1/orgs': { resource: 'org', url: () => '/api/v1/orgs?pageSize=200&includeWithdrawn=true' },
  'GET /api/v1/orgs/tree': { resource: 'org', url: () => '/api/v1/orgs/tree?includeWithdrawn=true' },
  'GET /api/v1/sites': { resource: 'site', url: () => '/api/v1/sites?pageSize=200&includeWithdrawn=true' },
  'GET /api/v1/users': { resource: 'user', url: () => '/api/v1/users?pageSize=200' },
  'GET /api/v1/api-tokens': { resource: 'apiToken', url: () => '/api/v1/api-tokens?pageSize=200&includeRevoked=true' },
  'GET /api/v1/audit/events': { resource: 'auditEvent', url: async (w) => `/api/v1/audit/events?pageSize=200&targetId=${await w.record('site')}` },
  'GET /api/v1/audit/events/export.xlsx': { resource: 'auditEvent', url: async (w) => `/api/v1/audit/events/export.xlsx?targetId=${await w.record('site')}` },
  'GET /api/v1/attachments': { resource: 'attachment', url: async (w) => `/api/v1/attachments?ownerType=site&ownerId=${await w.record('site')}`, hidden: 404 },
  'GET /api/v1/hazards': { resource: 'hazard', url: () => '/api/v1/hazards?pageSize=200&includeWithdrawn=true' },
  'GET /api/v1/inspection-templates': { resource: 'inspectionTemplate', url: () => '/api/v1/inspection-templates?pageSize=200&includeRetired=true' },
  'GET /api/v1/inspection-plans': { resource: 'inspectionPlan', url: () => '/api/v1/inspection-plans?pageSize=200&includeWithdrawn=true' },
  'GET /api/v1/inspections': { resource: 'inspection', url: () => '/api/v1/inspections?pageSize=200&includeWithdrawn=true' },
  'GET /api/v1/inspections/export.xlsx': { resource: 'inspection', url: () => `/api/v1/inspections/export.xlsx?q=${encodeURIComponent(TEMPLATE_NAME)}` },
  'GET /api/v1/hazards/export.xlsx': { resource: 'hazard', url: () => `/api/v1/hazards/export.xlsx?q=${encodeURIComponent(HAZARD_TITLE)}` },
  'GET /api/v1/notification-channels': { resource: 'channel', url: () => '/api/v1/notification-channels?pageSize=200&includeWithdrawn=true' },
  'GET /api/v1/duty-rosters/shifts': { resource: 'dutyShift', url: () => '/api/v1/duty-rosters/shifts?includeWithdrawn=true' },
  'GET /api/v1/duty-rosters': { resource: 'dutyAssignment', url: (w) => `/api/v1/duty-rosters?pageSize=200&includeWithdrawn=true&from=${daysFrom(today(w), 40)}` },
  'GET /api/v1/duty-rosters/export.xlsx': { resource: 'dutyAssignment', url: (w) => `/api/v1/duty-rosters/export.xlsx?from=${daysFrom(today(w), 40)}&to=${daysFrom(today(w), 40)}` },
  'GET /api/v1/duty-logs': { resource: 'dutyLog', url: () => `/api/v1/duty-logs?pageSize=200&q=${encodeURIComponent(DUTY_LOG_TEXT)}` },
  'GET /api/v1/duty-logs/export.xlsx': { resource: 'dutyLog', url: () => `/api/v1/duty-logs/export.xlsx?q=${encodeURIComponent(DUTY_LOG_TEXT)}` },
  'GET /api/v1/handovers': { resource: 'dutyHandover', url: () => '/api/v1/handovers?pageSize=200' },
  'GET /api/v1/handovers/export.xlsx': { resource: 'dutyHandover', url: (w) => `/api/v1/handovers/export.xlsx?status=submitted&withOpenItems=true&from=${today(w)}&to=${today(w)}` },
  'GET /api/v1/visitors': { resource: 'visitor', url: () => '/api/v1/visitors?pageSize=200' },
  'GET /api/v1/visitors/export.xlsx': { resource: 'visitor', url: () => `/api/v1/visitors/export.xlsx?q=${encodeURIComponent(VISITOR_NAME)}` },
  'GET /api/v1/visitors/blocklist': { resource: 'blocklistEntry', url: () => '/api/v1/visitors/blocklist?pageSize=200&includeWithdrawn=true' },
  'GET /api/v1/room-entries': { resource: 'roomEntry', url: () => '/api/v1/room-entries?pageSize=200&includeWithdrawn=true' },
  'GET /api/v1/room-entries/export.xlsx': { resource: 'roomEntry', url: () => `/api/v1/room-entries/export.xlsx?q=${encodeURIComponent(ENTRY_PURPOSE)}&includeWithdrawn=true` },
  'GET /api/v1/keys': { resource: 'keySet', url: () => '/api/v1/keys?pageSize=200&includeWithdrawn=true' },
  'GET /api/v1/keys/export.xlsx': { resource: 'keySet', url: () => `/api/v1/keys/export.xlsx?q=${encodeURIComponent(KEY_DESCRIPTION)}&includeWithdrawn=true` },
  'GET /api/v1/patrol-routes': { resource: 'patrolRoute', url: () => `/api/v1/patrol-routes?pageSize=200&includeWithdrawn=true&q=${encodeURIComponent(PATROL_ROUTE_NAME)}` },
  'GET /api/v1/patrols': { resource: 'patrol', url: async (w) => `/api/v1/patrols?pageSize=200&includeWithdrawn=true&routeId=${await w.record('patrolRoute')}` },
  'GET /api/v1/patrols/export.xlsx': { resource: 'patrol', url: async (w) => `/api/v1/patrols/export.xlsx?includeWithdrawn=true&routeId=${await w.record('patrolRoute')}` },
  'GET /api/v1/monitoring-logs': { resource: 'monitoringLog', url: () => `/api/v1/monitoring-logs?pageSize=200&includeWithdrawn=true&q=${encodeURIComponent(MONITORING_TEXT)}` },
  'GET /api/v1/monitoring-logs/export.xlsx': { resource: 'monitoringLog', url: () => `/api/v1/monitoring-logs/export.xlsx?includeWithdrawn=true&q=${encodeURIComponent(MONITORING_TEXT)}` },
  'GET /api/v1/opening-checks': { resource: 'openingCheck', url: async (w) => `/api/v1/opening-checks?pageSize=200&includeWithdrawn=true&personId=${await w.t.userId('officer')}` },
  'GET /api/v1/opening-checks/export.xlsx': { resource: 'openingCheck', url: async (w) => `/api/v1/opening-checks/export.xlsx?includeWithdrawn=true&personId=${await w.t.userId('officer')}` },
  'GET /api/v1/notification-deliveries': { resource: 'delivery', url: async (w) => `/api/v1/notification-deliveries?channelId=${await w.record('channel')}`, hidden: 404 },
  'GET /api/v1/equipment': { resource: 'equipment', url: () => `/api/v1/equipment?pageSize=200&includeWithdrawn=true&q=${encodeURIComponent(EQUIPMENT_NAME)}` },
  'GET /api/v1/equipment/export.xlsx': { resource: 'equipment', url: () => `/api/v1/equipment/export.xlsx?includeWithdrawn=true&q=${encodeURIComponent(EQUIPMENT_NAME)}` },
  // The QR label sheet (HTML): each label links to its equipment's page by id.
  'GET /api/v1/equipment/labels': { resource: 'equipment', url: () => `/api/v1/equipment/labels?includeWithdrawn=true&q=${encodeURIComponent(EQUIPMENT_NAME)}` },
  'GET /api/v1/maintenance-plans': { resource: 'maintenancePlan', url: () => '/api/v1/maintenance-plans?pageSize=200&includeWithdrawn=true' },
  'GET /api/v1/maintenance-tasks': { resource: 'maintenanceTask', url: async (w) => `/api/v1/maintenance-tasks?pageSize=200&equipmentId=${await w.record('equipment')}` },
  'GET /api/v1/equipment-faults': { resource: 'equipmentFault', url: () => '/api/v1/equipment-faults?pageSize=200&includeWithdrawn=true' },
};

/**
 * Figures over the caller's scope (not lists of records): the caller of B gets B's figures only,
 * which must not count unit A's record, and asking for unit A by name is refused as not found.
 */
export const AGGREGATES: Record<string, { request: (w: World) => Promise<string> | string; namesA: (w: World) => string; countsA: (body: any, w: World) => Promise<boolean> | boolean }> = {
  'GET /api/v1/dashboard': {
    request: () => '/api/v1/dashboard',
    namesA: (w) => `/api/v1/dashboard?orgId=${w.A}`,
    // A's hazard is open: any unit row naming A, or a scope wider than B, would count it.
    countsA: (b: { scope: { orgId: string }; hazards: { byUnit: Array<{ orgId: string }> } }, w) => b.scope.orgId !== w.B || b.hazards.byUnit.some((u) => u.orgId === w.A),
  },
  'GET /api/v1/inspections/summary': {
    request: (w) => `/api/v1/inspections/summary?from=${daysFrom(today(w), -40)}&to=${daysFrom(today(w), 40)}`,
    namesA: (w) => `/api/v1/inspections/summary?from=${daysFrom(today(w), -40)}&to=${daysFrom(today(w), 40)}&orgId=${w.A}`,
    // The demo plan and the fixture give unit A inspections due in the range.
    countsA: async (b: { units: Array<{ orgId: string }> }, w) => {
      await w.record('inspection');
      return b.units.some((u) => u.orgId === w.A);
    },
  },
  'GET /api/v1/duty-rosters/coverage': {
    request: (w) => `/api/v1/duty-rosters/coverage?from=${today(w)}&to=${daysFrom(today(w), 1)}`,
    namesA: (w) => `/api/v1/duty-rosters/coverage?from=${today(w)}&to=${daysFrom(today(w), 1)}&orgId=${w.A}`,
    // Unit A is rostered (the fixture's shifts): any unit row naming A would show its gaps.
    countsA: async (b: { units: Array<{ orgId: string }> }, w) => {
      await w.record('dutyShift');
      return b.units.some((u) => u.orgId === w.A);
    },
  },
  // VIS-01: the A4 访客登记簿 of the caller's scope (an HTML page): A's visitor's name is on it or not.
  'GET /api/v1/visitors/print': {
    request: async (w) => {
      await w.record('visitor');
      return `/api/v1/visitors/print?q=${encodeURIComponent(VISITOR_NAME)}`;
    },
    namesA: (w) => `/api/v1/visitors/print?orgId=${w.A}`,
    countsA: (b: unknown) => String(b).includes(VISITOR_NAME),
  },
  'GET /api/v1/hazards/reporters': {
    request: () => '/api/v1/hazards/reporters?limit=200',
    namesA: (w) => `/api/v1/hazards/reporters?orgId=${w.A}`,
    // The demo officer reported A's (confirmed) hazard and nothing in B.
    countsA: async (b: { items: Array<{ userId: string }> }, w) => {
      const officer = await w.t.userId('officer');
      return b.items.some((i) => i.userId === officer);
    },
  },
};

/** Creates that name a unit (or record) of A in their input: refused as not found, nothing created. */
export const CREATE_ROUTES: Record<string, { names: (w: World) => Promise<string> | string; send: (c: Client, w: World) => Promise<Res> }> = {
  'POST /api/v1/orgs': { names: (w) => w.A, send: (c, w) => c.post('/api/v1/orgs', { parentId: w.A, kind: 'department', name: '越权新建', code: `XB-${rand()}` }) },
  'POST /api/v1/sites': { names: (w) => w.A, send: (c, w) => c.post('/api/v1/sites', { orgId: w.A, kind: 'atm', name: '越权新建' }) },
  'POST /api/v1/users': { names: (w) => w.A, send: (c, w) => c.post('/api/v1/users', { orgId: w.A, username: `xb_${rand()}`, name: '越权新建' }) },
  'POST /api/v1/api-tokens': {
    names: (w) => w.A,
    send: async (c, w) => c.post('/api/v1/api-tokens', { name: '越权令牌', userId: (await w.caller('member')).id, orgId: w.A, permissions: ['orgs.read'], expiresInDays: 30 }),
  },
  'POST /api/v1/attachments': { names: (w) => w.record('site'), send: async (c, w) => upload(c, { fileName: 'x.png', data: PNG_1X1 }, { type: 'site', id: await w.record('site') }) },
  'POST /api/v1/hazards': { names: (w) => w.A, send: (c, w) => c.post('/api/v1/hazards', { title: '越权报告', category: 'fire', orgId: w.A }) },
  'POST /api/v1/inspection-templates': {
    names: (w) => w.A,
    send: (c, w) => c.post('/api/v1/inspection-templates', { orgId: w.A, kind: 'other', name: '越权模板', sections: [{ title: '一', items: [{ key: 'a', text: '甲', standard: '乙', method: 'onsite', category: 'other', defaultGrade: 'general' }] }] }),
  },
  'POST /api/v1/inspection-plans': {
    names: (w) => w.A,
    send: async (c, w) => c.post('/api/v1/inspection-plans', { orgId: w.A, name: '越权计划', templateId: await w.record('inspectionTemplate'), scopeOrgIds: [w.A], recurrence: 'monthly', startsOn: today(w), durationDays: 5, leaderId: (await w.caller('member')).id }),
  },
  'POST /api/v1/inspections': {
    names: (w) => w.A,
    send: async (c, w) => c.post('/api/v1/inspections', { templateId: await w.record('inspectionTemplate'), orgId: w.A, leaderId: (await w.caller('member')).id, dueOn: daysFrom(today(w), 3) }),
  },
  'POST /api/v1/duty-rosters/shifts': { names: (w) => w.A, send: (c, w) => c.post('/api/v1/duty-rosters/shifts', { orgId: w.A, name: '越权班次', startTime: '08:00', endTime: '20:00' }) },
  'POST /api/v1/duty-rosters': {
    names: (w) => w.record('dutyShift'),
    send: async (c, w) => c.post('/api/v1/duty-rosters', { shiftId: await w.record('dutyShift'), dutyDate: daysFrom(today(w), 45), personIds: [(await w.caller('member')).id] }),
  },
  'POST /api/v1/duty-logs': { names: (w) => w.record('dutyCurrent'), send: async (c, w) => c.post('/api/v1/duty-logs', { assignmentId: await w.record('dutyCurrent'), happened: '越权记录' }) },
  'POST /api/v1/handovers': { names: (w) => w.record('dutyCurrent'), send: async (c, w) => c.post('/api/v1/handovers', { assignmentId: await w.record('dutyCurrent') }) },
  'POST /api/v1/visitors': {
    names: (w) => w.A,
    send: async (c, w) => c.post('/api/v1/visitors', { kind: 'appointment', orgId: w.A, name: '越权预约', documentType: 'passport', documentNumber: 'E7654321', purpose: '越权', hostId: await w.t.userId('officer'), siteIds: [], expectedAt: `${daysFrom(today(w), 1)}T02:00:00.000Z` }),
  },
  'POST /api/v1/visitors/blocklist': { names: (w) => w.A, send: (c, w) => c.post('/api/v1/visitors/blocklist', { orgId: w.A, name: '越权', documentType: 'passport', documentNumber: 'E7654322', reason: '越权' }) },
  'POST /api/v1/room-entries': {
    names: (w) => w.record('site'),
    send: async (c, w) => c.post('/api/v1/room-entries', { siteId: await w.record('site'), staffIds: [await w.t.userId('officer'), await w.t.userId('officer2')], purpose: '越权登记' }),
  },
  'POST /api/v1/keys': { names: (w) => w.record('site'), send: async (c, w) => c.post('/api/v1/keys', { siteId: await w.record('site'), description: '越权', copies: 1, holderIds: [await w.t.userId('officer')] }) },
  'POST /api/v1/equipment': { names: (w) => w.A, send: (c, w) => c.post('/api/v1/equipment', { kind: 'camera', name: '越权登记', orgId: w.A }) },
  'POST /api/v1/equipment-faults': { names: (w) => w.record('equipment'), send: async (c, w) => c.post('/api/v1/equipment-faults', { equipmentId: await w.record('equipment'), description: '越权报修' }) },
  'POST /api/v1/maintenance-plans': {
    names: (w) => w.A,
    send: async (c, w) => c.post('/api/v1/maintenance-plans', { orgId: w.A, name: '越权计划', type: 'daily_check', recurrence: 'daily', assigneeId: (await w.caller('member')).id, startsOn: today(w) }),
  },
  'POST /api/v1/patrol-routes': { names: (w) => w.A, send: (c, w) => c.post('/api/v1/patrol-routes', { orgId: w.A, name: '越权路线', scheduleTimes: [], scheduleDays: [1], checkpoints: [{ name: '门', windowMinutes: 5 }] }) },
  'POST /api/v1/patrols': { names: (w) => w.record('patrolRoute'), send: async (c, w) => c.post('/api/v1/patrols', { routeId: await w.record('patrolRoute') }) },
  'POST /api/v1/monitoring-logs': { names: (w) => w.A, send: (c, w) => c.post('/api/v1/monitoring-logs', { orgId: w.A, kind: 'shift', fromAt: new Date(w.t.clock.now().getTime() - 60_000).toISOString() }) },
  'POST /api/v1/opening-checks': { names: (w) => w.A, send: async (c, w) => c.post('/api/v1/opening-checks', { orgId: w.A, kind: 'opening', items: await checkItems(w, 'opening') }) },
  'POST /api/v1/notification-channels': {
    names: (w) => w.A,
    send: (c, w) => c.post('/api/v1/notification-channels', { orgId: w.A, kind: 'wecom', name: '越权渠道', config: { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' } }),
  },
};

/**
 * Requests on the caller's own records (or lists) that name unit A in their input — a transfer, a grant,
 * a move, a filter: refused as not found like the record itself, and audited.
 */
export const REFERENCES: Array<{ route: string; send: (c: Client, w: World) => Promise<Res> }> = [
  { route: 'PATCH /api/v1/users/:id', send: async (c, w) => c.patch(`/api/v1/users/${await w.t.userId('staff1')}`, { orgId: w.A, version: 1 }) },
  { route: 'POST /api/v1/users/:id/grants', send: async (c, w) => c.post(`/api/v1/users/${await w.t.userId('staff1')}/grants`, { roleCode: 'guard', orgId: w.A }) },
  { route: 'POST /api/v1/orgs/:id/move', send: async (c, w) => c.post(`/api/v1/orgs/${await w.t.orgId('SFX-001')}/move`, { parentId: w.A, version: 1 }) },
  { route: 'GET /api/v1/orgs', send: (c, w) => c.get(`/api/v1/orgs?within=${w.A}`) },
  { route: 'GET /api/v1/sites', send: (c, w) => c.get(`/api/v1/sites?orgId=${w.A}`) },
  { route: 'GET /api/v1/users', send: (c, w) => c.get(`/api/v1/users?orgId=${w.A}`) },
  { route: 'GET /api/v1/audit/events', send: (c, w) => c.get(`/api/v1/audit/events?orgId=${w.A}`) },
  { route: 'GET /api/v1/visitors', send: (c, w) => c.get(`/api/v1/visitors?orgId=${w.A}`) },
  { route: 'GET /api/v1/room-entries', send: (c, w) => c.get(`/api/v1/room-entries?orgId=${w.A}`) },
  { route: 'GET /api/v1/keys', send: (c, w) => c.get(`/api/v1/keys?orgId=${w.A}`) },
];

/** Routes that are not about one unit's records, and why. */
export const NOT_ORG_SCOPED: Record<string, string> = {
  'POST /api/v1/auth/login': 'signing in; the account is found by its name',
  'GET /api/v1/auth/me': "the caller's own account",
  'POST /api/v1/auth/logout': "the caller's own session",
  'POST /api/v1/auth/password': "the caller's own password",
  'POST /api/v1/auth/totp/setup': "the caller's own second factor",
  'POST /api/v1/auth/totp/confirm': "the caller's own second factor",
  'POST /api/v1/auth/totp/disable': "the caller's own second factor",
  'GET /api/v1/permissions': 'the permission catalogue is code, the same for every unit',
  'GET /api/v1/roles': 'roles are global sets of permissions; the unit is chosen when one is granted (grants are covered above)',
  'GET /api/v1/roles/:id': 'roles are global (see GET /roles)',
  'POST /api/v1/roles': 'roles are global (see GET /roles)',
  'PATCH /api/v1/roles/:id': 'roles are global (see GET /roles)',
  'POST /api/v1/roles/:id/withdraw': 'roles are global (see GET /roles)',
  'GET /api/v1/opening-checks/checklists': 'the shipped opening / closing checklists are code, the same for every unit',
  'POST /api/v1/audit/verify': 'there is one hash chain for the whole installation; it is verified as a whole',
  'GET /api/v1/audit/checkpoints': 'a checkpoint signs the head of the one chain; it names no unit',
  'POST /api/v1/audit/checkpoints': 'a checkpoint signs the head of the one chain; it names no unit',
  'GET /api/v1/audit/checkpoints/:id/export': 'a checkpoint signs the head of the one chain; it names no unit',
  'GET /api/v1/notifications': "the caller's own notifications (someone else's answers 404: see POST /notifications/:id/read)",
  'GET /api/v1/notifications/unread-count': "the caller's own notifications",
  'POST /api/v1/notifications/read-all': "the caller's own notifications",
  'GET /api/v1/duty-rosters/mine': "the caller's own shifts (where they are on duty), in units they may read",
};
