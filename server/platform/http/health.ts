// GET /healthz: the process is up. GET /readyz: the database answers and every migration is applied.
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { appliedMigrations, expectedMigrations } from '../../db/migrate.ts';

export async function healthRoutes(app: FastifyInstance) {
  const expected = expectedMigrations();
  app.get('/healthz', { schema: { hide: true }, config: { public: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true }, config: { public: true } }, async (_req, reply) => {
    try {
      await app.anbao.db.execute(sql`select 1`);
      const applied = await appliedMigrations(app.anbao.database);
      if (applied < expected) return reply.code(503).send({ status: 'migrating', applied, expected });
      return { status: 'ready', database: app.anbao.database.kind, migrations: applied };
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });
}
