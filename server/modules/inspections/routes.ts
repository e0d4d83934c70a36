// /api/v1/inspections — inspection records (INS-03, INS-04), the summary (INS-05), print and export.
import type { FastifyInstance } from 'fastify';
import { type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import { HistoryEntry, recordHistory } from '../../platform/audit/history.ts';
import { attachmentDisposition, XLSX_TYPE } from '../../platform/export/xlsx.ts';
import { pageParams } from '../../platform/http/paging.ts';
import { requestCtx, write } from '../../platform/http/request-ctx.ts';
import { IdParams, Page } from '../../platform/http/types.ts';
import { expectedVersion } from '../../platform/http/versions.ts';
import { recordResult, start, submit } from './perform.ts';
import { IP } from './permissions.ts';
import { recordPage } from './print.ts';
import { AdhocCreate, Inspection, InspectionDetail, InspectionExportQuery, InspectionListQuery, InspectionWithdrawBody, ResultBody, ResultParams, SignBody, StartBody, SubmitBody, Summary, SummaryQuery } from './schema.ts';
import * as service from './service.ts';
import { confirmSignerPassword, sign } from './signatures.ts';
import { summary } from './summary.ts';

export async function inspectionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['inspections'];
  const read = { permission: IP.read, access: 'unit' } as const;
  // The steps of performing are checked on the record (team, inspections.perform over the unit), so
  // a caller who cannot see the record gets 404, like everywhere else (SEC-02).
  const perform = { permission: IP.read, access: 'party' } as const;
  /** A version given in the body or If-Match is checked; without one, the step checks the state it read. */
  const versionOf = (req: Parameters<typeof expectedVersion>[0], v: number | undefined) => (v !== undefined || req.headers['if-match'] ? expectedVersion(req, v) : undefined);

  app.get('/api/v1/inspections', { schema: { tags, summary: 'Inspection records (filters, paging)', querystring: InspectionListQuery, response: { 200: Page(Inspection) } }, config: read }, async (req) =>
    service.list(requestCtx(req), req.query, pageParams(req.query)),
  );

  app.get('/api/v1/inspections/export.xlsx', { schema: { tags, summary: 'Excel of exactly what the filters select (audited)', querystring: InspectionExportQuery }, config: { permission: IP.export, access: 'unit' } }, async (req, reply) => {
    const buf = await write(req, reply, (ctx) => service.exportXlsx(ctx, req.query));
    const day = new Date().toISOString().slice(0, 10);
    return reply.type(XLSX_TYPE).header('content-disposition', attachmentDisposition(`${req.lang === 'en' ? 'inspections' : '安全检查记录'}-${day}.xlsx`)).send(buf);
  });

  app.get('/api/v1/inspections/summary', { schema: { tags, summary: 'INS-05: due, done, overdue and findings per unit for a period', querystring: SummaryQuery, response: { 200: Summary } }, config: read }, async (req) =>
    summary(requestCtx(req), req.query),
  );

  app.get('/api/v1/inspections/:id', { schema: { tags, summary: 'One record: items with results, photos and hazards; team; signatures', params: IdParams, response: { 200: InspectionDetail } }, config: read }, async (req) =>
    service.get(requestCtx(req), req.params.id),
  );

  app.get('/api/v1/inspections/:id/history', { schema: { tags, summary: 'Change history', params: IdParams, response: { 200: Type.Array(HistoryEntry) } }, config: read }, async (req) => {
    const ctx = requestCtx(req);
    await service.visibleInspection(ctx, req.params.id);
    return recordHistory(ctx, 'inspection', req.params.id);
  });

  app.get('/api/v1/inspections/:id/print', { schema: { tags, summary: 'Printable A4 安全检查记录表 (HTML)', params: IdParams }, config: read }, async (req, reply) => {
    const html = await write(req, reply, (ctx) => recordPage(ctx, req.params.id));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });

  app.post('/api/v1/inspections', { schema: { tags, summary: 'An ad-hoc (one-off or unannounced) inspection without a plan', body: AdhocCreate, response: { 201: InspectionDetail } }, config: { permission: IP.plan, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => service.createAdhoc(ctx, req.body), { status: 201 }),
  );

  app.post('/api/v1/inspections/:id/start', { schema: { tags, summary: 'Start (team member): records who, when and where', params: IdParams, body: StartBody, response: { 200: InspectionDetail } }, config: perform }, async (req, reply) => {
    const version = versionOf(req, req.body.version);
    return write(req, reply, (ctx) => start(ctx, req.params.id, { ...req.body, version }));
  });

  app.put('/api/v1/inspections/:id/results/:itemKey', { schema: { tags, summary: "One item's result (idempotent): pass / fail / na, note, grade (fail), photos", params: ResultParams, body: ResultBody, response: { 200: InspectionDetail } }, config: perform }, async (req, reply) =>
    write(req, reply, (ctx) => recordResult(ctx, req.params.id, req.params.itemKey, req.body)),
  );

  app.post('/api/v1/inspections/:id/sign', { schema: { tags, summary: 'Sign as the inspector or for the inspected unit (drawn, password or account)', params: IdParams, body: SignBody, response: { 200: InspectionDetail } }, config: perform }, async (req, reply) => {
    let signerId: string | undefined;
    if (req.body.method === 'password') {
      // Its own transaction: a wrong password's failure count and audit entry stay after the refusal.
      const after: Array<() => void> = [];
      const outcome = await req.server.anbao.db.transaction((tx) => confirmSignerPassword(requestCtx(req, tx, after), req.params.id, req.body));
      for (const f of after) f();
      if ('refusal' in outcome) throw outcome.refusal;
      signerId = outcome.signerId;
    }
    return write(req, reply, (ctx) => sign(ctx, req.params.id, req.body, signerId));
  });

  app.post('/api/v1/inspections/:id/submit', { schema: { tags, summary: 'Submit (all items answered, inspector signed): locks it and opens a hazard per failed item', params: IdParams, body: SubmitBody, response: { 200: InspectionDetail } }, config: perform }, async (req, reply) => {
    const version = versionOf(req, req.body.version);
    return write(req, reply, (ctx) => submit(ctx, req.params.id, { ...req.body, version }));
  });

  app.post('/api/v1/inspections/:id/withdraw', { schema: { tags, summary: 'Withdraw a planned inspection that will not take place', params: IdParams, body: InspectionWithdrawBody, response: { 200: InspectionDetail } }, config: { permission: IP.plan, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => service.withdraw(ctx, req.params.id, req.body.reason, req.body.version)),
  );
}
