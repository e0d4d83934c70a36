// What a record needs of its template version — its name and sections — read once per process and
// database. A version's content never changes: an edit writes a new version (INS-01) and only the old
// row's `current` flag, withdrawal and row version change, which this does not hold. Submitting,
// recording a result and showing a record each need the content; without this each read it again.
import { inArray } from 'drizzle-orm';
import { inspectionTemplates } from '../../db/schema/index.ts';
import type { AppContext, Ctx } from '../../platform/context.ts';
import type { TemplateRow } from './templates.ts';

export type TemplateContent = Pick<TemplateRow, 'id' | 'orgId' | 'familyId' | 'templateVersion' | 'kind' | 'name' | 'nameEn' | 'sections'>;

/** Bounded: a provincial union has some hundreds of versions; past the bound the oldest go first. */
const MAX = 2000;
const caches = new WeakMap<AppContext, Map<string, TemplateContent>>();

export async function templateContents(ctx: Ctx, ids: string[]): Promise<Map<string, TemplateContent>> {
  let cache = caches.get(ctx.app);
  if (!cache) caches.set(ctx.app, (cache = new Map()));
  const wanted = [...new Set(ids)];
  const missing = wanted.filter((id) => !cache.has(id));
  if (missing.length) {
    const rows = await ctx.tx
      .select({
        id: inspectionTemplates.id,
        orgId: inspectionTemplates.orgId,
        familyId: inspectionTemplates.familyId,
        templateVersion: inspectionTemplates.templateVersion,
        kind: inspectionTemplates.kind,
        name: inspectionTemplates.name,
        nameEn: inspectionTemplates.nameEn,
        sections: inspectionTemplates.sections,
      })
      .from(inspectionTemplates)
      .where(inArray(inspectionTemplates.id, missing));
    for (const t of rows) {
      if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
      cache.set(t.id, t);
    }
  }
  return new Map(wanted.filter((id) => cache.has(id)).map((id) => [id, cache.get(id)!]));
}
