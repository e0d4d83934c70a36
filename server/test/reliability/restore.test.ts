// Restore (issue 4, SEC-04, AUD-01): a data set richer than the demo — hazards in every state with
// photos, an extension request, a submitted inspection whose failed item opened a hazard, the
// notifications all this sent — built through the real server's API, backed up with `anbao backup`,
// restored with `anbao restore` into a fresh embedded folder and (with TEST_DATABASE_URL) a fresh
// PostgreSQL database: the same rows per table, a verifying chain, nothing half written, the records
// in the state and version the API answered, the photos' bytes intact. (cli.test.ts covers the demo-only
// backup, refusals and a tampered chain; backup.test.ts value-level equality in process.)
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { openPglite, openPostgres } from '../../db/client.ts';
import { attachmentBlobs, dashboardCounts, hazards, inspections } from '../../db/schema/index.ts';
import type { Database } from '../../db/client.ts';
import { verifyChain } from '../../platform/audit/verify.ts';
import { addDays, dateIn } from '../../platform/time.ts';
import { TEST_SECRET_KEY } from '../constants.ts';
import { PNG_1X1 } from '../uploads.ts';
import { cli, type DataSet, demoDataSet, dropCreatedDatabases, expect, freshPgDatabase, HttpClient, PG_URL, startChild, tableCounts, tempFolder } from './child-server.ts';
import { halfWritten } from './consistency.ts';

const TZ = 'Asia/Shanghai';
let source: DataSet;
let backupFile: string;
let sourceCounts: Record<string, number>;
let sourceFigures: string[];
/** What the restored server must serve back. */
const kept: { hazards: Array<{ id: string; number: string; status: string; version: number }>; inspection?: { id: string; number: string }; photoId?: string } = { hazards: [] };

after(dropCreatedDatabases);

async function buildDataSet(url: string) {
  const [officer, head, branch1] = await Promise.all(['officer', 'head', 'branch1'].map((u) => HttpClient.login(url, u)));
  const orgs = (await officer.get('/api/v1/orgs?pageSize=100')).body.items as Array<{ id: string; code: string }>;
  const unit = orgs.find((o) => o.code === 'SFX-001')!.id;
  const step = (c: HttpClient, id: string, name: string, body: Record<string, unknown> = {}) => c.post(`/api/v1/hazards/${id}/${name}`, body);
  const report = async (title: string) => {
    const photo = await officer.upload('现场照片.png', PNG_1X1);
    kept.photoId ??= photo;
    return expect(await officer.post('/api/v1/hazards', { title, description: '恢复测试数据', category: 'physical', orgId: unit, attachmentIds: [photo] }), 201, 'report');
  };
  // One hazard per state: reported, assessed, rectifying (with an extension request), rectified,
  // closed, withdrawn.
  const reported = await report('仅上报');
  const assessed = await report('已评估');
  expect(await step(head, assessed.id, 'assess', { grade: 'general' }), 200, 'assess');
  const toRectifying = async (title: string) => {
    const h = await report(title);
    expect(await step(head, h.id, 'assess', { grade: 'significant' }), 200, 'assess');
    expect(await step(officer, h.id, 'issue-notice', { measures: '更换锁具', responsibleUserId: branch1.user!.id }), 200, 'issue-notice');
    return h;
  };
  const rectifying = await toRectifying('整改中');
  expect(await branch1.post(`/api/v1/hazards/${rectifying.id}/extensions`, { requestedDueOn: addDays(dateIn(new Date(), TZ), 40), reason: '配件需从厂家订购' }), 201, 'extension');
  expect(await step(branch1, rectifying.id, 'progress', { note: '已联系厂家', attachmentIds: [await branch1.upload('进度.png', PNG_1X1)] }), 200, 'progress');
  const rectified = await toRectifying('待验证');
  expect(await step(branch1, rectified.id, 'submit-rectification', { note: '已更换', attachmentIds: [await branch1.upload('整改照片.png', PNG_1X1)] }), 200, 'rectify');
  const closed = await toRectifying('已关闭');
  expect(await step(branch1, closed.id, 'submit-rectification', { note: '已更换', attachmentIds: [await branch1.upload('整改照片.png', PNG_1X1)] }), 200, 'rectify');
  expect(await step(head, closed.id, 'verify', { note: '现场复核合格' }), 200, 'verify');
  const withdrawn = await report('重复上报');
  expect(await step(officer, withdrawn.id, 'withdraw', { reason: '与已有隐患重复' }), 200, 'withdraw');

  // An ad-hoc inspection of the business hall: all items passed but one, failed with a photo; signed
  // and submitted, which opens a hazard for the failed item.
  const templates = expect(await officer.get('/api/v1/inspection-templates?kind=business_hall'), 200, 'templates').items as Array<{ id: string; shipped: boolean }>;
  const created = expect(
    await officer.post('/api/v1/inspections', { templateId: templates.find((x) => x.shipped)!.id, orgId: unit, leaderId: officer.user!.id, memberIds: [], dueOn: addDays(dateIn(new Date(), TZ), 7) }),
    201,
    'inspection',
  );
  expect(await officer.post(`/api/v1/inspections/${created.id}/start`, { location: '城关信用社营业大厅' }), 200, 'start');
  const keys = (created.sections as Array<{ items: Array<{ key: string }> }>).flatMap((s) => s.items.map((i) => i.key));
  const failPhoto = await officer.upload('不合格.png', PNG_1X1);
  for (const [i, key] of keys.entries()) {
    const body = i === 0 ? { result: 'fail', note: '报警装置未联网', grade: 'general', attachmentIds: [failPhoto] } : { result: 'pass' };
    expect(await officer.put(`/api/v1/inspections/${created.id}/results/${key}`, body), 200, `result ${key}`);
  }
  expect(await officer.post(`/api/v1/inspections/${created.id}/sign`, { role: 'inspector', method: 'account' }), 200, 'sign');
  const submitted = expect(await officer.post(`/api/v1/inspections/${created.id}/submit`, { summary: '一项不合格' }), 200, 'submit');
  assert.equal(submitted.status, 'submitted');
  kept.inspection = { id: created.id, number: created.number };

  for (const h of [reported, assessed, rectifying, rectified, closed, withdrawn]) {
    const d = expect(await officer.get(`/api/v1/hazards/${h.id}`), 200, 'read back');
    kept.hazards.push({ id: d.id, number: d.number, status: d.status, version: d.version });
  }
  assert.deepEqual(kept.hazards.map((h) => h.status).slice(0, 5), ['reported', 'assessed', 'rectifying', 'rectified', 'closed']);
  const opened = expect(await officer.get(`/api/v1/hazards?pageSize=100`), 200, 'register').items.filter((h: { inspectionId: string | null }) => h.inspectionId === created.id);
  assert.equal(opened.length, 1, 'the failed item opened one hazard');
  // The unit head, who must rectify, got notices of all this.
  const inbox = expect(await branch1.get('/api/v1/notifications?pageSize=200'), 200, 'inbox').items as Array<{ targetId: string }>;
  assert.ok(inbox.some((n) => n.targetId === rectifying.id), 'branch1 was notified of the hazard to rectify');
}

before(async () => {
  // The source is the database this run tests on; the backup goes into both kinds.
  source = await demoDataSet('restore', PG_URL ? 'postgres' : 'pglite');
  const server = await startChild(source.env);
  try {
    await buildDataSet(server.url);
  } finally {
    await server.kill('SIGTERM');
  }
  backupFile = path.join(tempFolder('restore-file'), 'rich.anbao.gz');
  const b = await cli(['backup', backupFile], source.env);
  assert.equal(b.code, 0, b.stderr);
  const db = await source.open();
  try {
    sourceCounts = await tableCounts(db);
    sourceFigures = await dashboardFigures(db);
  } finally {
    await db.close();
  }
  for (const table of ['hazards', 'hazard_updates', 'attachments', 'inspections', 'notifications', 'audit_events']) assert.ok(sourceCounts[table] > 0, `${table} has rows to restore`);
});

/** The dashboard's maintained counters (RPT-02) that are not zero: a restore rebuilds them from the records. */
async function dashboardFigures(db: Database): Promise<string[]> {
  const rows = await db.db.select().from(dashboardCounts);
  return rows.filter((r) => r.n !== 0).map((r) => `${r.orgId} ${r.metric} ${r.bucket} ${r.n}`).sort();
}

async function restoreInto(target: DataSet) {
  const r = await cli(['restore', backupFile], target.env);
  assert.equal(r.code, 0, `restore: ${r.stdout}\n${r.stderr}`);
  // `restore` verifies the chain it restored and says so; the same check (verify-audit's) again on
  // the database as it is now (one process start less: each costs tens of seconds on a busy machine).
  assert.match(r.stdout, /Audit chain intact/);
  const db = await target.open();
  try {
    const chain = await verifyChain(db.db);
    assert.equal(chain.ok, true, JSON.stringify(chain.firstBroken));
    assert.deepEqual(await tableCounts(db), sourceCounts, 'the same rows in every table');
    assert.ok(sourceFigures.length > 0, 'the source has dashboard counters');
    assert.deepEqual(await dashboardFigures(db), sourceFigures, 'the dashboard counters are rebuilt to the same figures');
    assert.deepEqual(await halfWritten(db), [], 'nothing half written');
    // The records as the API answered them before the backup, and a photo's bytes.
    for (const h of kept.hazards) {
      const [d] = await db.db.select({ id: hazards.id, number: hazards.number, status: hazards.status, version: hazards.version }).from(hazards).where(eq(hazards.id, h.id));
      assert.deepEqual({ ...d }, h);
    }
    const [ins] = await db.db.select({ number: inspections.number, status: inspections.status }).from(inspections).where(eq(inspections.id, kept.inspection!.id));
    assert.deepEqual({ ...ins }, { number: kept.inspection!.number, status: 'submitted' });
    const [blob] = await db.db.select({ data: attachmentBlobs.data }).from(attachmentBlobs).where(eq(attachmentBlobs.attachmentId, kept.photoId!));
    assert.equal(createHash('sha256').update(Buffer.from(blob.data)).digest('hex'), createHash('sha256').update(PNG_1X1).digest('hex'));
  } finally {
    await db.close();
  }
}

test('SEC-04, AUD-01: the rich data set restores into a fresh embedded folder — same rows per table, chain verifies, records and photos intact', async () => {
  const dataDir = path.join(tempFolder('restore-pglite'), 'data');
  await restoreInto({ env: { DATA_DIR: dataDir, ANBAO_SECRET_KEY: TEST_SECRET_KEY }, open: () => openPglite({ dataDir: path.join(dataDir, 'pgdata') }) });
});

test('SEC-04, AUD-01: the rich data set restores into a fresh PostgreSQL database — same rows per table, chain verifies, records and photos intact', { skip: !PG_URL && 'needs TEST_DATABASE_URL' }, async () => {
  const url = await freshPgDatabase('restore');
  await restoreInto({ env: { DATA_DIR: path.join(tempFolder('restore-pg'), 'data'), DATABASE_URL: url, ANBAO_SECRET_KEY: TEST_SECRET_KEY }, open: () => openPostgres(url, 2) });
});
