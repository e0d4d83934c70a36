// Serves the built web app (dist/web) from the same server: hash-named assets with long caching, the
// few top-level files (favicon) as they are, and index.html for every other non-API path so client-side
// routes survive a reload.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { WEB_DIST } from '../../paths.ts';

export { WEB_DIST };

export async function serveWeb(app: FastifyInstance, dist = WEB_DIST) {
  if (!existsSync(path.join(dist, 'index.html'))) {
    app.log.warn(`web app not built (${dist}); run npm run build`);
    return;
  }
  const assets = path.join(dist, 'assets') + path.sep;
  // The top-level files, listed once: a handful, unlike assets/.
  const topLevel = new Set(readdirSync(dist, { withFileTypes: true }).filter((e) => e.isFile() && e.name !== 'index.html').map((e) => e.name));
  // In a child context whose routes are all public: the web app's files are fetched before sign-in.
  await app.register(async (web) => {
    web.addHook('onRoute', (r) => {
      r.config = { ...(r.config ?? {}), public: true };
    });
    // One wildcard route for assets/ rather than a route per file (wildcard: false globbed the folder
    // and added two routes per file at every start). The folder only grows: a build keeps the previous
    // builds' hash-named chunks for tabs opened before an upgrade, so per-file routes made every start
    // slower after each upgrade (issue 4, cold start). A missing asset is a 404 (callNotFound), never
    // index.html: a stale chunk name must not receive HTML as JavaScript.
    await web.register(fastifyStatic, {
      root: path.join(dist, 'assets'),
      prefix: '/assets/',
      wildcard: true,
      index: false,
      // Also called for the files the catch-all below sends (index.html, favicon): only assets are immutable.
      setHeaders: (reply, file) => {
        reply.header('cache-control', file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // A catch-all GET route rather than a second not-found handler: buildApp already set one for this
    // context (Fastify refuses a second), and it still answers every other method.
    web.get('/*', { schema: { hide: true } }, async (req, reply) => {
      // /assets/ itself (a folder, not a file) and unknown API paths: 404, never the page.
      if (req.url.startsWith('/api/') || req.url.startsWith('/assets/')) {
        const { errorBody } = await import('./error-handler.ts');
        const { AppError } = await import('./errors.ts');
        return reply.code(404).send(errorBody(new AppError(404, 'ROUTE_NOT_FOUND'), req.lang ?? 'zh-CN'));
      }
      const name = req.url.slice(1).split('?')[0];
      if (topLevel.has(name)) return reply.sendFile(name, dist);
      return reply.type('text/html').sendFile('index.html', dist);
    });
  });
}
