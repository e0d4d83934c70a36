// /api/v1/inspection-templates (INS-01) and /api/v1/inspection-plans (INS-02).
import type { FastifyInstance } from 'fastify';
import { type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import { pageParams } from '../../platform/http/paging.ts';
import { requestCtx, write } from '../../platform/http/request-ctx.ts';
import { IdParams, Page, WithdrawBody } from '../../platform/http/types.ts';
import { expectedVersion } from '../../platform/http/versions.ts';
import { IP } from './permissions.ts';
import * as plans from './plans.ts';
import { Plan, PlanCreate, PlanListQuery, PlanPatch, Template, TemplateCreate, TemplateDetail, TemplateListQuery, TemplatePatch } from './schema-setup.ts';
import * as templates from './templates.ts';

export async function inspectionSetupRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const read = { permission: IP.read, access: 'unit' } as const;
  const manage = { permission: IP.manage_templates, access: 'unit' } as const;
  const plan = { permission: IP.plan, access: 'unit' } as const;
  let tags = ['inspection-templates'];

  app.get('/api/v1/inspection-templates', { schema: { tags, summary: 'Current checklist templates in scope', querystring: TemplateListQuery, response: { 200: Page(Template) } }, config: read }, async (req) =>
    templates.list(requestCtx(req), req.query, pageParams(req.query)),
  );
  app.get('/api/v1/inspection-templates/:id', { schema: { tags, summary: 'One template version with its sections and items', params: IdParams, response: { 200: TemplateDetail } }, config: read }, async (req) =>
    templates.get(requestCtx(req), req.params.id),
  );
  app.get('/api/v1/inspection-templates/:id/versions', { schema: { tags, summary: "Every version of the template's family, newest first", params: IdParams, response: { 200: Type.Array(Template) } }, config: read }, async (req) =>
    templates.versions(requestCtx(req), req.params.id),
  );
  app.post('/api/v1/inspection-templates', { schema: { tags, summary: 'Create a template', body: TemplateCreate, response: { 201: TemplateDetail } }, config: manage }, async (req, reply) =>
    write(req, reply, (ctx) => templates.create(ctx, req.body), { status: 201 }),
  );
  app.patch('/api/v1/inspection-templates/:id', { schema: { tags, summary: 'Edit (If-Match: version) — writes a new template version', params: IdParams, body: TemplatePatch, response: { 200: TemplateDetail } }, config: manage }, async (req, reply) => {
    const { version, ...patch } = req.body;
    const v = expectedVersion(req, version);
    return write(req, reply, (ctx) => templates.update(ctx, req.params.id, patch, v));
  });
  app.post('/api/v1/inspection-templates/:id/withdraw', { schema: { tags, summary: 'Retire the template (refused while an active plan uses it)', params: IdParams, body: WithdrawBody, response: { 200: TemplateDetail } }, config: manage }, async (req, reply) =>
    write(req, reply, (ctx) => templates.withdraw(ctx, req.params.id, req.body.reason, req.body.version)),
  );

  tags = ['inspection-plans'];
  app.get('/api/v1/inspection-plans', { schema: { tags, summary: 'Inspection plans in scope', querystring: PlanListQuery, response: { 200: Page(Plan) } }, config: read }, async (req) =>
    plans.list(requestCtx(req), req.query, pageParams(req.query)),
  );
  app.get('/api/v1/inspection-plans/:id', { schema: { tags, summary: 'One plan', params: IdParams, response: { 200: Plan } }, config: read }, async (req) => plans.get(requestCtx(req), req.params.id));
  app.post('/api/v1/inspection-plans', { schema: { tags, summary: 'Create a plan (generates what it owes at once)', body: PlanCreate, response: { 201: Plan } }, config: plan }, async (req, reply) =>
    write(req, reply, (ctx) => plans.create(ctx, req.body), { status: 201 }),
  );
  app.patch('/api/v1/inspection-plans/:id', { schema: { tags, summary: 'Change, pause (active: false) or resume a plan (If-Match: version)', params: IdParams, body: PlanPatch, response: { 200: Plan } }, config: plan }, async (req, reply) => {
    const { version, ...patch } = req.body;
    const v = expectedVersion(req, version);
    return write(req, reply, (ctx) => plans.update(ctx, req.params.id, patch, v));
  });
  app.post('/api/v1/inspection-plans/:id/withdraw', { schema: { tags, summary: 'Withdraw a plan', params: IdParams, body: WithdrawBody, response: { 200: Plan } }, config: plan }, async (req, reply) =>
    write(req, reply, (ctx) => plans.withdraw(ctx, req.params.id, req.body.reason, req.body.version)),
  );
}
