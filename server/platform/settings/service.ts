// Reading and changing per-org settings. Effective values are cached briefly per unit (read on every
// request for session timeouts); a change clears this process's cache at once and other instances'
// within CACHE_MS.
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orgSettings } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { audit } from '../audit/writer.ts';
import { conflict, invalidField } from '../http/errors.ts';
import { pathIds } from '../orgs/repository.ts';
import { settingsSection, settingsSections } from './registry.ts';
import type { SecurityPolicy } from './security.ts';

type Sections = Record<string, Record<string, unknown>>;
const CACHE_MS = 5000;
const cache = new Map<string, { at: number; value: Sections }>();


export async function effectiveSettings(ex: Executor, orgPath: string, opts: { fresh?: boolean } = {}): Promise<Sections> {
  const hit = cache.get(orgPath);
  if (!opts.fresh && hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const ids = pathIds(orgPath);
  const rowsFound = ids.length ? await ex.select().from(orgSettings).where(inArray(orgSettings.orgId, ids)) : [];
  const byOrg = new Map(rowsFound.map((r) => [r.orgId, r.settings as Sections]));
  const value: Sections = {};
  for (const s of settingsSections()) {
    value[s.name] = { ...s.defaults };
    for (const id of ids) Object.assign(value[s.name], byOrg.get(id)?.[s.name] ?? {});
  }
  if (!opts.fresh) cache.set(orgPath, { at: Date.now(), value });
  return value;
}

export async function securityPolicy(ex: Executor, orgPath: string): Promise<SecurityPolicy> {
  const p = (await effectiveSettings(ex, orgPath)).security as SecurityPolicy;
  // A change is checked at the unit changed only, so a unit's own administrator minimum can end up
  // below an ordinary minimum raised later above it: administrators never need less than everyone.
  return p.adminPasswordMinLength >= p.passwordMinLength ? p : { ...p, adminPasswordMinLength: p.passwordMinLength };
}

export async function ownSettings(ex: Executor, orgId: string) {
  const [row] = await ex.select().from(orgSettings).where(eq(orgSettings.orgId, orgId));
  return { settings: (row?.settings ?? {}) as Sections, version: row?.version ?? 0 };
}

/** Merges a partial change into a unit's own settings (optimistic: `version` must match). */
export async function updateSettings(ctx: Ctx, org: { id: string; path: string; name: string }, patch: Sections, version: number | undefined) {
  const own = await ownSettings(ctx.tx, org.id);
  if (version !== undefined && version !== own.version) throw conflict('VERSION_CONFLICT', { current: own.version });
  const next: Sections = structuredClone(own.settings);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [name, values] of Object.entries(patch)) {
    next[name] = { ...(next[name] ?? {}), ...values };
    for (const [k, v] of Object.entries(values)) changes[`${name}.${k}`] = [own.settings[name]?.[k] ?? null, v];
  }
  // Check each touched section as it will be in effect for this unit.
  const parentPath = org.path.slice(0, org.path.length - org.id.length - 1);
  const inherited = parentPath.length > 1 ? await effectiveSettings(ctx.tx, parentPath, { fresh: true }) : null;
  for (const name of Object.keys(patch)) {
    const s = settingsSection(name)!;
    const merged = { ...s.defaults, ...(inherited?.[name] ?? {}), ...next[name] };
    const refusal = s.check?.(merged);
    if (refusal) throw invalidField(refusal[0], refusal[1], refusal[2]);
  }
  if (own.version === 0) {
    const res = await ctx.tx
      .insert(orgSettings)
      .values({ orgId: org.id, settings: next, version: 1, updatedAt: ctx.now, updatedBy: ctx.actor?.userId })
      .onConflictDoNothing()
      .returning({ v: orgSettings.version });
    if (!res.length) throw conflict('VERSION_CONFLICT', { current: 1 });
  } else {
    const res = await ctx.tx
      .update(orgSettings)
      .set({ settings: next, version: own.version + 1, updatedAt: ctx.now, updatedBy: ctx.actor?.userId })
      .where(and(eq(orgSettings.orgId, org.id), eq(orgSettings.version, own.version)))
      .returning({ v: orgSettings.version });
    if (!res.length) throw conflict('VERSION_CONFLICT', { current: own.version });
  }
  await audit(ctx, { action: 'settings.update', targetType: 'org', targetId: org.id, targetLabel: org.name, orgId: org.id, changes });
  ctx.afterCommit(() => cache.clear());
  return ownSettings(ctx.tx, org.id);
}

export function clearSettingsCache(): void {
  cache.clear();
}
