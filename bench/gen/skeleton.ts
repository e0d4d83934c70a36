// Phase 1 of the generator: the org tree, sites, people with grants, the 20-item checklist of each
// cooperative and the bench API token. Small tables (≤ 50,000 rows) go through Drizzle in chunks; the
// province and the county cooperatives are created the way Anbao creates a unit (runOrgCreated installs
// the shipped checklists, each with its audit entry), the rest directly.
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../server/db/client.ts';
import { apiTokens, grants, inspectionTemplates, orgs, passwordHistory, roles, sites, users } from '../../server/db/schema/index.ts';
import type { SiteKind, TemplateSection } from '../../server/db/schema/index.ts';
import { audit } from '../../server/platform/audit/writer.ts';
import { TOKEN_PREFIX } from '../../server/platform/auth/authenticate.ts';
import { hashPassword } from '../../server/platform/auth/passwords.ts';
import { sha256 } from '../../server/platform/auth/sessions.ts';
import { type AppContext, inSystemTx } from '../../server/platform/context.ts';
import { runOrgCreated } from '../../server/platform/orgs/hooks.ts';
import { SHIPPED_TEMPLATES } from '../../server/modules/inspections/shipped/index.ts';
import { branchName, countyName, DEPT_NAMES, personName, type Plan, uid, username } from './plan.ts';

export async function insertChunked(ex: Executor, table: PgTable, values: Record<string, unknown>[], chunk = 1000): Promise<void> {
  for (let i = 0; i < values.length; i += chunk) await ex.insert(table).values(values.slice(i, i + chunk) as never);
}

/** The cooperative's own 20-item checklist: the shipped business-hall (11) and vault (9) items. */
export function benchTemplateSections(): TemplateSection[] {
  const pick = (kind: string) => SHIPPED_TEMPLATES.find((t) => t.kind === kind)!.sections;
  const sections = [...pick('business_hall'), ...pick('vault')];
  const keys = sections.flatMap((s) => s.items.map((i) => i.key));
  if (keys.length !== 20 || new Set(keys).size !== 20) throw new Error(`bench checklist needs 20 distinct items, got ${keys.length}`);
  return sections;
}

export interface Skeleton {
  rootId: string;
  rootPath: string;
  countyIds: string[];
  token: string;
  benchUserId: string;
  itemKeys: string[];
  failKey: string;
  failGrade: string;
}

export const orgId = {
  county: (c: number) => uid('org-county', c),
  branch: (b: number) => uid('org-branch', b),
  dept: (d: number) => uid('org-dept', d),
  provDept: (p: number) => uid('org-pdept', p),
};
export const siteId = (b: number, k: number) => uid('site', b * 4 + k);

/** The org of unit u (the Plan's unit index) and where its grants of a county-wide role are held. */
function unitOf(plan: Plan, root: string, u: number): { id: string; county: string | null } {
  const C = plan.s.counties;
  if (u < plan.branches) return { id: orgId.branch(u), county: orgId.county(u % C) };
  if (u < plan.branches + plan.depts) return { id: orgId.dept(u - plan.branches), county: orgId.county((u - plan.branches) % C) };
  return { id: orgId.provDept(u - plan.branches - plan.depts), county: null };
}

export async function buildSkeleton(app: AppContext, plan: Plan, password: string): Promise<Skeleton> {
  const C = plan.s.counties;
  const now = app.clock.now();
  const rootId = uid('org-root', 0);
  const rootPath = `/${rootId}/`;
  const reg = { createdAt: now, updatedAt: now };
  await inSystemTx(app, async (ctx) => {
    const created = [{ id: rootId, parentId: null, path: rootPath, depth: 1, kind: 'province_union' as const, name: '示范省农村信用社联合社（基准）', shortName: '省联社', code: 'PRV', sortOrder: 0, ...reg }];
    for (let c = 0; c < C; c++) {
      const id = orgId.county(c);
      created.push({ id, parentId: rootId as never, path: `${rootPath}${id}/`, depth: 2, kind: 'county_union' as never, name: countyName(c), shortName: null as never, code: `C${String(c + 1).padStart(3, '0')}`, sortOrder: c, ...reg });
    }
    for (const o of created) {
      const [row] = await ctx.tx.insert(orgs).values(o).returning();
      await audit(ctx, { action: 'orgs.create', targetType: 'org', targetId: o.id, targetLabel: o.name, orgId: o.id, detail: { bench: true, kind: o.kind, code: o.code } });
      await runOrgCreated(ctx, row);
    }
  });

  const units: Array<typeof orgs.$inferInsert> = [];
  const siteRows: Array<typeof sites.$inferInsert> = [];
  const countyPath = (c: number) => `${rootPath}${orgId.county(c)}/`;
  const kinds: SiteKind[] = ['business_hall', 'atm', 'vault'];
  for (let b = 0; b < plan.branches; b++) {
    const c = b % C;
    const id = orgId.branch(b);
    const code = `C${String(c + 1).padStart(3, '0')}-${String(Math.floor(b / C) + 1).padStart(3, '0')}`;
    units.push({ id, parentId: orgId.county(c), path: `${countyPath(c)}${id}/`, depth: 3, kind: 'branch', name: `${branchName(b, C)}`, code, address: `${countyName(c).slice(0, -8)}${Math.floor(b / C) + 1} 号`, sortOrder: 100 + Math.floor(b / C), ...reg });
    for (let k = 0; k < (b % 5 === 0 ? 3 : 2); k++) siteRows.push({ id: siteId(b, k), orgId: id, kind: kinds[k], name: `${branchName(b, C)}${['营业大厅', '自助银行 ATM', '金库'][k]}`, location: ['一楼', '营业厅东侧', '负一层'][k], ...reg });
  }
  for (let d = 0; d < plan.depts; d++) {
    const c = d % C;
    const id = orgId.dept(d);
    units.push({ id, parentId: orgId.county(c), path: `${countyPath(c)}${id}/`, depth: 3, kind: 'department', name: DEPT_NAMES[Math.floor(d / C) % DEPT_NAMES.length], code: `C${String(c + 1).padStart(3, '0')}-D${String(Math.floor(d / C) + 1).padStart(2, '0')}`, sortOrder: Math.floor(d / C), ...reg });
  }
  for (let p = 0; p < plan.s.provinceDepts; p++) {
    const id = orgId.provDept(p);
    units.push({ id, parentId: rootId, path: `${rootPath}${id}/`, depth: 2, kind: 'department', name: `${DEPT_NAMES[p % DEPT_NAMES.length]}${p >= DEPT_NAMES.length ? Math.floor(p / DEPT_NAMES.length) + 1 : ''}`, code: `PRV-D${String(p + 1).padStart(2, '0')}`, sortOrder: p, ...reg });
  }
  await insertChunked(app.db, orgs, units);
  await insertChunked(app.db, sites, siteRows);

  const roleIds = new Map((await app.db.select({ id: roles.id, code: roles.code }).from(roles)).map((r) => [r.code, r.id]));
  const hash = await hashPassword(password);
  // Records start a year back (the clock), but passwords are set now: an older one would have expired
  // under the default policy, and the bench user's sign-in (the Chromium figure) would stop at a forced change.
  const passwordSetAt = new Date();
  const userRows: Array<typeof users.$inferInsert> = [];
  const grantRows: Array<typeof grants.$inferInsert> = [];
  for (let k = 0; k < plan.s.people; k++) {
    const u = (k - 1) % plan.units;
    const rank = Math.floor((k - 1) / plan.units);
    let org = rootId;
    let role = 'security_head';
    let at = rootId;
    let post = '保卫部负责人';
    if (k > 0) {
      const unit = unitOf(plan, rootId, u);
      org = unit.id;
      at = unit.id;
      const deptKind = u >= plan.branches && u < plan.branches + plan.depts ? Math.floor((u - plan.branches) / C) : -1;
      if (u < plan.branches) [role, post] = rank === 0 ? ['branch_head', '网点负责人'] : ['staff', '柜员'];
      else if (deptKind === 0) [role, post, at] = rank === 0 ? ['security_head', '保卫部负责人', unit.county!] : ['security_officer', '安全员', unit.county!];
      else if (deptKind === 1) [role, post, at] = ['it_admin', '信息科技管理员', unit.county!];
      else if (!unit.county && u - plan.branches - plan.depts === 0) [role, post, at] = ['security_officer', '安全员', rootId];
      else if (!unit.county && u - plan.branches - plan.depts === 1) [role, post, at] = ['leader', '分管领导', rootId];
      else [role, post] = ['staff', '员工'];
    }
    const id = uid('user', k);
    userRows.push({ id, orgId: org, username: username(k), name: personName(k), post, employeeNo: `E${String(k).padStart(6, '0')}`, status: 'active', statusChangedAt: now, passwordHash: hash, passwordChangedAt: passwordSetAt, mustChangePassword: false, ...reg });
    grantRows.push({ id: uid('grant', k), userId: id, roleId: roleIds.get(role)!, orgId: at, grantedAt: now });
  }
  await insertChunked(app.db, users, userRows, 500);
  await insertChunked(app.db, passwordHistory, userRows.map((u) => ({ userId: u.id!, hash, createdAt: passwordSetAt })));
  await insertChunked(app.db, grants, grantRows);

  const sections = benchTemplateSections();
  await insertChunked(
    app.db,
    inspectionTemplates,
    Array.from({ length: C }, (_, c) => ({ id: uid('template', c), orgId: orgId.county(c), familyId: uid('template', c), templateVersion: 1, current: true, kind: 'business_hall' as const, name: '网点综合安全检查表（营业大厅与金库）', nameEn: 'Branch safety checklist (business hall and vault)', description: '20 项', sections, shipped: false, ...reg })),
  );

  // The bench API token: the provincial security head's own permissions over the whole province.
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const benchUserId = uid('user', 0);
  const [role] = await app.db.select({ permissions: roles.permissions }).from(roles).where(eq(roles.code, 'security_head'));
  await app.db.insert(apiTokens).values({ id: uid('token', 0), userId: benchUserId, orgId: rootId, name: '基准测试 bench', prefix: token.slice(0, 12), tokenHash: sha256(token), permissions: role.permissions, expiresAt: new Date(Date.now() + 30 * 86_400_000), createdAt: now, createdBy: benchUserId });
  const items = sections.flatMap((s) => s.items);
  return { rootId, rootPath, countyIds: Array.from({ length: C }, (_, c) => orgId.county(c)), token, benchUserId, itemKeys: items.map((i) => i.key), failKey: items[0].key, failGrade: items[0].defaultGrade };
}
