// GET /api/v1/dashboard — the home page's figures (RPT-02). Open to whoever may read hazards or
// inspections somewhere (config.anyPermission; the service narrows the figures to that scope).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requestCtx } from '../../platform/http/request-ctx.ts';
import { HP } from '../hazards/permissions.ts';
import { IP } from '../inspections/permissions.ts';
import { Dashboard, DashboardQuery } from './schema.ts';
import { dashboard } from './service.ts';

export async function dashboardRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: "Hazard and inspection figures of the viewer's scope (or of orgId's subtree within it) and the viewer's tasks; each figure's description names the register filter behind it",
        querystring: DashboardQuery,
        response: { 200: Dashboard },
      },
      // Figures of the viewer's own scope (hazards or inspections); naming another unit answers 404.
      config: { anyPermission: [HP.read, IP.read], access: 'unit' },
    },
    async (req) => dashboard(requestCtx(req), req.query),
  );
}
