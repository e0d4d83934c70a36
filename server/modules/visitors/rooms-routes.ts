// /api/v1/room-entries — the machine-room and vault entry register (VIS-03).
import type { FastifyInstance } from 'fastify';
import { type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import { HistoryEntry, recordHistory } from '../../platform/audit/history.ts';
import { attachmentDisposition, XLSX_TYPE } from '../../platform/export/xlsx.ts';
import { pageParams } from '../../platform/http/paging.ts';
import { requestCtx, write } from '../../platform/http/request-ctx.ts';
import { IdParams, Page } from '../../platform/http/types.ts';
import { expectedVersion } from '../../platform/http/versions.ts';
import { dateIn } from '../../platform/time.ts';
import { RP } from './permissions.ts';
import { entryRegisterPage } from './print.ts';
import * as rooms from './rooms-service.ts';
import { StepBody, WithdrawReasonBody } from './schema.ts';
import { DecisionBody, EntryCreate, EntryExportQuery, EntryListQuery, EntryPrintQuery, ExitBody, RoomEntry } from './schema-rooms.ts';

export async function roomEntryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['room-entries'];
  const read = { permission: RP.read, access: 'unit' } as const;
  const versionOf = (req: { headers: Record<string, unknown> }, v?: number) => (v !== undefined || req.headers['if-match'] ? expectedVersion(req as never, v) : undefined);

  app.get('/api/v1/room-entries', { schema: { tags, summary: 'The entry register (filters, paging)', querystring: EntryListQuery, response: { 200: Page(RoomEntry) } }, config: read }, async (req) =>
    rooms.list(requestCtx(req), req.query, pageParams(req.query)),
  );
  app.get('/api/v1/room-entries/export.xlsx', { schema: { tags, summary: 'Excel of exactly what the filters select (audited)', querystring: EntryExportQuery }, config: { permission: RP.export, access: 'unit' } }, async (req, reply) => {
    const buf = await write(req, reply, (ctx) => rooms.exportXlsx(ctx, req.query));
    const day = dateIn(req.server.anbao.clock.now(), req.server.anbao.config.timeZone);
    return reply.type(XLSX_TYPE).header('content-disposition', attachmentDisposition(`${req.lang === 'en' ? 'room-entry-register' : '机房出入管理登记簿'}-${day}.xlsx`)).send(buf);
  });
  app.get('/api/v1/room-entries/print', { schema: { tags, summary: 'Printable A4 机房出入管理登记簿 of one room for a date range (HTML)', querystring: EntryPrintQuery }, config: read }, async (req, reply) => {
    const html = await write(req, reply, (ctx) => entryRegisterPage(ctx, req.query));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
  app.get('/api/v1/room-entries/:id', { schema: { tags, summary: 'One entry', params: IdParams, response: { 200: RoomEntry } }, config: read }, async (req) => rooms.get(requestCtx(req), req.params.id));
  app.get('/api/v1/room-entries/:id/history', { schema: { tags, summary: 'Change history', params: IdParams, response: { 200: Type.Array(HistoryEntry) } }, config: read }, async (req) => {
    const ctx = requestCtx(req);
    await rooms.visibleEntry(ctx, req.params.id);
    return recordHistory(ctx, 'room_entry', req.params.id);
  });
  app.post('/api/v1/room-entries', { schema: { tags, summary: 'VIS-03: log an entry (two people at least; approval when needed)', body: EntryCreate, response: { 201: RoomEntry } }, config: { permission: RP.log, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => rooms.create(ctx, req.body), { status: 201 }),
  );
  for (const decision of ['approve', 'reject'] as const) {
    app.post(`/api/v1/room-entries/:id/${decision}`, { schema: { tags, summary: `${decision === 'approve' ? 'Approve' : 'Refuse'} the entry (IT head or security head, not the requester)`, params: IdParams, body: DecisionBody, response: { 200: RoomEntry } }, config: { permission: RP.approve, access: 'unit' } }, async (req, reply) =>
      write(req, reply, (ctx) => rooms.decide(ctx, req.params.id, decision === 'approve', { note: req.body.note, version: versionOf(req, req.body.version) })),
    );
  }
  app.post('/api/v1/room-entries/:id/enter', { schema: { tags, summary: 'The approved people enter (time in)', params: IdParams, body: StepBody, response: { 200: RoomEntry } }, config: { permission: RP.log, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => rooms.enter(ctx, req.params.id, { version: versionOf(req, req.body.version) })),
  );
  app.post('/api/v1/room-entries/:id/exit', { schema: { tags, summary: 'They leave: time out and what was done', params: IdParams, body: ExitBody, response: { 200: RoomEntry } }, config: { permission: RP.log, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => rooms.exit(ctx, req.params.id, { workDone: req.body.workDone, version: versionOf(req, req.body.version) })),
  );
  app.post('/api/v1/room-entries/:id/withdraw', { schema: { tags, summary: 'Withdraw (kept, with who and why)', params: IdParams, body: WithdrawReasonBody, response: { 200: RoomEntry } }, config: { permission: RP.withdraw, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => rooms.withdraw(ctx, req.params.id, { reason: req.body.reason, version: versionOf(req, req.body.version) })),
  );
}
