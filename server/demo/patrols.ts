// The demo's patrols and daily records (PAT-01 … PAT-04): a patrol route per branch with 4–6
// checkpoints (scheduled at 12:00 and 21:00), the past week of patrols (a few with a missed or late
// checkpoint, one never started), one anomaly, the monitoring room's shifts, events and an archive,
// and the branches' opening and closing checks (one missed, one with a failed item). Written in bulk
// with one audit entry per record group, so the seed stays fast.
import { and, eq, inArray } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import { monitoringLogs, openingChecks, orgs, patrolAnomalies, patrolCheckpoints, patrolRoutes, patrols, patrolScans, sites, users } from '../db/schema/index.ts';
import { audit } from '../platform/audit/writer.ts';
import { type AppContext, inSystemTx } from '../platform/context.ts';
import { addDays, dateIn, startOfDayIn } from '../platform/time.ts';
import { CHECKLISTS } from '../modules/patrols/checklist.ts';
import { evaluatePatrol } from '../modules/patrols/evaluate.ts';

const MIN = 60_000;
const BRANCHES: Array<{ code: string; guard: string; first: string; second: string }> = [
  { code: 'SFX-001', guard: 'guard1', first: 'staff1', second: 'staff2' },
  { code: 'SFX-002', guard: 'guard2', first: 'staff3', second: 'staff9' },
  { code: 'SFX-003', guard: 'patrol1', first: 'staff4', second: 'branch3' },
  { code: 'SFX-004', guard: 'patrol1', first: 'staff5', second: 'branch4' },
  { code: 'SFX-005', guard: 'patrol1', first: 'staff6', second: 'branch5' },
  { code: 'SFX-006', guard: 'patrol1', first: 'staff7', second: 'branch6' },
];
const PLACES = ['金库门', '后门', '窗户及防护栏', '配电间'];
const SETTINGS = { minSecondsBetweenCheckpoints: 30, repeatScanCount: 3, repeatScanMinutes: 10 };

export async function seedDemoPatrols(app: AppContext): Promise<void> {
  await inSystemTx(app, async (ctx) => {
    const tz = ctx.app.config.timeZone;
    const today = dateIn(ctx.now, tz);
    const people = new Map((await ctx.tx.select({ id: users.id, username: users.username }).from(users)).map((u) => [u.username, u.id]));
    const units = await ctx.tx.select().from(orgs).where(inArray(orgs.code, [...BRANCHES.map((b) => b.code), 'SFX-BWB']));
    const unit = (code: string) => units.find((u) => u.code === code)!;
    const routeRows: Array<typeof patrolRoutes.$inferInsert> = [];
    const cpRows: Array<typeof patrolCheckpoints.$inferInsert> = [];
    const patrolRows: Array<typeof patrols.$inferInsert> = [];
    const scanRows: Array<typeof patrolScans.$inferInsert> = [];
    const checkRows: Array<typeof openingChecks.$inferInsert> = [];

    for (const [bi, b] of BRANCHES.entries()) {
      const u = unit(b.code);
      const unitSites = await ctx.tx.select().from(sites).where(and(eq(sites.orgId, u.id), inArray(sites.kind, ['atm', 'machine_room'])));
      const routeId = randomUUID();
      routeRows.push({ id: routeId, orgId: u.id, name: `${u.name}营业场所巡逻`, description: '营业结束后及午间对重点部位逐点巡查', scheduleTimes: ['12:00', '21:00'], scheduleDays: [1, 2, 3, 4, 5, 6, 7], createdAt: ctx.now, updatedAt: ctx.now });
      const cps = [
        ...PLACES.slice(0, 2).map((name) => ({ name, siteId: null as string | null })),
        ...unitSites.map((s) => ({ name: s.name, siteId: s.id as string | null })),
        ...PLACES.slice(2, 2 + (bi % 3)).map((name) => ({ name, siteId: null as string | null })),
      ].slice(0, 6);
      while (cps.length < 4) cps.push({ name: ['营业厅', '停车场'][cps.length - 2] ?? '围墙', siteId: null });
      const ids = cps.map((c, i) => {
        const id = randomUUID();
        cpRows.push({ id, routeId, orgId: u.id, seq: i + 1, name: c.name, siteId: c.siteId, windowMinutes: 10 * (i + 1), token: randomBytes(16).toString('base64url'), createdAt: ctx.now });
        return id;
      });
      const refs = cps.map((c, i) => ({ id: ids[i], seq: i + 1, name: c.name, windowMinutes: 10 * (i + 1) }));
      const guardId = people.get(b.guard)!;

      for (let d = 7; d >= 1; d--) {
        const day = addDays(today, -d);
        const start = startOfDayIn(day, tz);
        for (const hhmm of ['12:00', '21:00']) {
          const at = new Date(start.getTime() + (Number(hhmm.slice(0, 2)) * 60) * MIN);
          const id = randomUUID();
          const base = { id, orgId: u.id, routeId, scheduledAt: at, startDeadline: new Date(at.getTime() + 15 * MIN), day, checkpointIds: ids, createdAt: at, updatedAt: at };
          if (bi === 2 && d === 3 && hhmm === '21:00') {
            patrolRows.push({ ...base, status: 'scheduled' });
            continue;
          }
          const startedAt = new Date(at.getTime() + 3 * MIN);
          const skip = (bi === 0 && d === 2 && hhmm === '21:00') || (bi === 1 && d === 4 && hhmm === '12:00') ? ids.length - 1 : -1;
          const slow = bi === 3 && d === 5 && hhmm === '21:00';
          const scans = ids.flatMap((cp, i) => (i === skip ? [] : [{ checkpointId: cp, scannedAt: new Date(startedAt.getTime() + (i + 1) * (slow ? 12 : 4) * MIN) }]));
          for (const s of scans) scanRows.push({ id: randomUUID(), patrolId: id, orgId: u.id, checkpointId: s.checkpointId, scannedAt: s.scannedAt, scannedBy: guardId, lat: null, lng: null, accuracy: null });
          const finishedAt = new Date(scans[scans.length - 1].scannedAt.getTime() + 2 * MIN);
          const ev = evaluatePatrol(refs, scans, startedAt, SETTINGS, { finished: true, now: finishedAt });
          patrolRows.push({ ...base, status: 'completed', guardId, startedAt, finishedAt, result: ev, missedCount: ev.missed, lateCount: ev.late, flagCount: ev.flags.length, createdBy: guardId, updatedBy: guardId, note: skip >= 0 ? '最后一个巡查点因临时处置客户纠纷未到' : null });
        }
        for (const kind of ['opening', 'closing'] as const) {
          const at = new Date(start.getTime() + (kind === 'opening' ? 8 * 60 + 20 : 17 * 60 + 40) * MIN);
          if (bi === 3 && d === 2 && kind === 'closing') {
            checkRows.push({ id: randomUUID(), orgId: u.id, day, kind, status: 'missed', missed: true, items: [], createdAt: at, updatedAt: at });
            continue;
          }
          const failed = bi === 0 && d === 1 && kind === 'opening' ? 'cctv' : null;
          const items = CHECKLISTS[kind].map((i) => ({ key: i.key, ok: i.key !== failed, note: i.key === failed ? '3 号摄像机画面模糊，已报信息科技部' : null }));
          checkRows.push({ id: randomUUID(), orgId: u.id, day, kind, status: 'done', missed: false, items, firstBy: people.get(b.first)!, firstAt: at, secondBy: people.get(b.second)!, secondAt: new Date(at.getTime() + 3 * MIN), createdAt: at, updatedAt: at, createdBy: people.get(b.first)!, updatedBy: people.get(b.second)! });
        }
      }
    }
    await ctx.tx.insert(patrolRoutes).values(routeRows);
    await ctx.tx.insert(patrolCheckpoints).values(cpRows);
    await ctx.tx.insert(patrols).values(patrolRows);
    await ctx.tx.insert(patrolScans).values(scanRows);
    await ctx.tx.insert(openingChecks).values(checkRows);
    for (const r of routeRows) await audit(ctx, { action: 'patrol_routes.create', targetType: 'patrol_route', targetId: r.id, targetLabel: r.name, orgId: r.orgId, detail: { demo: true, checkpoints: cpRows.filter((c) => c.routeId === r.id).length } });

    // One anomaly on SFX-001's last midday patrol.
    const last = patrolRows.find((p) => p.orgId === unit('SFX-001').id && p.day === addDays(today, -1) && p.status === 'completed')!;
    await ctx.tx.insert(patrolAnomalies).values({ id: randomUUID(), patrolId: last.id!, orgId: last.orgId, checkpointId: last.checkpointIds![1], note: '后门闭门器损坏，门无法自动关闭', reportedBy: people.get('guard1')!, reportedAt: last.finishedAt! });

    // The monitoring room: shifts of the last three days, events seen on camera, one archive.
    const bwb = unit('SFX-BWB');
    const [room] = await ctx.tx.select().from(sites).where(and(eq(sites.orgId, bwb.id), eq(sites.kind, 'monitoring_room')));
    const monitor = people.get('monitor1')!;
    const logRows: Array<typeof monitoringLogs.$inferInsert> = [];
    const entry = (x: Partial<typeof monitoringLogs.$inferInsert> & Pick<typeof monitoringLogs.$inferInsert, 'kind' | 'fromAt'>) =>
      logRows.push({ id: randomUUID(), orgId: bwb.id, siteId: room?.id ?? null, personId: monitor, createdAt: ctx.now, updatedAt: ctx.now, createdBy: monitor, updatedBy: monitor, ...x });
    for (let d = 3; d >= 1; d--) {
      const start = startOfDayIn(addDays(today, -d), tz);
      entry({ kind: 'shift', fromAt: new Date(start.getTime() + 8 * 60 * MIN), toAt: new Date(start.getTime() + 20 * 60 * MIN) });
    }
    const daysAgo = (n: number, hour: number) => new Date(startOfDayIn(addDays(today, -n), tz).getTime() + hour * 60 * MIN);
    entry({ kind: 'event', fromAt: daysAgo(2, 14), toAt: daysAgo(2, 14.25), camera: '城关信用社 ATM 2 号', description: '一男子在 ATM 前长时间逗留并遮挡摄像头', actionTaken: '电话通知城关信用社保安到场查看，人员已离开', retentionEndsAt: new Date(daysAgo(2, 14.25).getTime() + 90 * 86_400_000) });
    entry({ kind: 'event', fromAt: daysAgo(30, 22), toAt: daysAgo(30, 22.5), camera: '东街分社后门', description: '夜间有车辆在后门停留约 30 分钟', actionTaken: '通知巡逻队核查，系送货车辆', retentionEndsAt: new Date(daysAgo(30, 22.5).getTime() + 90 * 86_400_000) });
    entry({ kind: 'archive', fromAt: daysAgo(30, 21), toAt: daysAgo(30, 23), medium: 'hard_disk', storageRef: '监控中心档案柜 A-3 硬盘 2026-07', description: '东街分社后门车辆停留录像' });
    entry({ kind: 'event', fromAt: daysAgo(95, 10), toAt: daysAgo(95, 10.2), camera: '西城分社营业厅 1 号', description: '客户与柜员争执', actionTaken: '网点主任现场处置', retentionEndsAt: new Date(daysAgo(95, 10.2).getTime() + 90 * 86_400_000) });
    await ctx.tx.insert(monitoringLogs).values(logRows);
    await audit(ctx, { action: 'patrols.demo', targetType: 'patrols', targetLabel: 'demo', detail: { demo: true, routes: routeRows.length, checkpoints: cpRows.length, patrols: patrolRows.length, scans: scanRows.length, openingChecks: checkRows.length, monitoringLogs: logRows.length } });
  });
}
