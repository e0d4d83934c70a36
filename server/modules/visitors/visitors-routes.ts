// /api/v1/visitors — the visitor register, the desk's steps and the blocklist (VIS-01, VIS-02).
import type { FastifyInstance } from 'fastify';
import { type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import { HistoryEntry, recordHistory } from '../../platform/audit/history.ts';
import { attachmentDisposition, XLSX_TYPE } from '../../platform/export/xlsx.ts';
import { pageParams } from '../../platform/http/paging.ts';
import { requestCtx, write } from '../../platform/http/request-ctx.ts';
import { IdParams, Page } from '../../platform/http/types.ts';
import { expectedVersion } from '../../platform/http/versions.ts';
import { dateIn } from '../../platform/time.ts';
import * as blocklist from './blocklist.ts';
import { VP } from './permissions.ts';
import { visitorRegisterPage } from './print.ts';
import { BlocklistCreate, BlocklistEntry, BlocklistQuery, ReasonStepBody, RevealBody, Revealed, StepBody, Visitor, VisitorCreate, VisitorExportQuery, VisitorListQuery, WithdrawReasonBody } from './schema.ts';
import * as service from './visitors-service.ts';
import * as steps from './visitors-steps.ts';

export async function visitorRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['visitors'];
  const read = { permission: VP.read, access: 'unit' } as const;
  const versionOf = (req: { headers: Record<string, unknown> }, v?: number) => (v !== undefined || req.headers['if-match'] ? expectedVersion(req as never, v) : undefined);

  app.get('/api/v1/visitors', { schema: { tags, summary: 'The visitor register (filters, paging)', querystring: VisitorListQuery, response: { 200: Page(Visitor) } }, config: read }, async (req) =>
    service.list(requestCtx(req), req.query, pageParams(req.query)),
  );

  app.get('/api/v1/visitors/export.xlsx', { schema: { tags, summary: 'Excel of exactly what the filters select (audited)', querystring: VisitorExportQuery }, config: { permission: VP.export, access: 'unit' } }, async (req, reply) => {
    const buf = await write(req, reply, (ctx) => service.exportXlsx(ctx, req.query));
    const day = dateIn(req.server.anbao.clock.now(), req.server.anbao.config.timeZone);
    return reply.type(XLSX_TYPE).header('content-disposition', attachmentDisposition(`${req.lang === 'en' ? 'visitor-register' : '访客登记簿'}-${day}.xlsx`)).send(buf);
  });

  app.get('/api/v1/visitors/print', { schema: { tags, summary: 'Printable A4 访客登记簿 for the filters (HTML)', querystring: VisitorExportQuery }, config: read }, async (req, reply) => {
    const html = await write(req, reply, (ctx) => visitorRegisterPage(ctx, req.query));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });

  app.get('/api/v1/visitors/blocklist', { schema: { tags, summary: 'VIS-02: the blocklist (document numbers masked)', querystring: BlocklistQuery, response: { 200: Page(BlocklistEntry) } }, config: { permission: VP.desk, access: 'unit' } }, async (req) =>
    blocklist.list(requestCtx(req), req.query, pageParams(req.query)),
  );

  app.post('/api/v1/visitors/blocklist', { schema: { tags, summary: 'VIS-02: add a person to the cooperative’s blocklist', body: BlocklistCreate, response: { 201: BlocklistEntry } }, config: { permission: VP.blocklist, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => blocklist.add(ctx, req.body), { status: 201 }),
  );

  app.get('/api/v1/visitors/blocklist/:id', { schema: { tags, summary: 'One blocklist entry', params: IdParams, response: { 200: BlocklistEntry } }, config: { permission: VP.desk, access: 'unit' } }, async (req) =>
    blocklist.get(requestCtx(req), req.params.id),
  );

  app.post('/api/v1/visitors/blocklist/:id/withdraw', { schema: { tags, summary: 'Take an entry off the blocklist (kept, with the reason)', params: IdParams, body: WithdrawReasonBody, response: { 200: BlocklistEntry } }, config: { permission: VP.blocklist, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => blocklist.withdraw(ctx, req.params.id, req.body.reason, versionOf(req, req.body.version))),
  );

  app.get('/api/v1/visitors/:id', { schema: { tags, summary: 'One visit', params: IdParams, response: { 200: Visitor } }, config: read }, async (req) => service.get(requestCtx(req), req.params.id));

  app.get('/api/v1/visitors/:id/history', { schema: { tags, summary: 'Change history', params: IdParams, response: { 200: Type.Array(HistoryEntry) } }, config: read }, async (req) => {
    const ctx = requestCtx(req);
    await service.visibleVisitor(ctx, req.params.id);
    return recordHistory(ctx, 'visitor', req.params.id);
  });

  app.post('/api/v1/visitors', { schema: { tags, summary: 'VIS-01: an appointment by the host, or a walk-in at the desk', body: VisitorCreate, response: { 201: Visitor } }, config: { permission: VP.register, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => service.register(ctx, req.body), { status: 201 }),
  );

  app.post('/api/v1/visitors/:id/check-in', { schema: { tags, summary: 'The desk checks the visitor in (the host is told)', params: IdParams, body: StepBody, response: { 200: Visitor } }, config: { permission: VP.desk, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => steps.checkIn(ctx, req.params.id, { version: versionOf(req, req.body.version) })),
  );
  app.post('/api/v1/visitors/:id/check-out', { schema: { tags, summary: 'The desk checks the visitor out', params: IdParams, body: StepBody, response: { 200: Visitor } }, config: { permission: VP.desk, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => steps.checkOut(ctx, req.params.id, { version: versionOf(req, req.body.version) })),
  );
  app.post('/api/v1/visitors/:id/no-show', { schema: { tags, summary: 'The appointed visitor did not come', params: IdParams, body: StepBody, response: { 200: Visitor } }, config: { permission: VP.desk, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => steps.noShow(ctx, req.params.id, { version: versionOf(req, req.body.version) })),
  );
  app.post('/api/v1/visitors/:id/cancel', { schema: { tags, summary: 'Cancel an appointment, with the reason', params: IdParams, body: ReasonStepBody, response: { 200: Visitor } }, config: { permission: VP.register, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => steps.cancel(ctx, req.params.id, { reason: req.body.reason, version: versionOf(req, req.body.version) })),
  );
  app.post('/api/v1/visitors/:id/reveal', { schema: { tags, summary: 'Show the document number in clear (audited with the reason)', params: IdParams, body: RevealBody, response: { 200: Revealed } }, config: { permission: VP.reveal, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => steps.reveal(ctx, req.params.id, req.body.reason), { redact: ['value'] }),
  );
}
