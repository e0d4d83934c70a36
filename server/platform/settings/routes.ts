// /api/v1/orgs/:id/settings — per-org configuration, changed only by the system administrator (SEC-03).
import type { FastifyInstance } from 'fastify';
import { type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import { P } from '../access/platform-permissions.ts';
import { requestCtx, write } from '../http/request-ctx.ts';
import { IdParams } from '../http/types.ts';
import { orgFor } from '../orgs/service.ts';
import { settingsPatchSchema, settingsSections } from './registry.ts';
import { effectiveSettings, ownSettings, updateSettings } from './service.ts';

const SettingsView = Type.Object({
  orgId: Type.String(),
  version: Type.Integer(),
  own: Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown())),
  effective: Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown())),
  defaults: Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown())),
});

export async function settingsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['settings'];
  const view = async (ctx: ReturnType<typeof requestCtx>, orgId: string, path: string) => {
    const own = await ownSettings(ctx.tx, orgId);
    return {
      orgId,
      version: own.version,
      own: own.settings,
      effective: await effectiveSettings(ctx.tx, path, { fresh: true }),
      defaults: Object.fromEntries(settingsSections().map((s) => [s.name, s.defaults])),
    };
  };

  app.get('/api/v1/orgs/:id/settings', { schema: { tags, summary: "A unit's own and effective settings", params: IdParams, response: { 200: SettingsView } }, config: { permission: P.settings.manage, access: 'unit' } }, async (req) => {
    const ctx = requestCtx(req);
    const org = await orgFor(ctx, req.params.id, P.settings.manage);
    return view(ctx, org.id, org.path);
  });

  app.patch(
    '/api/v1/orgs/:id/settings',
    { schema: { tags, summary: "Change a unit's settings (applies to its subtree unless overridden)", params: IdParams, body: settingsPatchSchema(), response: { 200: SettingsView } }, config: { permission: P.settings.manage, access: 'unit' } },
    async (req, reply) => {
      const { version, ...patch } = req.body as { version?: number } & Record<string, Record<string, unknown>>;
      return write(req, reply, async (ctx) => {
        const org = await orgFor(ctx, req.params.id, P.settings.manage);
        await updateSettings(ctx, org, patch, version);
        return view(ctx, org.id, org.path);
      });
    },
  );
}
