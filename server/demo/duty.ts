// Demo duty (DUT-01 … DUT-03): shifts and a roster for the security department and branches SFX-001 /
// SFX-002 from Monday of the current week to a week ahead — with one deliberate gap ahead (SFX-002's
// night in two days is not rostered, so the coverage page and the dashboard show it) — a week of duty
// logs (one urgent), and confirmed handovers of every ended shift, one with an open item that carries
// over. Bulk inserts, one audit entry per unit and kind: the seed builds every test's template.
import { eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { dutyAssignments, dutyHandoverItems, dutyHandovers, dutyLogs, dutyShifts, orgs, users } from '../db/schema/index.ts';
import { audit } from '../platform/audit/writer.ts';
import { type AppContext, inSystemTx } from '../platform/context.ts';
import { addDays, dateIn } from '../platform/time.ts';
import { shiftWindow } from '../modules/duty/coverage.ts';

interface Plan {
  code: string;
  shifts: Array<{ name: string; start: string; end: string; people: string[][]; leader?: string }>;
}

const PLANS: Plan[] = [
  {
    code: 'SFX-BWB',
    shifts: [
      { name: '白班', start: '08:00', end: '20:00', people: [['officer2', 'monitor1'], ['officer', 'monitor1']], leader: 'head' },
      { name: '夜班', start: '20:00', end: '08:00', people: [['patrol1'], ['monitor1', 'patrol1']] },
    ],
  },
  {
    code: 'SFX-001',
    shifts: [
      { name: '日间值班', start: '08:30', end: '17:30', people: [['staff1'], ['staff2']], leader: 'branch1' },
      { name: '夜间值守', start: '17:30', end: '08:30', people: [['guard1']] },
    ],
  },
  {
    code: 'SFX-002',
    shifts: [
      { name: '日间值班', start: '08:30', end: '17:30', people: [['staff3']], leader: 'branch2' },
      { name: '夜间值守', start: '17:30', end: '08:30', people: [['guard2']] },
    ],
  },
];

const NOTES = [
  ['交接班后巡查营业厅及自助银行区域，门窗、锁具完好', '无异常'],
  ['监控系统运行正常，录像回放抽查无异常', '无需处置'],
  ['营业结束后检查金库门、报警装置布防', '已布防'],
  ['夜间巡查外围，发现后门照明灯不亮', '已报综合办公室维修'],
];

export async function seedDemoDuty(app: AppContext): Promise<void> {
  await inSystemTx(app, async (ctx) => {
    const tz = ctx.app.config.timeZone;
    const today = dateIn(ctx.now, tz);
    const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
    const first = addDays(today, -weekday);
    const last = addDays(today, 7);
    const usernames = [...new Set(PLANS.flatMap((p) => p.shifts.flatMap((s) => [...s.people.flat(), s.leader ?? ''])).filter(Boolean))];
    const ids = new Map((await ctx.tx.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, usernames))).map((u) => [u.username, u.id]));
    const gapDay = addDays(today, 2);
    for (const plan of PLANS) {
      const [unit] = await ctx.tx.select().from(orgs).where(eq(orgs.code, plan.code));
      const assignments: Array<typeof dutyAssignments.$inferInsert> = [];
      for (const s of plan.shifts) {
        const shiftId = randomUUID();
        await ctx.tx.insert(dutyShifts).values({ id: shiftId, orgId: unit.id, name: s.name, startTime: s.start, endTime: s.end, createdAt: ctx.now, updatedAt: ctx.now });
        for (let d = first, i = 0; d <= last; d = addDays(d, 1), i++) {
          // The deliberate gap: SFX-002's night in two days is not rostered.
          if (plan.code === 'SFX-002' && s.start === '17:30' && d === gapDay) continue;
          const people = s.people[i % s.people.length].map((u) => ids.get(u)!);
          assignments.push({ id: randomUUID(), orgId: unit.id, shiftId, dutyDate: d, ...shiftWindow(d, s.start, s.end, tz), people, leaderId: s.leader ? ids.get(s.leader)! : null, createdAt: ctx.now, updatedAt: ctx.now });
        }
      }
      assignments.sort((a, b) => a.startsAt!.getTime() - b.startsAt!.getTime());
      await ctx.tx.insert(dutyAssignments).values(assignments);
      const ended = assignments.filter((a) => a.endsAt!.getTime() <= ctx.now.getTime());
      const logs: Array<typeof dutyLogs.$inferInsert> = [];
      const handovers: Array<typeof dutyHandovers.$inferInsert> = [];
      let openItem: string | null = null;
      const items: Array<typeof dutyHandoverItems.$inferInsert> = [];
      for (const [i, a] of ended.entries()) {
        const by = a.people![0];
        const [happened, action] = NOTES[i % NOTES.length];
        const at = new Date(a.startsAt!.getTime() + 2 * 3_600_000);
        logs.push({ id: randomUUID(), orgId: unit.id, assignmentId: a.id!, occurredAt: at, happened, actionTaken: action, urgent: false, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by });
        if (plan.code === 'SFX-001' && i === Math.max(0, ended.length - 5)) {
          const t2 = new Date(a.startsAt!.getTime() + 5 * 3_600_000);
          logs.push({ id: randomUUID(), orgId: unit.id, assignmentId: a.id!, occurredAt: t2, happened: '自助银行区域有可疑人员长时间逗留，多次查看 ATM 插卡口', actionTaken: '已上前询问并报告保卫部，调取监控留存', urgent: true, createdAt: t2, createdBy: by, updatedAt: t2, updatedBy: by });
        }
        const next = assignments[assignments.indexOf(a) + 1];
        const incoming = next?.people?.find((p) => p !== by) ?? next?.leaderId ?? ids.get('head')!;
        const hid = randomUUID();
        const handedAt = a.endsAt!;
        const confirmedAt = new Date(handedAt.getTime() + 10 * 60_000);
        handovers.push({ id: hid, orgId: unit.id, assignmentId: a.id!, outgoingBy: by, submittedAt: handedAt, note: '本班情况正常', status: 'confirmed', incomingBy: incoming === by ? ids.get('head')! : incoming, confirmedAt, confirmMethod: 'password', carriedItemIds: openItem ? [openItem] : [], createdAt: handedAt, createdBy: by, updatedAt: confirmedAt, updatedBy: incoming });
        // One open item (遗留事项), raised three handovers ago in SFX-001, still carried over.
        if (plan.code === 'SFX-001' && i === Math.max(0, ended.length - 3)) {
          openItem = randomUUID();
          items.push({ id: openItem, orgId: unit.id, handoverId: hid, text: '自助银行防护舱门锁损坏，已报修，厂家预计明日到场', createdAt: handedAt, createdBy: by });
        }
      }
      if (logs.length) await ctx.tx.insert(dutyLogs).values(logs);
      if (handovers.length) await ctx.tx.insert(dutyHandovers).values(handovers);
      if (items.length) await ctx.tx.insert(dutyHandoverItems).values(items);
      await audit(ctx, { action: 'duty.roster', targetType: 'org', targetId: unit.id, targetLabel: unit.name, orgId: unit.id, detail: { demo: true, shifts: plan.shifts.length, assignments: assignments.length, logs: logs.length, handovers: handovers.length, from: first, to: last } });
    }
  });
}
