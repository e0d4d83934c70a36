// What happens when a unit is created, registered by modules (e.g. a new cooperative receives the
// shipped inspection templates, INS-01). Hooks run in the creating transaction.
import type { orgs } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';

type OrgRow = typeof orgs.$inferSelect;
type Hook = (ctx: Ctx, org: OrgRow) => Promise<void>;

const hooks: Array<{ name: string; run: Hook }> = [];

export function onOrgCreated(name: string, run: Hook): void {
  if (hooks.some((h) => h.name === name)) throw new Error(`org hook ${name} registered twice`);
  hooks.push({ name, run });
}

export async function runOrgCreated(ctx: Ctx, org: OrgRow): Promise<void> {
  for (const h of hooks) await h.run(ctx, org);
}
