// /api/v1/duty-rosters, /api/v1/duty-logs, /api/v1/handovers — duty and handover (DUT-01 … DUT-03).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import { HistoryEntry, recordHistory } from '../../platform/audit/history.ts';
import { attachmentDisposition, XLSX_TYPE } from '../../platform/export/xlsx.ts';
import { pageParams } from '../../platform/http/paging.ts';
import { requestCtx, write } from '../../platform/http/request-ctx.ts';
import { IdParams, Page, WithdrawBody } from '../../platform/http/types.ts';
import { expectedVersion } from '../../platform/http/versions.ts';
import { dateIn } from '../../platform/time.ts';
import { visibleAssignment, visibleShift } from './common.ts';
import { checkConfirmation, closeOpenItem, confirmHandover, getHandover, listHandovers, submitHandover } from './handovers.ts';
import { addLog, editLog, getLog, listLogs } from './logs.ts';
import { DP } from './permissions.ts';
import { handoverPage, shiftLogPage } from './print.ts';
import { coverage, handoversXlsx, logsXlsx, rosterXlsx } from './registers.ts';
import { createAssignment, getAssignment, listAssignments, myDuty, updateAssignment, withdrawAssignment } from './roster.ts';
import {
  Assignment,
  AssignmentBody,
  AssignmentDetail,
  AssignmentPatch,
  CloseItemBody,
  ConfirmBody,
  Coverage,
  CoverageQuery,
  DutyLog,
  Handover,
  HandoverBody,
  HandoverDetail,
  HandoverExportQuery,
  HandoverListQuery,
  ItemParams,
  LogBody,
  LogExportQuery,
  LogListQuery,
  LogPatch,
  MyDuty,
  RosterExportQuery,
  RosterListQuery,
  Shift,
  ShiftBody,
  ShiftList,
  ShiftPatch,
  ShiftQuery,
  SwapBody,
  SwapDecisionBody,
  SwapParams,
} from './schema.ts';
import { createShift, listShifts, presentShift, updateShift, withdrawShift } from './shifts.ts';
import { decideSwap, requestSwap } from './swaps.ts';

const versionOf = (req: FastifyRequest, b: { version?: number }) => (b.version !== undefined || req.headers['if-match'] ? expectedVersion(req, b.version) : undefined);

function xlsx(req: FastifyRequest, reply: FastifyReply, buf: Buffer, zh: string, en: string) {
  const day = dateIn(req.server.anbao.clock.now(), req.server.anbao.config.timeZone);
  return reply.type(XLSX_TYPE).header('content-disposition', attachmentDisposition(`${req.lang === 'en' ? en : zh}-${day}.xlsx`)).send(buf);
}
const html = (reply: FastifyReply, page: string) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);

export async function dutyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const read = { permission: DP.read, access: 'unit' } as const;
  const manage = { permission: DP.manage, access: 'unit' } as const;
  // Steps that belong to the person on duty (the service refuses others with 403).
  const party = { permission: DP.log, access: 'party' } as const;
  const exp = { permission: DP.export, access: 'unit' } as const;

  // Shifts (班次)
  let tags = ['duty-rosters'];
  app.get('/api/v1/duty-rosters/shifts', { schema: { tags, summary: "Shift definitions of the units (DUT-01)", querystring: ShiftQuery, response: { 200: ShiftList } }, config: read }, async (req) => listShifts(requestCtx(req), req.query));
  app.post('/api/v1/duty-rosters/shifts', { schema: { tags, summary: 'Define a shift (may cross midnight)', body: ShiftBody, response: { 201: Shift } }, config: manage }, async (req, reply) =>
    write(req, reply, (ctx) => createShift(ctx, req.body), { status: 201 }),
  );
  app.patch('/api/v1/duty-rosters/shifts/:id', { schema: { tags, summary: 'Change a shift (applies to assignments rostered afterwards)', params: IdParams, body: ShiftPatch, response: { 200: Shift } }, config: manage }, async (req, reply) =>
    write(req, reply, (ctx) => updateShift(ctx, req.params.id, { ...req.body, version: versionOf(req, req.body) })),
  );
  app.post('/api/v1/duty-rosters/shifts/:id/withdraw', { schema: { tags, summary: 'Withdraw a shift (kept, with who and why)', params: IdParams, body: WithdrawBody, response: { 200: Shift } }, config: manage }, async (req, reply) =>
    write(req, reply, (ctx) => withdrawShift(ctx, req.params.id, { ...req.body, version: versionOf(req, req.body) })),
  );
  app.get('/api/v1/duty-rosters/shifts/:id', { schema: { tags, summary: 'One shift', params: IdParams, response: { 200: Shift } }, config: read }, async (req) => {
    const ctx = requestCtx(req);
    const s = await visibleShift(ctx, req.params.id);
    return presentShift(ctx, s, s.orgName, s.orgPath);
  });
  app.get('/api/v1/duty-rosters/shifts/:id/history', { schema: { tags, summary: 'Change history of a shift', params: IdParams, response: { 200: Type.Array(HistoryEntry) } }, config: read }, async (req) => {
    const ctx = requestCtx(req);
    await visibleShift(ctx, req.params.id);
    return recordHistory(ctx, 'duty_shift', req.params.id);
  });

  // The roster (值班表)
  app.get('/api/v1/duty-rosters', { schema: { tags, summary: 'The roster register (filters incl. missingHandover, paging)', querystring: RosterListQuery, response: { 200: Page(Assignment) } }, config: read }, async (req) =>
    listAssignments(requestCtx(req), req.query, pageParams(req.query)),
  );
  app.get('/api/v1/duty-rosters/export.xlsx', { schema: { tags, summary: 'Excel of the roster register (audited)', querystring: RosterExportQuery }, config: exp }, async (req, reply) =>
    xlsx(req, reply, await write(req, reply, (ctx) => rosterXlsx(ctx, req.query)), '值班表', 'duty-roster'),
  );
  app.get('/api/v1/duty-rosters/coverage', { schema: { tags, summary: 'DUT-01: periods of each day covered by nobody, per rostered unit', querystring: CoverageQuery, response: { 200: Coverage } }, config: read }, async (req) =>
    coverage(requestCtx(req), req.query),
  );
  app.get('/api/v1/duty-rosters/mine', { schema: { tags, summary: 'My shifts: now, the next 7 days, the last ones', response: { 200: MyDuty } }, config: { access: 'self' } }, async (req) => myDuty(requestCtx(req)));
  app.post('/api/v1/duty-rosters', { schema: { tags, summary: 'Roster a shift on a date (people on duty, leader on duty)', body: AssignmentBody, response: { 201: AssignmentDetail } }, config: manage }, async (req, reply) =>
    write(req, reply, (ctx) => createAssignment(ctx, req.body), { status: 201 }),
  );
  app.get('/api/v1/duty-rosters/:id', { schema: { tags, summary: 'One assignment with swaps and the open items to carry over', params: IdParams, response: { 200: AssignmentDetail } }, config: read }, async (req) => getAssignment(requestCtx(req), req.params.id));
  app.get('/api/v1/duty-rosters/:id/history', { schema: { tags, summary: 'Change history of an assignment (swaps included)', params: IdParams, response: { 200: Type.Array(HistoryEntry) } }, config: read }, async (req) => {
    const ctx = requestCtx(req);
    await visibleAssignment(ctx, req.params.id);
    return recordHistory(ctx, 'duty_assignment', req.params.id);
  });
  app.get('/api/v1/duty-rosters/:id/print', { schema: { tags, summary: 'Printable A4 duty log of the shift (HTML)', params: IdParams }, config: read }, async (req, reply) => html(reply, await write(req, reply, (ctx) => shiftLogPage(ctx, req.params.id))));
  app.patch('/api/v1/duty-rosters/:id', { schema: { tags, summary: 'Change the people or the leader before the shift starts', params: IdParams, body: AssignmentPatch, response: { 200: AssignmentDetail } }, config: manage }, async (req, reply) =>
    write(req, reply, (ctx) => updateAssignment(ctx, req.params.id, { ...req.body, version: versionOf(req, req.body) })),
  );
  app.post('/api/v1/duty-rosters/:id/withdraw', { schema: { tags, summary: 'Withdraw an assignment before it starts', params: IdParams, body: WithdrawBody, response: { 200: AssignmentDetail } }, config: manage }, async (req, reply) =>
    write(req, reply, (ctx) => withdrawAssignment(ctx, req.params.id, { ...req.body, version: versionOf(req, req.body) })),
  );
  app.post('/api/v1/duty-rosters/:id/swaps', { schema: { tags, summary: 'Ask to swap my place on the shift with another person', params: IdParams, body: SwapBody, response: { 201: AssignmentDetail } }, config: party }, async (req, reply) =>
    write(req, reply, (ctx) => requestSwap(ctx, req.params.id, req.body), { status: 201 }),
  );
  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/api/v1/duty-rosters/:id/swaps/:swapId/${decision}`,
      { schema: { tags, summary: `${decision === 'approve' ? 'Approve (moves the assignment)' : 'Reject'} a swap — not by its requester or counterpart`, params: SwapParams, body: SwapDecisionBody, response: { 200: AssignmentDetail } }, config: { permission: DP.approve_swap, access: 'unit' } },
      async (req, reply) => write(req, reply, (ctx) => decideSwap(ctx, req.params.id, req.params.swapId, decision === 'approve', { ...req.body, version: versionOf(req, req.body) })),
    );
  }

  // The duty log (值班日志)
  tags = ['duty-logs'];
  app.get('/api/v1/duty-logs', { schema: { tags, summary: 'The duty log register (filters, paging)', querystring: LogListQuery, response: { 200: Page(DutyLog) } }, config: read }, async (req) => listLogs(requestCtx(req), req.query, pageParams(req.query)));
  app.get('/api/v1/duty-logs/export.xlsx', { schema: { tags, summary: 'Excel of the duty log (audited)', querystring: LogExportQuery }, config: exp }, async (req, reply) =>
    xlsx(req, reply, await write(req, reply, (ctx) => logsXlsx(ctx, req.query)), '值班日志', 'duty-log'),
  );
  app.get('/api/v1/duty-logs/:id', { schema: { tags, summary: 'One entry', params: IdParams, response: { 200: DutyLog } }, config: read }, async (req) => getLog(requestCtx(req), req.params.id));
  app.post('/api/v1/duty-logs', { schema: { tags, summary: 'Add an entry (the person on duty); urgent notifies the security heads at once', body: LogBody, response: { 201: DutyLog } }, config: party }, async (req, reply) =>
    write(req, reply, (ctx) => addLog(ctx, req.body), { status: 201 }),
  );
  app.patch('/api/v1/duty-logs/:id', { schema: { tags, summary: 'Edit my entry while the shift is not handed over', params: IdParams, body: LogPatch, response: { 200: DutyLog } }, config: party }, async (req, reply) =>
    write(req, reply, (ctx) => editLog(ctx, req.params.id, { ...req.body, version: versionOf(req, req.body) })),
  );

  // Handovers (交接班)
  tags = ['handovers'];
  app.get('/api/v1/handovers', { schema: { tags, summary: 'The handover register (filters, paging)', querystring: HandoverListQuery, response: { 200: Page(Handover) } }, config: read }, async (req) => listHandovers(requestCtx(req), req.query, pageParams(req.query)));
  app.get('/api/v1/handovers/export.xlsx', { schema: { tags, summary: 'Excel of the handover register (audited)', querystring: HandoverExportQuery }, config: exp }, async (req, reply) =>
    xlsx(req, reply, await write(req, reply, (ctx) => handoversXlsx(ctx, req.query)), '交接班登记簿', 'handovers'),
  );
  app.post('/api/v1/handovers', { schema: { tags, summary: 'Hand over my shift with its open items (open items of earlier handovers carry over)', body: HandoverBody, response: { 201: HandoverDetail } }, config: party }, async (req, reply) =>
    write(req, reply, (ctx) => submitHandover(ctx, req.body), { status: 201 }),
  );
  app.get('/api/v1/handovers/:id', { schema: { tags, summary: 'One handover with its items and the carried-over ones', params: IdParams, response: { 200: HandoverDetail } }, config: read }, async (req) => getHandover(requestCtx(req), req.params.id));
  app.get('/api/v1/handovers/:id/history', { schema: { tags, summary: 'Change history', params: IdParams, response: { 200: Type.Array(HistoryEntry) } }, config: read }, async (req) => {
    const ctx = requestCtx(req);
    await getHandover(ctx, req.params.id);
    return recordHistory(ctx, 'duty_handover', req.params.id);
  });
  app.get('/api/v1/handovers/:id/print', { schema: { tags, summary: 'Printable A4 handover record (HTML)', params: IdParams }, config: read }, async (req, reply) => html(reply, await write(req, reply, (ctx) => handoverPage(ctx, req.params.id))));
  app.post('/api/v1/handovers/:id/confirm', { schema: { tags, summary: 'The incoming officer (not the outgoing one) confirms with their password', params: IdParams, body: ConfirmBody, response: { 200: HandoverDetail } }, config: { permission: DP.log, access: 'unit' } }, async (req, reply) => {
    // Its own transaction: a wrong password's failure count and audit entry stay after the refusal.
    const after: Array<() => void> = [];
    const outcome = await req.server.anbao.db.transaction((tx) => checkConfirmation(requestCtx(req, tx, after), req.params.id, req.body.password));
    for (const f of after) f();
    if (outcome.refusal) throw outcome.refusal;
    return write(req, reply, (ctx) => confirmHandover(ctx, req.params.id, { version: versionOf(req, req.body) }));
  });
  app.post('/api/v1/handovers/:id/items/:itemId/close', { schema: { tags, summary: 'Close an open item (who and when recorded); it stops carrying over', params: ItemParams, body: CloseItemBody, response: { 200: HandoverDetail } }, config: { permission: DP.log, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => closeOpenItem(ctx, req.params.id, req.params.itemId, req.body)),
  );
}
