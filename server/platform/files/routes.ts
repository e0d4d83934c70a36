// /api/v1/attachments — upload (multipart, field "file"; ≤ 20 MB; images and PDF), metadata, download.
import type { FastifyInstance } from 'fastify';
import { type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import { P } from '../access/platform-permissions.ts';
import { attachmentDisposition } from '../export/xlsx.ts';
import { AppError, invalidField } from '../http/errors.ts';
import { requestCtx, write } from '../http/request-ctx.ts';
import { IdParams } from '../http/types.ts';
import { ReasonBody } from '../users/schema.ts';
import { Attachment, ContentQuery, OwnerQuery, UploadQuery } from './schema.ts';
import { MAX_UPLOAD } from './sniff.ts';
import * as files from './service.ts';

export async function fileRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['attachments'];

  app.post(
    '/api/v1/attachments',
    { schema: { tags, summary: 'Upload a photo or PDF (multipart/form-data, field "file")', querystring: UploadQuery, consumes: ['multipart/form-data'], response: { 201: Attachment } }, config: { permission: P.files.upload, access: 'party' } },
    async (req, reply) => {
      if ((req.query.ownerType === undefined) !== (req.query.ownerId === undefined)) throw invalidField(req.query.ownerType ? 'ownerId' : 'ownerType', 'V_REQUIRED');
      let part: Awaited<ReturnType<typeof req.file>>;
      try {
        part = await req.file();
      } catch (e) {
        // busboy throws a bare Error for a multipart request with no boundary or a broken part header:
        // the client's fault, so a 400 naming the file field rather than a 500.
        if ((e as { code?: string }).code) throw e;
        throw new AppError(400, 'MALFORMED_REQUEST', {}, [{ path: 'file', code: 'FILE_REQUIRED' }]);
      }
      if (!part) throw invalidField('file', 'FILE_REQUIRED');
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'FILE_TOO_LARGE', { mb: MAX_UPLOAD / 1024 / 1024 }, [{ path: 'file', code: 'FILE_TOO_LARGE', params: { mb: MAX_UPLOAD / 1024 / 1024 } }]);
        if (!(e as { code?: string }).code) throw new AppError(400, 'MALFORMED_REQUEST', {}, [{ path: 'file', code: 'FILE_REQUIRED' }]); // truncated form
        throw e;
      }
      const owner = req.query.ownerType && req.query.ownerId ? { type: req.query.ownerType, id: req.query.ownerId } : undefined;
      return write(req, reply, (ctx) => files.upload(ctx, { data, fileName: part.filename }, owner), { status: 201 });
    },
  );

  app.get('/api/v1/attachments', { schema: { tags, summary: "A record's attachments", querystring: OwnerQuery, response: { 200: Type.Array(Attachment) } }, config: { access: 'unit' } }, async (req) =>
    files.listForOwner(requestCtx(req), req.query.ownerType, req.query.ownerId, !!req.query.includeWithdrawn),
  );

  app.get('/api/v1/attachments/:id', { schema: { tags, summary: 'Attachment metadata', params: IdParams, response: { 200: Attachment } }, config: { access: 'unit' } }, async (req) => files.get(requestCtx(req), req.params.id));

  app.get('/api/v1/attachments/:id/content', { schema: { tags, summary: 'Download the file', params: IdParams, querystring: ContentQuery }, config: { access: 'unit' } }, async (req, reply) => {
    const { meta, data } = await files.content(requestCtx(req), req.params.id);
    const inline = !req.query.download && meta.contentType.startsWith('image/');
    return reply
      .type(meta.contentType)
      .header('content-disposition', inline ? `inline; filename*=UTF-8''${encodeURIComponent(meta.fileName)}` : attachmentDisposition(meta.fileName))
      .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
      .header('x-content-sha256', meta.sha256)
      .header('cache-control', 'private, no-store')
      .send(data);
  });

  app.post('/api/v1/attachments/:id/withdraw', { schema: { tags, summary: 'Withdraw an attachment (kept, marked, with the reason)', params: IdParams, body: ReasonBody, response: { 200: Attachment } }, config: { access: 'party' } }, async (req, reply) =>
    write(req, reply, (ctx) => files.withdraw(ctx, req.params.id, req.body.reason)),
  );
}
