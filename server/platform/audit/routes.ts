// /api/v1/audit — for the auditor only (SEC-03, SEC-04).
import type { FastifyInstance } from 'fastify';
import { type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import { P } from '../access/platform-permissions.ts';
import { attachmentDisposition, XLSX_TYPE } from '../export/xlsx.ts';
import { pageParams } from '../http/paging.ts';
import { requestCtx, write } from '../http/request-ctx.ts';
import { IdParams, Page } from '../http/types.ts';
import { dateIn } from '../time.ts';
import { AuditEvent, AuditEventParams, AuditExportQuery, AuditListQuery, Checkpoint, VerifyQuery, VerifyResponse } from './schema.ts';
import { sealOnce } from './sealer.ts';
import * as auditService from './service.ts';

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['audit'];
  const read = { permission: P.audit.read, access: 'unit' } as const;
  // The one hash chain and its checkpoints name no unit.
  const chain = { permission: P.audit.read, access: 'global' } as const;

  app.get('/api/v1/audit/events', { schema: { tags, summary: 'Search the audit trail', querystring: AuditListQuery, response: { 200: Page(AuditEvent) } }, config: read }, async (req) =>
    auditService.search(requestCtx(req), req.query, pageParams(req.query)),
  );

  app.get('/api/v1/audit/events/export.xlsx', { schema: { tags, summary: 'Export the filtered trail to Excel (audited)', querystring: AuditExportQuery }, config: read }, async (req, reply) => {
    const buf = await write(req, reply, (ctx) => auditService.exportXlsx(ctx, req.query));
    const day = dateIn(req.server.anbao.clock.now(), req.server.anbao.config.timeZone);
    return reply.type(XLSX_TYPE).header('content-disposition', attachmentDisposition(`${req.lang === 'en' ? 'audit-trail' : '审计日志'}-${day}.xlsx`)).send(buf);
  });

  app.get('/api/v1/audit/events/:id', { schema: { tags, summary: 'One audit entry', params: AuditEventParams, response: { 200: AuditEvent } }, config: read }, async (req) =>
    auditService.get(requestCtx(req), req.params.id),
  );

  app.post('/api/v1/audit/verify', { schema: { tags, summary: 'Verify the hash chain; names the first broken entry', querystring: VerifyQuery, response: { 200: VerifyResponse } }, config: { permission: P.audit.verify, access: 'global' } }, async (req, reply) =>
    {
      const result = await auditService.runVerification(req.server.anbao, req.query.recompute);
      return write(req, reply, (ctx) => auditService.recordVerification(ctx, result));
    },
  );

  app.get('/api/v1/audit/checkpoints', { schema: { tags, summary: 'Signed checkpoints of the chain head', response: { 200: Type.Array(Checkpoint) } }, config: chain }, async (req) =>
    auditService.listCheckpoints(requestCtx(req)),
  );

  app.post('/api/v1/audit/checkpoints', { schema: { tags, summary: 'Sign the current chain head', response: { 201: Checkpoint } }, config: { permission: P.audit.verify, access: 'global' } }, async (req, reply) =>
    {
      await sealOnce(req.server.anbao.db, () => req.server.anbao.clock.now());
      return write(req, reply, (ctx) => auditService.createCheckpoint(ctx), { status: 201 });
    },
  );

  app.get('/api/v1/audit/checkpoints/:id/export', { schema: { tags, summary: 'Download a checkpoint as a JSON file', params: IdParams }, config: chain }, async (req, reply) => {
    const body = await write(req, reply, (ctx) => auditService.exportCheckpoint(ctx, req.params.id));
    return reply.header('content-disposition', attachmentDisposition(`anbao-audit-checkpoint-${body.seq}.json`)).type('application/json').send(JSON.stringify(body, null, 2));
  });
}
