// What keeps a unit from being withdrawn (ORG-01): its child units, people, sites and grants, plus
// whatever records modules register here — a unit with people or records must be emptied first.
import { and, count, eq, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { grants, orgs, sites, users } from '../../db/schema/index.ts';

export interface OrgUsage {
  key: string;
  zh: string;
  en: string;
  count: (ex: Executor, orgId: string) => Promise<number>;
}

const usages: OrgUsage[] = [
  { key: 'units', zh: '下级机构', en: 'sub-units', count: async (ex, id) => n(ex.select({ n: count() }).from(orgs).where(and(eq(orgs.parentId, id), isNull(orgs.withdrawnAt)))) },
  { key: 'people', zh: '在岗人员', en: 'active people', count: async (ex, id) => n(ex.select({ n: count() }).from(users).where(and(eq(users.orgId, id), ne(users.status, 'left'), ne(users.status, 'transferred'), isNull(users.withdrawnAt)))) },
  { key: 'sites', zh: '场所', en: 'sites', count: async (ex, id) => n(ex.select({ n: count() }).from(sites).where(and(eq(sites.orgId, id), isNull(sites.withdrawnAt)))) },
  { key: 'grants', zh: '有效授权', en: 'active grants', count: async (ex, id) => n(ex.select({ n: count() }).from(grants).where(and(eq(grants.orgId, id), isNull(grants.revokedAt)))) },
];

async function n(q: Promise<Array<{ n: number }>>): Promise<number> {
  return Number((await q)[0]?.n ?? 0);
}

/** Modules register their registers: open records in a unit block its withdrawal. */
export function registerOrgUsage(u: OrgUsage): void {
  if (usages.some((x) => x.key === u.key)) throw new Error(`org usage ${u.key} registered twice`);
  usages.push(u);
}

export async function orgUsage(ex: Executor, orgId: string): Promise<Array<OrgUsage & { n: number }>> {
  const out: Array<OrgUsage & { n: number }> = [];
  for (const u of usages) {
    const c = await u.count(ex, orgId);
    if (c > 0) out.push({ ...u, n: c });
  }
  return out;
}
