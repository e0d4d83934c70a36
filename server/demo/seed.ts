// Seeds the demo cooperative into an empty database: a county cooperative under a provincial union,
// its departments, six branches, sites and about thirty people across the roles. Every record is
// written with an audit entry by the system, like any other write.
import { count, eq } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import { grants, orgs, passwordHistory, roles, sites, users } from '../db/schema/index.ts';
import { ADMIN_ROLES } from '../platform/access/catalogue.ts';
import { audit } from '../platform/audit/writer.ts';
import { runOrgCreated } from '../platform/orgs/hooks.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { type AppContext, inSystemTx } from '../platform/context.ts';
import { DEMO_PEOPLE, DEMO_SITES, DEMO_UNITS } from './people.ts';
import { seedDemoInspections } from './inspections.ts';
import { seedDemoDuty } from './duty.ts';
import { seedDemoVisitors } from './visitors.ts';
import { seedDemoEquipment } from './equipment.ts';
import { seedDemoPatrols } from './patrols.ts';

export interface DemoCredentials {
  password: string;
  totpSecret: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function randomDemoPassword(): string {
  // 16 characters from 4 classes with no runs: meets the administrator policy.
  const b = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `Ab${b}#7`;
}

export function randomTotpSecret(): string {
  return [...randomBytes(20)].map((x) => BASE32[x % 32]).join('');
}

export async function databaseIsEmpty(app: AppContext): Promise<boolean> {
  const [{ n }] = await app.db.select({ n: count() }).from(orgs);
  return Number(n) === 0;
}

export async function seedDemo(app: AppContext, creds: DemoCredentials): Promise<void> {
  // One hash for all demo accounts: they share the printed demo password anyway.
  const hash = await hashPassword(creds.password);
  await inSystemTx(app, async (ctx) => {
    const now = ctx.now;
    const unitIds = new Map<string, { id: string; path: string; depth: number }>();
    let order = 0;
    for (const u of DEMO_UNITS) {
      const id = randomUUID();
      const parent = u.parent ? unitIds.get(u.parent)! : null;
      const path = `${parent?.path ?? '/'}${id}/`;
      const depth = parent ? parent.depth + 1 : 1;
      unitIds.set(u.key, { id, path, depth });
      const [org] = await ctx.tx.insert(orgs).values({ id, parentId: parent?.id ?? null, path, depth, kind: u.kind, name: u.name, shortName: u.shortName ?? null, code: u.code, address: u.address ?? null, sortOrder: order++, createdAt: now, updatedAt: now }).returning();
      await audit(ctx, { action: 'orgs.create', targetType: 'org', targetId: id, targetLabel: u.name, orgId: id, detail: { demo: true, kind: u.kind, code: u.code } });
      await runOrgCreated(ctx, org);
    }
    for (const s of DEMO_SITES) {
      const id = randomUUID();
      const orgId = unitIds.get(s.unit)!.id;
      await ctx.tx.insert(sites).values({ id, orgId, kind: s.kind, name: s.name, location: s.location ?? null, createdAt: now, updatedAt: now });
      await audit(ctx, { action: 'sites.create', targetType: 'site', targetId: id, targetLabel: s.name, orgId, detail: { demo: true, kind: s.kind } });
    }
    const roleIds = new Map((await ctx.tx.select({ id: roles.id, code: roles.code }).from(roles)).map((r) => [r.code, r.id]));
    let phone = 13800138000;
    for (const p of DEMO_PEOPLE) {
      const id = randomUUID();
      const orgId = unitIds.get(p.unit)!.id;
      const isAdmin = !!p.role && (ADMIN_ROLES as readonly string[]).includes(p.role);
      const ph = String(phone++);
      await ctx.tx.insert(users).values({
        id,
        orgId,
        username: p.username,
        name: p.name,
        post: p.post,
        employeeNo: `SFX${String(1000 + DEMO_PEOPLE.indexOf(p))}`,
        phoneEnc: ctx.app.keys.encrypt(ph),
        phoneHash: ctx.app.keys.lookupHash(ph),
        status: p.status ?? 'active',
        statusChangedAt: now,
        passwordHash: hash,
        passwordChangedAt: now,
        mustChangePassword: false,
        totpSecretEnc: isAdmin ? ctx.app.keys.encrypt(creds.totpSecret) : null,
        totpEnabledAt: isAdmin ? now : null,
        createdAt: now,
        updatedAt: now,
      });
      await ctx.tx.insert(passwordHistory).values({ userId: id, hash, createdAt: now });
      await audit(ctx, { action: 'users.create', targetType: 'user', targetId: id, targetLabel: `${p.name} (${p.username})`, orgId, detail: { demo: true, post: p.post, status: p.status ?? 'active' } });
      if (p.role) {
        const at = unitIds.get(p.roleAt ?? 'county')!.id;
        const gid = randomUUID();
        await ctx.tx.insert(grants).values({ id: gid, userId: id, roleId: roleIds.get(p.role)!, orgId: at, grantedAt: now });
        await audit(ctx, { action: 'grants.create', targetType: 'user', targetId: id, targetLabel: `${p.name} (${p.username})`, orgId: at, detail: { demo: true, grantId: gid, role: p.role } });
      }
    }
  });
  await seedDemoInspections(app);
  await seedDemoDuty(app);
  await seedDemoVisitors(app);
  await seedDemoEquipment(app);
  await seedDemoPatrols(app);
}

export async function demoUserId(app: AppContext, username: string): Promise<string | undefined> {
  const [u] = await app.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return u?.id;
}
