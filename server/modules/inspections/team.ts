// The inspection team (INS-02): a leader and members, each an active person allowed to inspect every
// unit in scope (inspections.perform over it). Shared by plans and ad-hoc inspections.
import type { Ctx } from '../../platform/context.ts';
import { type ErrorDetail, ruleRefused } from '../../platform/http/errors.ts';
import { holders } from '../../platform/notify/service.ts';
import { IP } from './permissions.ts';

/** Checks the team against the units' paths; returns the members without the leader and duplicates. */
export async function checkTeam(ctx: Ctx, leaderId: string, memberIds: string[], unitPaths: string[]): Promise<string[]> {
  let eligible: string[] | undefined;
  for (const path of new Set(unitPaths)) {
    const here = new Set(await holders(ctx, { permission: IP.perform, orgPath: path }));
    eligible = eligible === undefined ? [...here] : eligible.filter((id) => here.has(id));
  }
  const ok = (id: string) => !!eligible?.includes(id);
  const bad: ErrorDetail[] = [];
  if (!ok(leaderId)) bad.push({ path: 'leaderId', code: 'TEAM_MEMBER_NOT_ELIGIBLE' });
  memberIds.forEach((id, i) => {
    if (id !== leaderId && !ok(id)) bad.push({ path: `memberIds.${i}`, code: 'TEAM_MEMBER_NOT_ELIGIBLE' });
  });
  if (bad.length) throw ruleRefused('TEAM_MEMBER_NOT_ELIGIBLE', {}, bad);
  return [...new Set(memberIds.filter((id) => id !== leaderId))];
}
