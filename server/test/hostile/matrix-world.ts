// The world of the authorization matrix (issue 4, SEC-02): one fresh person per built-in role, each
// holding that role over branch SFX-001 only, and two sets of the cross-org fixture records — one in
// the callers' own unit (SFX-001) and one in another unit (SFX-002). Requests reuse the cross-org
// fixtures (ids, bodies, URLs); the routes those fixtures leave out (own account, global) are here.
import { eq } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import { notifications, orgs, users } from '../../db/schema/index.ts';
import { ADMIN_ROLES, BUILTIN_ROLES, type BuiltinRole } from '../../platform/access/catalogue.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { securityPolicy } from '../../platform/settings/service.ts';
import { Client, type Res, type TestApp } from '../harness.ts';
import { grant } from '../people-helpers.ts';
import type { Person } from '../people.ts';
import { type CallerRole, HAZARD_TITLE, RESOURCES, type ResourceKind, type World } from '../suites/cross-org-fixtures.ts';

export type Unit = 'own' | 'other';

export interface MatrixWorld {
  t: TestApp;
  people: Map<BuiltinRole, Person>;
  /** own: records in the callers' unit (SFX-001); other: records in SFX-002. */
  worlds: Record<Unit, World>;
  demo(username: string): Promise<Client>;
}

function ok(r: Res, status: number, what: string): Res {
  if (r.status !== status) throw new Error(`matrix fixture ${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** The hazard fixture of the own unit names SFX-001's branch head (branch1) where the cross-org one names branch2. */
const OWN_RESOURCES: typeof RESOURCES = {
  ...RESOURCES,
  hazard: async (w: World) => {
    const officer = await w.demo('officer');
    const h = ok(await officer.post('/api/v1/hazards', { title: HAZARD_TITLE, category: 'physical', orgId: w.A }), 201, 'hazard').body;
    ok(await (await w.demo('head')).post(`/api/v1/hazards/${h.id}/assess`, { grade: 'general' }), 200, 'assess');
    ok(await officer.post(`/api/v1/hazards/${h.id}/issue-notice`, { measures: '更换锁具', responsibleUserId: await w.t.userId('branch1') }), 200, 'notice');
    ok(await (await w.demo('branch1')).post(`/api/v1/hazards/${h.id}/extensions`, { requestedDueOn: '2099-12-31', reason: '等待厂家配件' }), 201, 'extension');
    return h.id as string;
  },
  notification: async (w: World) => {
    const hazardId = await w.record('hazard');
    const items = ok(await (await w.demo('branch1')).get('/api/v1/notifications?pageSize=200'), 200, 'notifications').body.items as Array<{ id: string; targetId: string }>;
    return items.find((n) => n.targetId === hazardId)!.id;
  },
};

/**
 * A signed-in client without the sign-in step: a session row made as the login route makes it
 * (createSession). The matrix is about authorization; sign-in itself (argon2, ~100 ms a time and far
 * more on a loaded machine) is proven by the auth tests and by the matrix's own login cells.
 */
export async function directSession(t: TestApp, userId: string): Promise<Client> {
  const [u] = await t.database.db.select({ path: orgs.path }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(eq(users.id, userId));
  const s = await createSession(t.database.db, userId, 'active', await securityPolicy(t.database.db, u.path), t.clock.now(), { ip: '127.0.0.1', userAgent: 'authz-matrix' });
  return new Client(t.app, s.token, s.csrfToken);
}

/** A new person of SFX-001 (a copy of a demo account's row: demo password, no forced change), granted `role` over SFX-001 through the API. */
async function matrixPerson(t: TestApp, secadmin: Client, role: BuiltinRole, unit: string): Promise<Person> {
  const [model] = await t.database.db.select().from(users).where(eq(users.username, 'sysadmin'));
  const id = randomUUID();
  const username = `mx_${role}_${randomBytes(2).toString('hex')}`;
  const admin = (ADMIN_ROLES as readonly string[]).includes(role);
  const now = t.clock.now();
  await t.database.db.insert(users).values({ ...model, id, username, name: `矩阵${role}`, orgId: unit, phoneEnc: null, phoneHash: null, idNumberEnc: null, idNumberHash: null, email: null, employeeNo: null, totpSecretEnc: admin ? model.totpSecretEnc : null, totpEnabledAt: admin ? now : null, totpLastStep: null, failedLogins: 0, lockedUntil: null, mustChangePassword: false, createdAt: now, updatedAt: now, version: 1 });
  const g = await grant(t, secadmin, id, role, 'SFX-001');
  if (g.status !== 201) throw new Error(`grant ${role}: ${g.status} ${JSON.stringify(g.body)}`);
  return { id, username, client: await directSession(t, id) };
}

/** Every record kind in both units, made before any matrix request changes them (withdraw, leave…). */
export async function buildMatrixWorld(t: TestApp): Promise<MatrixWorld> {
  const demos = new Map<string, Promise<Client>>();
  const demo = async (u: string) => (demos.has(u) ? demos : demos.set(u, directSession(t, await t.userId(u)))).get(u)!;
  const secadmin = await demo('secadmin');
  const people = new Map<BuiltinRole, Person>();
  for (const role of BUILTIN_ROLES) people.set(role, await matrixPerson(t, secadmin, role, await t.orgId('SFX-001')));
  const B = await t.orgId('SFX-001');
  const A = await t.orgId('SFX-002');
  // Fixture bodies name "the member" (a leader, a token owner): the security officer of B serves.
  const caller = async (_role: CallerRole) => people.get('security_officer')!;
  const makeWorld = (recordsIn: string, table: typeof RESOURCES): World => {
    const records = new Map<ResourceKind, Promise<string>>();
    const w: World = { t, A: recordsIn, B, demo, caller, record: (kind) => (records.has(kind) ? records : records.set(kind, table[kind](w))).get(kind)! };
    return w;
  };
  // Records are made on first use; buildCells() asks for every record its routes name before the first
  // matrix request, so no request (a withdrawal, a person leaving) changes a record another still needs.
  return { t, people, worlds: { own: makeWorld(B, OWN_RESOURCES), other: makeWorld(A, RESOURCES) }, demo };
}

/** An unread notification of the person (a copy of branch1's), for POST /notifications/:id/read. */
export async function ownNotification(m: MatrixWorld, personId: string): Promise<string> {
  const [mine] = await m.t.database.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.recipientId, personId));
  if (mine) return mine.id;
  const [model] = await m.t.database.db.select().from(notifications).where(eq(notifications.id, await m.worlds.own.record('notification')));
  const id = randomUUID();
  await m.t.database.db.insert(notifications).values({ ...model, id, recipientId: personId, dueKey: `matrix-${personId}`, readAt: null });
  return id;
}
