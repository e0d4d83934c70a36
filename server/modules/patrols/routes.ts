// /api/v1/patrol-routes, /patrols, /patrol-scan, /monitoring-logs, /opening-checks (PAT-01 … PAT-04).
// Thin: each route declares its permission and access; the rules are in the services.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.ts';
import { HistoryEntry, recordHistory } from '../../platform/audit/history.ts';
import { attachmentDisposition, XLSX_TYPE } from '../../platform/export/xlsx.ts';
import { pageParams } from '../../platform/http/paging.ts';
import { requestCtx, write } from '../../platform/http/request-ctx.ts';
import { IdParams, Page, WithdrawBody } from '../../platform/http/types.ts';
import { expectedVersion } from '../../platform/http/versions.ts';
import { dateIn } from '../../platform/time.ts';
import * as checks from './checks.ts';
import * as monitoring from './monitoring.ts';
import { PP } from './permissions.ts';
import * as patrolsSvc from './patrols.ts';
import * as routesSvc from './patrol-routes.ts';
import { checkPage, labelsPage, patrolPage } from './print.ts';
import { anomalyHazard, recordAnomaly, scan, scanTarget } from './scans.ts';
import { AnomalyBody, AnomalyHazardBody, AnomalyParams, FinishBody, Patrol, PatrolDetail, PatrolExportQuery, PatrolListQuery, PatrolRoute, PatrolStart, RouteCreate, RouteListQuery, RouteUpdate, ScanBody, ScanParams, ScanTarget, StartBody } from './schema.ts';
import { CheckConfirmBody, CheckCreate, CheckExportQuery, CheckListQuery, Checklists, MonitoringCreate, MonitoringExportQuery, MonitoringListQuery, MonitoringLog, OpeningCheck, ShiftEndBody } from './schema-logs.ts';

const versionOf = (req: FastifyRequest, v: number | undefined) => (v !== undefined || req.headers['if-match'] ? expectedVersion(req, v) : undefined);

function html(reply: FastifyReply, body: string) {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

function xlsx(req: FastifyRequest, reply: FastifyReply, buf: Buffer, zh: string, en: string) {
  const day = dateIn(req.server.anbao.clock.now(), req.server.anbao.config.timeZone);
  return reply.type(XLSX_TYPE).header('content-disposition', attachmentDisposition(`${req.lang === 'en' ? en : zh}-${day}.xlsx`)).send(buf);
}

const history = (targetType: string, visible: (ctx: Ctx, id: string) => Promise<unknown>) => async (req: FastifyRequest<{ Params: { id: string } }>) => {
  const ctx = requestCtx(req);
  await visible(ctx, req.params.id);
  return recordHistory(ctx, targetType, req.params.id);
};

export async function patrolApiRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const read = { permission: PP.read, access: 'unit' } as const;
  const H = { 200: Type.Array(HistoryEntry) };

  // ---- Patrol routes (PAT-01)
  let tags = ['patrol-routes'];
  const manage = { permission: PP.manage_routes, access: 'unit' } as const;
  app.get('/api/v1/patrol-routes', { schema: { tags, summary: 'Patrol routes with their checkpoints', querystring: RouteListQuery, response: { 200: Page(PatrolRoute) } }, config: read }, async (req) =>
    routesSvc.listRoutes(requestCtx(req), req.query, pageParams(req.query)),
  );
  app.post('/api/v1/patrol-routes', { schema: { tags, summary: 'Create a route: ordered checkpoints (site or place), schedule, windows', body: RouteCreate, response: { 201: PatrolRoute } }, config: manage }, async (req, reply) =>
    write(req, reply, (ctx) => routesSvc.createRoute(ctx, req.body), { status: 201 }),
  );
  app.get('/api/v1/patrol-routes/:id', { schema: { tags, summary: 'One route (QR tokens only for those who manage it)', params: IdParams, response: { 200: PatrolRoute } }, config: read }, async (req) => routesSvc.getRoute(requestCtx(req), req.params.id));
  app.get('/api/v1/patrol-routes/:id/history', { schema: { tags, summary: 'Change history', params: IdParams, response: H }, config: read }, history('patrol_route', routesSvc.visibleRoute));
  app.patch('/api/v1/patrol-routes/:id', { schema: { tags, summary: 'Change the route (checkpoints kept by id keep their QR code)', params: IdParams, body: RouteUpdate, response: { 200: PatrolRoute } }, config: manage }, async (req, reply) => {
    const version = expectedVersion(req, req.body.version);
    return write(req, reply, (ctx) => routesSvc.updateRoute(ctx, req.params.id, req.body, version));
  });
  app.post('/api/v1/patrol-routes/:id/withdraw', { schema: { tags, summary: 'Withdraw (kept, with who and why)', params: IdParams, body: WithdrawBody, response: { 200: PatrolRoute } }, config: manage }, async (req, reply) =>
    write(req, reply, (ctx) => routesSvc.withdrawRoute(ctx, req.params.id, req.body.reason, versionOf(req, req.body.version))),
  );
  app.get('/api/v1/patrol-routes/:id/labels', { schema: { tags, summary: 'Printable A4 sheet of the checkpoints’ QR labels (HTML)', params: IdParams }, config: manage }, async (req, reply) => {
    const origin = `${req.protocol}://${req.host}`;
    return html(reply, await write(req, reply, (ctx) => labelsPage(ctx, req.params.id, origin)));
  });

  // ---- Patrols (PAT-01, PAT-02)
  tags = ['patrols'];
  const patrol = { permission: PP.patrol, access: 'unit' } as const;
  app.get('/api/v1/patrols', { schema: { tags, summary: 'The patrol register (filters, paging)', querystring: PatrolListQuery, response: { 200: Page(Patrol) } }, config: read }, async (req) =>
    patrolsSvc.list(requestCtx(req), req.query, pageParams(req.query)),
  );
  app.get('/api/v1/patrols/export.xlsx', { schema: { tags, summary: 'Excel of exactly what the filters select (audited)', querystring: PatrolExportQuery }, config: { permission: PP.export, access: 'unit' } }, async (req, reply) =>
    xlsx(req, reply, await write(req, reply, (ctx) => patrolsSvc.exportXlsx(ctx, req.query)), '巡逻记录', 'patrols'),
  );
  app.post('/api/v1/patrols', { schema: { tags, summary: 'Start a patrol of a route (the scheduled one now due, else unscheduled)', body: PatrolStart, response: { 201: PatrolDetail } }, config: patrol }, async (req, reply) =>
    write(req, reply, (ctx) => patrolsSvc.start(ctx, req.body.routeId, req.body.note), { status: 201 }),
  );
  app.get('/api/v1/patrols/:id', { schema: { tags, summary: 'One patrol: checkpoints (missed, late, out of order), impossible-scan flags, scans, anomalies', params: IdParams, response: { 200: PatrolDetail } }, config: read }, async (req) =>
    patrolsSvc.get(requestCtx(req), req.params.id),
  );
  app.get('/api/v1/patrols/:id/history', { schema: { tags, summary: 'Change history', params: IdParams, response: H }, config: read }, history('patrol', patrolsSvc.visiblePatrol));
  app.get('/api/v1/patrols/:id/print', { schema: { tags, summary: 'Printable A4 patrol record (HTML)', params: IdParams }, config: read }, async (req, reply) =>
    html(reply, await write(req, reply, (ctx) => patrolPage(ctx, req.params.id))),
  );
  app.post('/api/v1/patrols/:id/start', { schema: { tags, summary: 'Start a scheduled patrol', params: IdParams, body: StartBody, response: { 200: PatrolDetail } }, config: patrol }, async (req, reply) =>
    write(req, reply, (ctx) => patrolsSvc.startScheduled(ctx, req.params.id, versionOf(req, req.body.version))),
  );
  app.post('/api/v1/patrols/:id/finish', { schema: { tags, summary: 'Finish: missed and late checkpoints and impossible patterns are computed (PAT-02)', params: IdParams, body: FinishBody, response: { 200: PatrolDetail } }, config: { permission: PP.patrol, access: 'party' } }, async (req, reply) =>
    write(req, reply, (ctx) => patrolsSvc.finish(ctx, req.params.id, { note: req.body.note, version: versionOf(req, req.body.version) })),
  );
  app.post('/api/v1/patrols/:id/anomalies', { schema: { tags, summary: 'Record an anomaly (note, photos) at a checkpoint', params: IdParams, body: AnomalyBody, response: { 201: PatrolDetail } }, config: patrol }, async (req, reply) =>
    write(req, reply, (ctx) => recordAnomaly(ctx, req.params.id, req.body), { status: 201 }),
  );
  app.post('/api/v1/patrols/:id/anomalies/:anomalyId/hazard', { schema: { tags, summary: 'Open a hazard from the anomaly (source patrol, linked back)', params: AnomalyParams, body: AnomalyHazardBody, response: { 200: PatrolDetail } }, config: patrol }, async (req, reply) =>
    write(req, reply, (ctx) => anomalyHazard(ctx, req.params.id, req.params.anomalyId, req.body)),
  );
  app.post('/api/v1/patrols/:id/withdraw', { schema: { tags, summary: 'Withdraw (kept, with who and why)', params: IdParams, body: WithdrawBody, response: { 200: PatrolDetail } }, config: { permission: PP.withdraw, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => patrolsSvc.withdraw(ctx, req.params.id, req.body.reason, versionOf(req, req.body.version))),
  );
  app.get('/api/v1/patrol-scan/:token', { schema: { tags, summary: 'The checkpoint a QR code names, and the caller’s patrol of its route in progress', params: ScanParams, response: { 200: ScanTarget } }, config: patrol }, async (req) =>
    scanTarget(requestCtx(req), req.params.token),
  );
  app.post('/api/v1/patrol-scan/:token', { schema: { tags, summary: 'Record a scan of the checkpoint (time, position) for the caller’s patrol in progress', params: ScanParams, body: ScanBody, response: { 200: PatrolDetail } }, config: patrol }, async (req, reply) =>
    write(req, reply, (ctx) => scan(ctx, req.params.token, req.body)),
  );

  // ---- Monitoring-room log (PAT-03)
  tags = ['monitoring-logs'];
  app.get('/api/v1/monitoring-logs', { schema: { tags, summary: 'Shifts, events seen on camera, recordings archived (archive state of each event)', querystring: MonitoringListQuery, response: { 200: Page(MonitoringLog) } }, config: read }, async (req) =>
    monitoring.listLogs(requestCtx(req), req.query, pageParams(req.query)),
  );
  app.get('/api/v1/monitoring-logs/export.xlsx', { schema: { tags, summary: 'Excel of exactly what the filters select (audited)', querystring: MonitoringExportQuery }, config: { permission: PP.export, access: 'unit' } }, async (req, reply) =>
    xlsx(req, reply, await write(req, reply, (ctx) => monitoring.exportLogs(ctx, req.query)), '监控室值班记录', 'monitoring-log'),
  );
  app.post('/api/v1/monitoring-logs', { schema: { tags, summary: 'Log a shift, an event seen on camera, or a recording archived', body: MonitoringCreate, response: { 201: MonitoringLog } }, config: { permission: PP.monitor, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => monitoring.createLog(ctx, req.body), { status: 201 }),
  );
  app.get('/api/v1/monitoring-logs/:id', { schema: { tags, summary: 'One entry', params: IdParams, response: { 200: MonitoringLog } }, config: read }, async (req) => monitoring.getLog(requestCtx(req), req.params.id));
  app.get('/api/v1/monitoring-logs/:id/history', { schema: { tags, summary: 'Change history', params: IdParams, response: H }, config: read }, history('monitoring_log', monitoring.visibleLog));
  app.post('/api/v1/monitoring-logs/:id/end-shift', { schema: { tags, summary: 'End a viewing shift', params: IdParams, body: ShiftEndBody, response: { 200: MonitoringLog } }, config: { permission: PP.monitor, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => monitoring.endShift(ctx, req.params.id, { toAt: req.body.toAt, version: versionOf(req, req.body.version) })),
  );
  app.post('/api/v1/monitoring-logs/:id/withdraw', { schema: { tags, summary: 'Withdraw (kept, with who and why)', params: IdParams, body: WithdrawBody, response: { 200: MonitoringLog } }, config: { permission: PP.withdraw, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => monitoring.withdrawLog(ctx, req.params.id, req.body.reason, versionOf(req, req.body.version))),
  );

  // ---- Opening and closing checks (PAT-04)
  tags = ['opening-checks'];
  const check = { permission: PP.check, access: 'unit' } as const;
  app.get('/api/v1/opening-checks', { schema: { tags, summary: 'Opening / closing checks of branches (missed ones flagged)', querystring: CheckListQuery, response: { 200: Page(OpeningCheck) } }, config: read }, async (req) =>
    checks.listChecks(requestCtx(req), req.query, pageParams(req.query)),
  );
  app.get('/api/v1/opening-checks/export.xlsx', { schema: { tags, summary: 'Excel of exactly what the filters select (audited)', querystring: CheckExportQuery }, config: { permission: PP.export, access: 'unit' } }, async (req, reply) =>
    xlsx(req, reply, await write(req, reply, (ctx) => checks.exportChecks(ctx, req.query)), '营业前后安全检查登记', 'opening-checks'),
  );
  app.get('/api/v1/opening-checks/checklists', { schema: { tags, summary: 'The shipped opening and closing checklists', response: { 200: Checklists } }, config: { permission: PP.read, access: 'global' } }, async (req) => checks.checklists(requestCtx(req)));
  app.post('/api/v1/opening-checks', { schema: { tags, summary: 'Record today’s check of a branch (first person on duty)', body: CheckCreate, response: { 201: OpeningCheck } }, config: check }, async (req, reply) =>
    write(req, reply, (ctx) => checks.createCheck(ctx, req.body), { status: 201 }),
  );
  app.get('/api/v1/opening-checks/:id', { schema: { tags, summary: 'One check', params: IdParams, response: { 200: OpeningCheck } }, config: read }, async (req) => checks.getCheck(requestCtx(req), req.params.id));
  app.get('/api/v1/opening-checks/:id/history', { schema: { tags, summary: 'Change history', params: IdParams, response: H }, config: read }, history('opening_check', checks.visibleCheck));
  app.get('/api/v1/opening-checks/:id/print', { schema: { tags, summary: 'Printable A4 check record (HTML)', params: IdParams }, config: read }, async (req, reply) =>
    html(reply, await write(req, reply, (ctx) => checkPage(ctx, req.params.id))),
  );
  app.post('/api/v1/opening-checks/:id/confirm', { schema: { tags, summary: 'Second person on duty confirms (not the one who recorded it): from their session, or with their username and password on this device', params: IdParams, body: CheckConfirmBody, response: { 200: OpeningCheck } }, config: check }, async (req, reply) => {
    const r = await write(req, reply, (ctx) => checks.confirmCheck(ctx, req.params.id, { note: req.body.note, username: req.body.username, password: req.body.password, version: versionOf(req, req.body.version) }));
    if ('refused' in r) throw r.refused;
    return r;
  });
  app.post('/api/v1/opening-checks/:id/withdraw', { schema: { tags, summary: 'Withdraw (kept, with who and why)', params: IdParams, body: WithdrawBody, response: { 200: OpeningCheck } }, config: { permission: PP.withdraw, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => checks.withdrawCheck(ctx, req.params.id, req.body.reason, versionOf(req, req.body.version))),
  );
}
