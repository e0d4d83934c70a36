// /api/v1/hazards — the hazard register and its workflow steps (HAZ-01 … HAZ-08).
import type { FastifyInstance } from 'fastify';
import { type TSchema, type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.ts';
import { HistoryEntry, recordHistory } from '../../platform/audit/history.ts';
import { attachmentDisposition, XLSX_TYPE } from '../../platform/export/xlsx.ts';
import { pageParams } from '../../platform/http/paging.ts';
import { requestCtx, write } from '../../platform/http/request-ctx.ts';
import { IdParams, Page, WithdrawBody } from '../../platform/http/types.ts';
import { expectedVersion } from '../../platform/http/versions.ts';
import { dateIn } from '../../platform/time.ts';
import { decideExtension, requestExtension } from './extensions.ts';
import { HP } from './permissions.ts';
import { noticePage } from './print.ts';
import {
  AssessBody,
  ExtensionDecisionBody,
  ExtensionParams,
  ExtensionRequestBody,
  Hazard,
  HazardDetail,
  HazardExportQuery,
  HazardListQuery,
  HazardReport,
  NoticeBody,
  ProgressBody,
  RectifyBody,
  ReopenBody,
  ReporterQuery,
  ReporterRanking,
  SignoffBody,
  VerifyBody,
} from './schema.ts';
import * as service from './service.ts';
import * as workflow from './workflow.ts';

export async function hazardRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['hazards'];
  const read = { permission: HP.read, access: 'unit' } as const;
  // Steps the workflow confines to the people the hazard names (the responsible person: HAZ-04).
  const party = { permission: HP.read, access: 'party' } as const;

  app.get('/api/v1/hazards', { schema: { tags, summary: 'The hazard register (filters, paging)', querystring: HazardListQuery, response: { 200: Page(Hazard) } }, config: read }, async (req) =>
    service.list(requestCtx(req), req.query, pageParams(req.query)),
  );

  app.get('/api/v1/hazards/export.xlsx', { schema: { tags, summary: 'Excel of exactly what the filters select (audited)', querystring: HazardExportQuery }, config: { permission: HP.export, access: 'unit' } }, async (req, reply) => {
    const buf = await write(req, reply, (ctx) => service.exportXlsx(ctx, req.query));
    // The local day by the app clock (not the server's UTC date): the name matches the register's dates.
    const day = dateIn(req.server.anbao.clock.now(), req.server.anbao.config.timeZone);
    return reply.type(XLSX_TYPE).header('content-disposition', attachmentDisposition(`${req.lang === 'en' ? 'hazard-register' : '隐患整改台账'}-${day}.xlsx`)).send(buf);
  });

  app.get('/api/v1/hazards/reporters', { schema: { tags, summary: 'HAZ-07: reporters of confirmed hazards (recognition list)', querystring: ReporterQuery, response: { 200: ReporterRanking } }, config: read }, async (req) =>
    service.reporters(requestCtx(req), req.query),
  );

  app.get('/api/v1/hazards/:id', { schema: { tags, summary: 'One hazard with photos, timeline and extensions', params: IdParams, response: { 200: HazardDetail } }, config: read }, async (req) =>
    service.get(requestCtx(req), req.params.id),
  );

  app.get('/api/v1/hazards/:id/history', { schema: { tags, summary: 'Change history', params: IdParams, response: { 200: Type.Array(HistoryEntry) } }, config: read }, async (req) => {
    const ctx = requestCtx(req);
    await service.visibleHazard(ctx, req.params.id);
    return recordHistory(ctx, 'hazard', req.params.id);
  });

  app.get('/api/v1/hazards/:id/print', { schema: { tags, summary: 'Printable A4 整改通知书 (HTML)', params: IdParams }, config: read }, async (req, reply) => {
    const html = await write(req, reply, (ctx) => noticePage(ctx, req.params.id));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });

  app.post('/api/v1/hazards', { schema: { tags, summary: 'Report a hazard (anyone, from a phone, with photos)', body: HazardReport, response: { 201: HazardDetail } }, config: { permission: HP.report, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => service.reportHazard(ctx, req.body), { status: 201 }),
  );

  // A workflow step: POST /hazards/:id/<step>. The version is optional: without one, the step is
  // checked against the state it read, so of two concurrent steps only one applies (409 for the other).
  const step = <B extends { version?: number }>(name: string, summary: string, body: TSchema, permission: string, fn: (ctx: Ctx, id: string, b: B) => Promise<unknown>, access: 'unit' | 'party' = 'unit') =>
    app.post(`/api/v1/hazards/:id/${name}`, { schema: { tags, summary, params: IdParams, body, response: { 200: HazardDetail } }, config: { permission, access } }, async (req, reply) => {
      const b = req.body as B;
      const version = b.version !== undefined || req.headers['if-match'] ? expectedVersion(req, b.version) : undefined;
      return write(req, reply, (ctx) => fn(ctx, req.params.id, { ...b, version }) as never);
    });

  step('assess', 'Grade it; the grade sets the default deadline (HAZ-02)', AssessBody, HP.assess, workflow.assess);
  step('signoff', "Security head's sign-off of a major hazard (HAZ-06)", SignoffBody, HP.signoff, workflow.signoff);
  step('issue-notice', 'Issue the rectification notice (HAZ-03)', NoticeBody, HP.issue_notice, workflow.issueNotice);
  step<{ note: string; attachmentIds?: string[]; version?: number }>('progress', 'Progress update with evidence (HAZ-04)', ProgressBody, HP.read, workflow.progress, 'party');
  step('submit-rectification', 'Submit what was done, with evidence', RectifyBody, HP.read, workflow.submitRectification, 'party');
  step('verify', 'Verify and close (not by the rectifier or reporter: HAZ-05)', VerifyBody, HP.verify, workflow.verify);
  step('reopen', 'Back to rectifying, with the reason', ReopenBody, HP.verify, workflow.reopen);
  step('withdraw', 'Withdraw (kept, with who and why)', WithdrawBody, HP.withdraw, workflow.withdraw);

  app.post('/api/v1/hazards/:id/extensions', { schema: { tags, summary: 'Ask for a later deadline', params: IdParams, body: ExtensionRequestBody, response: { 201: HazardDetail } }, config: party }, async (req, reply) =>
    write(req, reply, (ctx) => requestExtension(ctx, req.params.id, req.body), { status: 201 }),
  );
  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/api/v1/hazards/:id/extensions/:extensionId/${decision}`,
      { schema: { tags, summary: `${decision === 'approve' ? 'Approve' : 'Reject'} an extension request (security head)`, params: ExtensionParams, body: ExtensionDecisionBody, response: { 200: HazardDetail } }, config: { permission: HP.approve_extension, access: 'unit' } },
      async (req, reply) => write(req, reply, (ctx) => decideExtension(ctx, req.params.id, req.params.extensionId, decision === 'approve', req.body)),
    );
  }
}
