// /api/v1/keys — key custody for machine rooms and vaults (VIS-04).
import type { FastifyInstance } from 'fastify';
import { type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import { HistoryEntry, recordHistory } from '../../platform/audit/history.ts';
import { attachmentDisposition, XLSX_TYPE } from '../../platform/export/xlsx.ts';
import { pageParams } from '../../platform/http/paging.ts';
import { requestCtx, write } from '../../platform/http/request-ctx.ts';
import { IdParams, Page } from '../../platform/http/types.ts';
import { expectedVersion } from '../../platform/http/versions.ts';
import { dateIn } from '../../platform/time.ts';
import * as keys from './keys-service.ts';
import { KP } from './permissions.ts';
import { WithdrawReasonBody } from './schema.ts';
import { ConfirmBody, HandoverBody, HandoverParams, KeyExportQuery, KeyListQuery, KeySet, KeySetCreate, KeySetDetail, LockChangeBody, LossBody } from './schema-rooms.ts';

export async function keyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['keys'];
  const read = { permission: KP.read, access: 'unit' } as const;
  // Steps confined to the people the key set names (its holders, the receiver of a handover).
  const party = { permission: KP.read, access: 'party' } as const;
  const versionOf = (req: { headers: Record<string, unknown> }, v?: number) => (v !== undefined || req.headers['if-match'] ? expectedVersion(req as never, v) : undefined);

  app.get('/api/v1/keys', { schema: { tags, summary: 'Key sets (filters, paging)', querystring: KeyListQuery, response: { 200: Page(KeySet) } }, config: read }, async (req) => keys.list(requestCtx(req), req.query, pageParams(req.query)));
  app.get('/api/v1/keys/export.xlsx', { schema: { tags, summary: 'Excel of exactly what the filters select (audited)', querystring: KeyExportQuery }, config: { permission: KP.export, access: 'unit' } }, async (req, reply) => {
    const buf = await write(req, reply, (ctx) => keys.exportXlsx(ctx, req.query));
    const day = dateIn(req.server.anbao.clock.now(), req.server.anbao.config.timeZone);
    return reply.type(XLSX_TYPE).header('content-disposition', attachmentDisposition(`${req.lang === 'en' ? 'key-custody' : '钥匙保管登记'}-${day}.xlsx`)).send(buf);
  });
  app.get('/api/v1/keys/:id', { schema: { tags, summary: 'One key set with its handovers', params: IdParams, response: { 200: KeySetDetail } }, config: read }, async (req) => keys.get(requestCtx(req), req.params.id));
  app.get('/api/v1/keys/:id/history', { schema: { tags, summary: 'Change history', params: IdParams, response: { 200: Type.Array(HistoryEntry) } }, config: read }, async (req) => {
    const ctx = requestCtx(req);
    await keys.visibleKeySet(ctx, req.params.id);
    return recordHistory(ctx, 'key_set', req.params.id);
  });
  app.post('/api/v1/keys', { schema: { tags, summary: 'VIS-04: register a key set with its named holders', body: KeySetCreate, response: { 201: KeySetDetail } }, config: { permission: KP.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => keys.create(ctx, req.body), { status: 201 }),
  );
  app.post('/api/v1/keys/:id/handovers', { schema: { tags, summary: 'A holder hands the set over (the receiver must confirm)', params: IdParams, body: HandoverBody, response: { 201: KeySetDetail } }, config: party }, async (req, reply) =>
    write(req, reply, (ctx) => keys.handover(ctx, req.params.id, req.body), { status: 201 }),
  );
  app.post('/api/v1/keys/:id/handovers/:handoverId/confirm', { schema: { tags, summary: 'The receiver confirms with their password (a wrong one counts towards the lockout)', params: HandoverParams, body: ConfirmBody, response: { 200: KeySetDetail } }, config: party }, async (req, reply) => {
    const r = await write(req, reply, (ctx) => keys.confirm(ctx, req.params.id, req.params.handoverId, req.body));
    if ('refused' in r) throw r.refused;
    return r;
  });
  app.post('/api/v1/keys/:id/loss', { schema: { tags, summary: 'Declare the set lost (a holder or the officer)', params: IdParams, body: LossBody, response: { 200: KeySetDetail } }, config: party }, async (req, reply) =>
    write(req, reply, (ctx) => keys.declareLoss(ctx, req.params.id, { note: req.body.note, version: versionOf(req, req.body.version) })),
  );
  app.post('/api/v1/keys/:id/lock-change', { schema: { tags, summary: 'Record the lock change that closes a loss', params: IdParams, body: LockChangeBody, response: { 200: KeySetDetail } }, config: { permission: KP.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => keys.lockChange(ctx, req.params.id, { note: req.body.note, version: versionOf(req, req.body.version) })),
  );
  app.post('/api/v1/keys/:id/withdraw', { schema: { tags, summary: 'Withdraw (kept, with who and why)', params: IdParams, body: WithdrawReasonBody, response: { 200: KeySetDetail } }, config: { permission: KP.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => keys.withdraw(ctx, req.params.id, { reason: req.body.reason, version: versionOf(req, req.body.version) })),
  );
}
