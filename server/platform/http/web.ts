// Serves the built web app (dist/web) from the same server: static assets with long caching, and
// index.html for every other non-API path so client-side routes survive a reload.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { WEB_DIST } from '../../paths.ts';

export { WEB_DIST };

export async function serveWeb(app: FastifyInstance) {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    app.log.warn(`web app not built (${WEB_DIST}); run npm run build`);
    return;
  }
  // In a child context whose routes are all public: the web app's files are fetched before sign-in.
  await app.register(async (web) => {
    web.addHook('onRoute', (r) => {
      r.config = { ...(r.config ?? {}), public: true };
    });
    await web.register(fastifyStatic, {
      root: WEB_DIST,
      prefix: '/',
      wildcard: false,
      index: false,
      // @fastify/static passes the Fastify reply here.
      setHeaders: (reply, file) => {
        reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // A catch-all GET route rather than a second not-found handler: buildApp already set one for this
    // context (Fastify refuses a second), and it still answers every other method. A missing built
    // asset stays a 404 (a stale chunk name must not receive index.html as JavaScript).
    web.get('/*', { schema: { hide: true } }, async (req, reply) => {
      if (req.url.startsWith('/api/') || req.url.startsWith('/assets/')) {
        const { errorBody } = await import('./error-handler.ts');
        const { AppError } = await import('./errors.ts');
        return reply.code(404).send(errorBody(new AppError(404, 'ROUTE_NOT_FOUND'), req.lang ?? 'zh-CN'));
      }
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    });
  });
}
