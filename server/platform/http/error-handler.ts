// Every error leaves as { error: { code, message, details: [{ path, message }] } } in the request's
// language (DESIGN §5). Bad input of any kind is a 4xx; only a genuine fault is a 500, logged with the
// request id. Refusals (403, and 404s that hide another unit's record) are audited as denied.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../audit/writer.ts';
import { AppError } from './errors.ts';
import { t } from './i18n.ts';
import { requestCtx } from './request-ctx.ts';
import { translateSchemaErrors } from './validation.ts';

const PG_BAD_INPUT = new Set(['22P02', '22007', '22008', '22003', '22001', '22021', '2201B', '54000']);

function toAppError(err: FastifyError & { validationContext?: string; code?: string }, req: FastifyRequest): AppError | null {
  if (err instanceof AppError) return err;
  if (err.validation) {
    const input = { body: req.body, querystring: req.query, params: req.params, headers: req.headers }[err.validationContext ?? 'body'];
    return new AppError(400, 'VALIDATION_FAILED', {}, translateSchemaErrors(err.validation as never, input));
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'INVALID_JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError(413, 'PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
    case '23505':
      return new AppError(409, 'DUPLICATE_RECORD');
    case '23503':
      return new AppError(409, 'REFERENCED_RECORD_MISSING');
    case '40001':
    case '40P01':
      return new AppError(409, 'CONCURRENT_UPDATE');
  }
  if (err.code && PG_BAD_INPUT.has(err.code)) return new AppError(400, 'VALIDATION_FAILED', {}, [{ path: '(input)', code: 'V_INVALID' }]);
  if (err.statusCode === 429) return new AppError(429, 'RATE_LIMITED');
  if (err instanceof SyntaxError && err.statusCode === 400) return new AppError(400, 'INVALID_JSON');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError(err.statusCode, err.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', {}, []);
  return null;
}

export function errorBody(e: AppError, lang: 'zh-CN' | 'en') {
  const details = e.details.map((d) => ({ path: d.path, message: t(lang, d.code, d.params) }));
  const summary = details.map((d) => `${d.path} ${d.message}`).join(lang === 'en' ? '; ' : '；');
  return { error: { code: e.code, message: t(lang, e.code, { summary, ...e.params }), ...(details.length ? { details } : {}) } };
}

export async function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  // Drizzle wraps driver errors; the PostgreSQL code is on the cause.
  const cause = (err as { cause?: { code?: string } }).cause;
  const e = toAppError(cause?.code && !(err as { code?: string }).code ? Object.assign(err, { code: cause.code }) : err, req);
  const lang = req.lang ?? 'zh-CN';
  if (!e) {
    req.log.error({ err, reqId: req.id }, 'unhandled error');
    return reply.code(500).send(errorBody(new AppError(500, 'INTERNAL_ERROR'), lang));
  }
  if (e.status === 403 || (e.status === 404 && e.denial)) {
    try {
      const d = e.denial ?? {};
      await audit(requestCtx(req), {
        action: d.action ?? `${req.method} ${req.routeOptions.url ?? req.url}`,
        targetType: d.targetType,
        targetId: d.targetId,
        orgId: d.orgId,
        result: 'denied',
        detail: { code: e.code, status: e.status, reason: d.reason ?? null, route: `${req.method} ${req.routeOptions.url ?? req.url}` },
      });
    } catch (auditErr) {
      req.log.error({ err: auditErr }, 'could not audit a denied request');
    }
  }
  if (e.status === 429) reply.header('retry-after', '60');
  return reply.code(e.status).send(errorBody(e, lang));
}
