// /api/v1/equipment, /api/v1/maintenance-plans, /api/v1/maintenance-tasks, /api/v1/equipment-faults
// (EQP-01 … EQP-04). Thin: validation here, rules in the services.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type TSchema, type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.ts';
import { HistoryEntry, recordHistory } from '../../platform/audit/history.ts';
import { attachmentDisposition, XLSX_TYPE } from '../../platform/export/xlsx.ts';
import { pageParams } from '../../platform/http/paging.ts';
import { requestCtx, write } from '../../platform/http/request-ctx.ts';
import { IdParams, Page, WithdrawBody } from '../../platform/http/types.ts';
import { expectedVersion } from '../../platform/http/versions.ts';
import { dateIn } from '../../platform/time.ts';
import * as faults from './faults.ts';
import { listFaults } from './faults-repository.ts';
import * as maintenance from './maintenance.ts';
import { EP } from './permissions.ts';
import { equipmentCard, labelSheet } from './print.ts';
import {
  Equipment,
  EquipmentCreate,
  EquipmentDetail,
  EquipmentExportQuery,
  EquipmentListQuery,
  EquipmentPatch,
  Fault,
  FaultAssign,
  FaultDetail,
  FaultFix,
  FaultListQuery,
  FaultReopen,
  FaultReport,
  FaultVerify,
  MaintenancePlan,
  MaintenanceTask,
  MaintenanceTaskDetail,
  PlanCreate,
  PlanListQuery,
  PlanPatch,
  TaskComplete,
  TaskListQuery,
} from './schema.ts';
import * as service from './service.ts';
import { listTasks } from './tasks-repository.ts';

const html = (reply: { type: (t: string) => { header: (k: string, v: string) => { send: (b: string) => unknown } } }, body: string) =>
  reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

/** The web app's address as the caller reached it (the QR label links there). */
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export async function equipmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const read = { permission: EP.read, access: 'unit' } as const;

  // ---- register (EQP-01, EQP-04) ----
  const tags = ['equipment'];
  app.get('/api/v1/equipment', { schema: { tags, summary: 'The equipment register (filters incl. expiringWithin, expired; paging)', querystring: EquipmentListQuery, response: { 200: Page(Equipment) } }, config: read }, async (req) =>
    service.list(requestCtx(req), req.query, pageParams(req.query)),
  );
  app.get('/api/v1/equipment/export.xlsx', { schema: { tags, summary: 'Excel of exactly what the filters select (audited)', querystring: EquipmentExportQuery }, config: { permission: EP.export, access: 'unit' } }, async (req, reply) => {
    const buf = await write(req, reply, (ctx) => service.exportXlsx(ctx, req.query));
    const day = dateIn(req.server.anbao.clock.now(), req.server.anbao.config.timeZone);
    return reply.type(XLSX_TYPE).header('content-disposition', attachmentDisposition(`${req.lang === 'en' ? 'equipment-register' : '安防设施台账'}-${day}.xlsx`)).send(buf);
  });
  app.get('/api/v1/equipment/labels', { schema: { tags, summary: 'Printable A4 QR label sheet of what the filters select (HTML)', querystring: EquipmentExportQuery }, config: read }, async (req, reply) =>
    html(reply, await write(req, reply, (ctx) => labelSheet(ctx, req.query, originOf(req)))),
  );
  app.get('/api/v1/equipment/:id', { schema: { tags, summary: 'One piece of equipment with its tasks and faults', params: IdParams, response: { 200: EquipmentDetail } }, config: read }, async (req) =>
    service.get(requestCtx(req), req.params.id),
  );
  app.get('/api/v1/equipment/:id/history', { schema: { tags, summary: 'Change history', params: IdParams, response: { 200: Type.Array(HistoryEntry) } }, config: read }, async (req) => {
    const ctx = requestCtx(req);
    await service.visibleEquipment(ctx, req.params.id);
    return recordHistory(ctx, 'equipment', req.params.id);
  });
  app.get('/api/v1/equipment/:id/print', { schema: { tags, summary: 'Printable A4 equipment card with maintenance history (HTML)', params: IdParams }, config: read }, async (req, reply) =>
    html(reply, await write(req, reply, (ctx) => equipmentCard(ctx, req.params.id))),
  );
  app.post('/api/v1/equipment', { schema: { tags, summary: 'Register equipment (numbered SB-YYYY-NNNNNN)', body: EquipmentCreate, response: { 201: EquipmentDetail } }, config: { permission: EP.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => service.create(ctx, req.body), { status: 201 }),
  );
  app.patch('/api/v1/equipment/:id', { schema: { tags, summary: 'Edit (If-Match / version)', params: IdParams, body: EquipmentPatch, response: { 200: EquipmentDetail } }, config: { permission: EP.manage, access: 'unit' } }, async (req, reply) => {
    const { version: v, ...patch } = req.body;
    const version = expectedVersion(req, v);
    return write(req, reply, (ctx) => service.update(ctx, req.params.id, patch, version));
  });
  app.post('/api/v1/equipment/:id/withdraw', { schema: { tags, summary: 'Withdraw (kept, with who and why)', params: IdParams, body: WithdrawBody, response: { 200: EquipmentDetail } }, config: { permission: EP.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => service.withdraw(ctx, req.params.id, req.body.reason, req.body.version)),
  );

  // ---- maintenance plans and tasks (EQP-02) ----
  const mtags = ['maintenance'];
  app.get('/api/v1/maintenance-plans', { schema: { tags: mtags, summary: 'Maintenance plans', querystring: PlanListQuery, response: { 200: Page(MaintenancePlan) } }, config: read }, async (req) =>
    maintenance.listPlans(requestCtx(req), req.query, pageParams(req.query)),
  );
  app.get('/api/v1/maintenance-plans/:id', { schema: { tags: mtags, summary: 'One maintenance plan', params: IdParams, response: { 200: MaintenancePlan } }, config: read }, async (req) =>
    maintenance.getPlan(requestCtx(req), req.params.id),
  );
  app.post('/api/v1/maintenance-plans', { schema: { tags: mtags, summary: 'Create a plan; its current tasks are created at once', body: PlanCreate, response: { 201: MaintenancePlan } }, config: { permission: EP.plan, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => maintenance.createPlan(ctx, req.body), { status: 201 }),
  );
  app.patch('/api/v1/maintenance-plans/:id', { schema: { tags: mtags, summary: 'Edit a plan (If-Match / version)', params: IdParams, body: PlanPatch, response: { 200: MaintenancePlan } }, config: { permission: EP.plan, access: 'unit' } }, async (req, reply) => {
    const { version: v, ...patch } = req.body;
    const version = expectedVersion(req, v);
    return write(req, reply, (ctx) => maintenance.updatePlan(ctx, req.params.id, patch, version));
  });
  app.post('/api/v1/maintenance-plans/:id/withdraw', { schema: { tags: mtags, summary: 'Withdraw a plan (no new tasks)', params: IdParams, body: WithdrawBody, response: { 200: MaintenancePlan } }, config: { permission: EP.plan, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => maintenance.withdrawPlan(ctx, req.params.id, req.body.reason, req.body.version)),
  );
  app.get('/api/v1/maintenance-tasks', { schema: { tags: mtags, summary: 'Maintenance tasks (due, overdue, done)', querystring: TaskListQuery, response: { 200: Page(MaintenanceTask) } }, config: read }, async (req) => {
    const { page: _p, pageSize: _s, sort, ...q } = req.query;
    return listTasks(requestCtx(req), q, pageParams(req.query), sort);
  });
  app.get('/api/v1/maintenance-tasks/:id', { schema: { tags: mtags, summary: 'One maintenance task with photos', params: IdParams, response: { 200: MaintenanceTaskDetail } }, config: read }, async (req) =>
    maintenance.getTask(requestCtx(req), req.params.id),
  );
  app.post(
    '/api/v1/maintenance-tasks/:id/complete',
    { schema: { tags: mtags, summary: 'Record the check: result, readings, note, photos (fault found → ticket)', params: IdParams, body: TaskComplete, response: { 200: MaintenanceTaskDetail } }, config: { permission: EP.maintain, access: 'party' } },
    async (req, reply) => write(req, reply, (ctx) => maintenance.completeTask(ctx, req.params.id, req.body)),
  );

  // ---- fault tickets (EQP-03) ----
  const ftags = ['equipment-faults'];
  app.get('/api/v1/equipment-faults', { schema: { tags: ftags, summary: 'Fault tickets', querystring: FaultListQuery, response: { 200: Page(Fault) } }, config: read }, async (req) =>
    listFaults(requestCtx(req), req.query, pageParams(req.query)),
  );
  app.get('/api/v1/equipment-faults/:id', { schema: { tags: ftags, summary: 'One fault ticket with photos', params: IdParams, response: { 200: FaultDetail } }, config: read }, async (req) =>
    faults.getFault(requestCtx(req), req.params.id),
  );
  app.get('/api/v1/equipment-faults/:id/history', { schema: { tags: ftags, summary: 'The ticket’s steps', params: IdParams, response: { 200: Type.Array(HistoryEntry) } }, config: read }, async (req) => {
    const ctx = requestCtx(req);
    await faults.visibleFault(ctx, req.params.id);
    return recordHistory(ctx, 'equipment_fault', req.params.id);
  });
  app.post('/api/v1/equipment-faults', { schema: { tags: ftags, summary: 'Report a fault (phone, photos; optional source patrol/inspection)', body: FaultReport, response: { 201: FaultDetail } }, config: { permission: EP.report_fault, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => faults.report(ctx, req.body), { status: 201 }),
  );
  const step = <B extends { version?: number }>(name: string, summary: string, body: TSchema, permission: string, fn: (ctx: Ctx, id: string, b: B) => Promise<unknown>, access: 'unit' | 'party' = 'unit') =>
    app.post(`/api/v1/equipment-faults/:id/${name}`, { schema: { tags: ftags, summary, params: IdParams, body, response: { 200: FaultDetail } }, config: { permission, access } }, async (req, reply) => {
      const b = req.body as B;
      const version = b.version !== undefined || req.headers['if-match'] ? expectedVersion(req, b.version) : undefined;
      return write(req, reply, (ctx) => fn(ctx, req.params.id, { ...b, version }) as never);
    });
  step('assign', 'Assign to a person', FaultAssign, EP.assign_fault, faults.assign);
  step('fix', 'The assignee reports the repair', FaultFix, EP.read, faults.fix, 'party');
  step('verify', 'Verify and close (not by the fixer or the reporter)', FaultVerify, EP.verify_fault, faults.verify);
  step('reopen', 'Back to the assignee, with the reason', FaultReopen, EP.verify_fault, faults.reopen);
  step('withdraw', 'Withdraw (kept, with who and why)', WithdrawBody, EP.manage, faults.withdraw);
}
