// Which unit's series a document number belongs to: the cooperative (nearest county union or
// cooperative above the unit, or the top unit), so numbers read YH-2026-000123 within one cooperative.
import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { orgs } from '../db/schema/index.ts';

export async function numberingOrgId(ex: Executor, orgPath: string): Promise<string> {
  const ids = orgPath.split('/').filter(Boolean);
  const rs = await ex.select({ id: orgs.id, kind: orgs.kind, depth: orgs.depth }).from(orgs).where(inArray(orgs.id, ids));
  const county = rs.filter((o) => o.kind === 'county_union').sort((a, b) => b.depth - a.depth)[0];
  return county?.id ?? ids[0];
}
