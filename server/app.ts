// buildApp(config): platform plugins and hooks, then every platform area and module, then the web app.
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { registerAjvFormats } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Config } from './config.ts';
import { type Database, openPglite, openPostgres } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { startSealer } from './platform/audit/sealer.ts';
import { type AppContext, type Clock, SystemClock } from './platform/context.ts';
import { KeyRing } from './platform/crypto/keyring.ts';
import type { AccessScope } from './platform/http/augment.ts';
import './platform/http/augment.ts';
import { AppError } from './platform/http/errors.ts';
import { errorBody, handleError } from './platform/http/error-handler.ts';
import { detectLang } from './platform/http/i18n.ts';
import { rejectControlCharacters } from './platform/http/validation.ts';
import { authenticate, authorize } from './platform/auth/authenticate.ts';
import { registerRoutes } from './routes.ts';
import { serveWeb } from './platform/http/web.ts';
import { MAX_UPLOAD } from './platform/files/sniff.ts';
import { syncBuiltinRoles } from './platform/access/roles-service.ts';
import { startDeliveryWorker } from './platform/notify/worker.ts';
import { startScheduler } from './platform/scheduler/runner.ts';
import { lazySerializerFactory, lazyValidatorCompiler } from './platform/http/lazy-compilers.ts';

export interface BuildOptions {
  /** An already open database (tests); otherwise opened from config. */
  database?: Database;
  clock?: Clock;
  /** pino options, or false for silence (tests). */
  logger?: boolean | Record<string, unknown>;
  /** Login attempts per minute per IP (DESIGN §6). */
  loginRateLimit?: number;
  /** Apply migrations at start (default true). */
  migrate?: boolean;
  /** The built web app served when config.serveWeb (default dist/web; tests use a folder of their own). */
  webDist?: string;
}

export const MAX_JSON_BODY = 1024 * 1024;

let formatsRegistered = false;

export interface RouteEntry {
  method: string;
  url: string;
  permission?: string;
  anyPermission?: string[];
  public: boolean;
  states?: string[];
  /** Declared expected access (augment.ts AccessScope); the authorization matrix requires it. */
  access?: AccessScope;
}

export async function openDatabase(config: Config): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite({ dataDir: `${config.dataDir}/pgdata`, cacheMb: config.embeddedCacheMb });
}

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const database = opts.database ?? (await openDatabase(config));
  const ownsDatabase = !opts.database;
  if (opts.migrate !== false) await migrate(database);

  const fastify = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            // Structured request logs without secrets or personal data: no headers, no query strings.
            serializers: {
              req: (r: { method: string; url: string; routeOptions?: { url?: string }; id: string }) => ({
                id: r.id,
                method: r.method,
                route: r.routeOptions?.url ?? r.url.split('?')[0],
              }),
              res: (r: { statusCode: number }) => ({ statusCode: r.statusCode }),
            },
            ...(typeof opts.logger === 'object' ? opts.logger : {}),
          },
    trustProxy: config.trustProxy,
    bodyLimit: MAX_JSON_BODY,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    schemaController: { compilersFactory: { buildSerializer: lazySerializerFactory } },
    // URLs the router refuses before any hook runs (a path segment over maxParamLength, bad percent
    // encoding) get our error shape and the caller's language too, not Fastify's own body.
    frameworkErrors: (_err, req, reply) => {
      void (reply as FastifyReply).code(400).send(errorBody(new AppError(400, 'MALFORMED_URL'), detectLang(req.headers['accept-language'])));
    },
    // Malformed requests rejected by the HTTP parser (e.g. raw non-ASCII in the URL) still get our error shape.
    clientErrorHandler: (err, socket) => {
      if (!socket.writable) return;
      const body = JSON.stringify(errorBody(new AppError(400, 'MALFORMED_REQUEST'), 'zh-CN'));
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      void err;
    },
  });
  if (!formatsRegistered) {
    registerAjvFormats();
    formatsRegistered = true;
  }
  fastify.setValidatorCompiler(lazyValidatorCompiler);

  const keys = new KeyRing(config.secretKey, config.oldSecretKeys);
  const clock = opts.clock ?? new SystemClock();
  let sealer: ReturnType<typeof startSealer> | null = null;
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    clock,
    keys,
    log: fastify.log,
    kickSealer: () => sealer?.kick(),
  };
  fastify.decorate('anbao', ctx);
  // The route catalogue: every API route with its declared access, for the cross-org and
  // authorization-matrix suites (a route without a declaration fails them).
  const catalogue: RouteEntry[] = [];
  fastify.decorate('catalogue', catalogue);
  fastify.addHook('onRoute', (r) => {
    // The browsable API docs show the same public document as /api/v1/openapi.json.
    if (r.url.startsWith('/api/docs')) r.config = { ...r.config, public: true };
    if (!r.url.startsWith('/api/v1/') || r.schema?.hide) return;
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue;
      catalogue.push({ method, url: r.url, permission: r.config?.permission, anyPermission: r.config?.anyPermission, public: !!r.config?.public, states: r.config?.states, access: r.config?.access });
    }
  });
  fastify.decorateRequest('actor', null);
  fastify.decorateRequest('auth', null);
  fastify.decorateRequest('authProblem', null);
  fastify.decorateRequest('dbSnapshot', null);
  fastify.decorateRequest('lang', 'zh-CN');
  // Set before any plugin registers routes, so every encapsulated context (API docs included) inherits it.
  fastify.setErrorHandler(handleError);

  await fastify.register(cookie);
  // Security headers (helmet), built once: @fastify/helmet built helmet's middleware again on every
  // request (parsing the CSP each time — ~2 % of the server's time under load).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time (CSS-in-JS); scripts stay 'self' only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  fastify.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)));
  await fastify.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError(429, 'RATE_LIMITED'),
  });
  await fastify.register(multipart, { limits: { fileSize: MAX_UPLOAD, files: 1, fields: 10, fieldSize: 2000, parts: 12 } });
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Anbao (安保) API', version: '1', description: 'Conventions: docs/API.md' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'anbao_sid' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await fastify.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false, uiConfig: { docExpansion: 'none' } });

  fastify.addHook('onRequest', async (req, reply) => {
    const q = req.query as Record<string, unknown> | undefined;
    req.lang = q?.lang === 'en' || q?.lang === 'zh-CN' ? (q.lang as 'en' | 'zh-CN') : detectLang(req.headers['accept-language']);
    await authenticate(req, reply);
  });
  fastify.addHook('preValidation', authorize);
  fastify.addHook('preValidation', rejectControlCharacters);
  fastify.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return reply.code(404).send(errorBody(new AppError(404, 'ROUTE_NOT_FOUND'), req.lang ?? 'zh-CN'));
    return reply.code(404).type('text/plain').send('Not found');
  });

  await registerRoutes(fastify, { loginRateLimit: opts.loginRateLimit ?? config.loginRateLimit });
  fastify.get('/api/v1/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => fastify.swagger());
  if (config.serveWeb) await serveWeb(fastify, opts.webDist);

  await syncBuiltinRoles(ctx);

  // Background work (DESIGN §7): sweeps, the notification outbox, the audit sealer. Stopped in that
  // order on close (a sweep queues deliveries; both append audit entries), each waiting for its run.
  let scheduler: ReturnType<typeof startScheduler> | null = null;
  let deliveries: ReturnType<typeof startDeliveryWorker> | null = null;
  if (config.scheduler) {
    sealer = startSealer(database.db, () => clock.now(), (e) => fastify.log.error({ err: e }, 'audit sealer failed'));
    deliveries = startDeliveryWorker(ctx);
    scheduler = startScheduler(ctx);
  }
  fastify.addHook('onClose', async () => {
    await scheduler?.stop();
    await deliveries?.stop();
    await sealer?.stop();
    if (ownsDatabase) await database.close();
  });
  return fastify;
}
