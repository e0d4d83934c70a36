// The demo's security equipment (EQP-01 … EQP-04): cameras, alarms, access control, extinguishers,
// UPS… in the county vault, the machine rooms and the branches; a few open fault tickets (one
// waiting for verification); one extinguisher about to expire; the four maintenance plans of the
// regulation (daily checks, quarterly fire-equipment inspection, UPS charge/discharge test, machine-
// room air-conditioning readings) with their current tasks and one overdue check.
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { equipment, equipmentFaults, maintenancePlans, maintenanceTasks, orgs, sites, users } from '../db/schema/index.ts';
import type { EquipmentKind, EquipmentStatus, MaintenanceRecurrence, MaintenanceType } from '../db/schema/equipment.ts';
import { audit } from '../platform/audit/writer.ts';
import { type AppContext, inSystemTx } from '../platform/context.ts';
import { allocateDocNumber } from '../platform/numbering.ts';
import { numberingOrgId } from '../platform/numbering-org.ts';
import { addDays, dateIn } from '../platform/time.ts';
import { generatePlanTasks } from '../modules/equipment/sweeps.ts';

type Item = { unit: string; site?: string; kind: EquipmentKind; name: string; model: string; location?: string; installed: number; expires?: number; key?: string };

// `installed` / `expires`: days from today.
const ITEMS: Item[] = [
  { unit: 'SFX', site: '县联社金库', kind: 'camera', name: '金库通道半球摄像机', model: 'DS-2CD3345', location: '金库通道', installed: -900 },
  { unit: 'SFX', site: '县联社金库', kind: 'camera', name: '金库门枪式摄像机', model: 'DS-2CD2T47', location: '金库门正对', installed: -900 },
  { unit: 'SFX', site: '县联社金库', kind: 'intrusion_alarm', name: '金库入侵报警主机', model: 'DS-19A08', installed: -1200, key: 'vaultAlarm' },
  { unit: 'SFX', site: '县联社金库', kind: 'access_control', name: '金库门禁控制器', model: 'DS-K2604', installed: -700 },
  { unit: 'SFX', site: '县联社金库', kind: 'fire_extinguisher', name: '金库二氧化碳灭火器', model: 'MT5', installed: -300, expires: 400 },
  { unit: 'SFX-KJB', site: '中心机房', kind: 'ups', name: '中心机房 UPS 主机', model: 'SANTAK C10KS', installed: -800, expires: 200 },
  { unit: 'SFX-KJB', site: '中心机房', kind: 'fire_extinguisher', name: '中心机房七氟丙烷灭火器', model: 'QMQ4.2', installed: -700, expires: 12, key: 'expiring' },
  { unit: 'SFX-KJB', site: '中心机房', kind: 'communication', name: '中心机房核心交换机', model: 'S5735', installed: -500 },
  { unit: 'SFX-KJB', site: '中心机房', kind: 'access_control', name: '中心机房门禁', model: 'DS-K1T671', installed: -500 },
  { unit: 'SFX-BWB', site: '安防监控中心', kind: 'communication', name: '监控中心报警联网终端', model: 'BJ-110', installed: -600 },
  { unit: 'SFX-001', site: '城关信用社营业大厅', kind: 'camera', name: '营业大厅全景摄像机', model: 'DS-2CD3T86', installed: -400, key: 'b1Camera' },
  { unit: 'SFX-001', site: '城关信用社营业大厅', kind: 'camera', name: '柜台摄像机 1 号', model: 'DS-2CD3345', installed: -400 },
  { unit: 'SFX-001', site: '城关信用社营业大厅', kind: 'intrusion_alarm', name: '营业厅紧急报警按钮', model: 'DS-PDEB1', installed: -400 },
  { unit: 'SFX-001', site: '城关信用社营业大厅', kind: 'bulletproof_glass', name: '柜台防弹玻璃', model: 'FD-32', installed: -1500 },
  { unit: 'SFX-001', site: '城关信用社营业大厅', kind: 'fire_extinguisher', name: '营业厅干粉灭火器', model: 'MFZ/ABC4', installed: -200, expires: 165 },
  { unit: 'SFX-001', site: '城关信用社营业大厅', kind: 'emergency_light', name: '营业厅应急照明灯', model: 'M-ZFZD-E3W', installed: -300 },
  { unit: 'SFX-001', site: '城关信用社自助银行 ATM', kind: 'camera', name: 'ATM 针孔摄像机', model: 'DS-2CD6425', installed: -350 },
  { unit: 'SFX-001', site: '城关信用社网点机房', kind: 'ups', name: '网点机房 UPS', model: 'SANTAK C3K', installed: -600, expires: 90 },
  { unit: 'SFX-002', site: '东街分社营业大厅', kind: 'camera', name: '东街营业厅摄像机', model: 'DS-2CD3345', installed: -500 },
  { unit: 'SFX-002', site: '东街分社营业大厅', kind: 'bulletproof_glass', name: '东街柜台防弹玻璃', model: 'FD-32', installed: -1500 },
  { unit: 'SFX-002', site: '东街分社营业大厅', kind: 'fire_extinguisher', name: '东街营业厅灭火器', model: 'MFZ/ABC4', installed: -250, expires: 110 },
  { unit: 'SFX-002', site: '东街分社 ATM', kind: 'camera', name: '东街 ATM 摄像机', model: 'DS-2CD6425', installed: -450, key: 'b2Atm' },
  { unit: 'SFX-002', kind: 'electronic_fence', name: '东街后院电子围栏', model: 'DW-4', location: '后院围墙', installed: -800 },
  { unit: 'SFX-003', site: '西城分社营业大厅', kind: 'camera', name: '西城营业厅摄像机', model: 'DS-2CD3345', installed: -300 },
  { unit: 'SFX-003', site: '西城分社营业大厅', kind: 'fire_alarm', name: '西城烟感报警器', model: 'JTY-GD', installed: -300 },
  { unit: 'SFX-004', site: '南关信用社营业大厅', kind: 'camera', name: '南关营业厅摄像机', model: 'DS-2CD3345', installed: -300 },
  { unit: 'SFX-004', site: '南关信用社营业大厅', kind: 'access_control', name: '南关营业室门禁', model: 'DS-K2602', installed: -300 },
];

const PLANS: Array<{ name: string; type: MaintenanceType; kinds: EquipmentKind[]; siteKind?: 'machine_room'; recurrence: MaintenanceRecurrence; assignee: string; remind: number }> = [
  { name: '安防设施日常检查', type: 'daily_check', kinds: ['camera', 'intrusion_alarm', 'access_control', 'bulletproof_glass', 'electronic_fence'], recurrence: 'daily', assignee: 'officer', remind: 0 },
  { name: '消防设施季度检测', type: 'quarterly_inspection', kinds: ['fire_extinguisher', 'fire_alarm', 'emergency_light'], recurrence: 'quarterly', assignee: 'officer2', remind: 7 },
  { name: 'UPS 充放电试验', type: 'ups_test', kinds: ['ups'], recurrence: 'half_yearly', assignee: 'it1', remind: 14 },
  { name: '机房空调温湿度记录', type: 'aircon_reading', kinds: [], siteKind: 'machine_room', recurrence: 'daily', assignee: 'it1', remind: 0 },
];

export async function seedDemoEquipment(app: AppContext): Promise<void> {
  await inSystemTx(app, async (ctx) => {
    const tz = ctx.app.config.timeZone;
    const today = dateIn(ctx.now, tz);
    const unitRows = await ctx.tx.select({ id: orgs.id, code: orgs.code, path: orgs.path }).from(orgs);
    const unit = new Map(unitRows.map((u) => [u.code, u]));
    const siteId = new Map((await ctx.tx.select({ id: sites.id, name: sites.name }).from(sites)).map((s) => [s.name, s.id]));
    const person = new Map((await ctx.tx.select({ id: users.id, username: users.username }).from(users)).map((u) => [u.username, u.id]));
    const numbering = await numberingOrgId(ctx.tx, unit.get('SFX')!.path);
    const ids = new Map<string, { id: string; orgId: string; number: string; name: string }>();
    for (const it of ITEMS) {
      const id = randomUUID();
      const orgId = unit.get(it.unit)!.id;
      const number = await allocateDocNumber(ctx.tx, numbering, 'SB', ctx.now, tz);
      await ctx.tx.insert(equipment).values({
        id,
        orgId,
        numberingOrgId: numbering,
        number,
        kind: it.kind,
        name: it.name,
        siteId: it.site ? siteId.get(it.site)! : null,
        location: it.location ?? null,
        model: it.model,
        serialNo: `SN${number.slice(-6)}`,
        installedOn: addDays(today, it.installed),
        expiresOn: it.expires === undefined ? null : addDays(today, it.expires),
        status: 'in_service',
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await audit(ctx, { action: 'equipment.create', targetType: 'equipment', targetId: id, targetLabel: `${number} ${it.name}`, orgId, detail: { demo: true, kind: it.kind } });
      if (it.key) ids.set(it.key, { id, orgId, number, name: it.name });
    }

    // Open fault tickets; the equipment status follows them (EQP-03).
    const faults: Array<{ key: string; description: string; status: 'reported' | 'assigned' | 'fixed'; outOfService?: boolean; reporter: string; assignee?: string; fixNote?: string }> = [
      { key: 'b1Camera', description: '营业大厅全景摄像机画面模糊，夜间无红外补光', status: 'reported', reporter: 'guard1' },
      { key: 'b2Atm', description: 'ATM 摄像机无图像，录像机报视频丢失', status: 'assigned', outOfService: true, reporter: 'guard2', assignee: 'it1' },
      { key: 'vaultAlarm', description: '金库报警主机 3 防区误报', status: 'fixed', reporter: 'monitor1', assignee: 'officer2', fixNote: '更换 3 防区红外探测器，测试正常' },
    ];
    for (const f of faults) {
      const e = ids.get(f.key)!;
      const id = randomUUID();
      const number = await allocateDocNumber(ctx.tx, numbering, 'GZ', ctx.now, tz);
      const at = new Date(ctx.now.getTime() - 86_400_000);
      await ctx.tx.insert(equipmentFaults).values({
        id,
        orgId: e.orgId,
        numberingOrgId: numbering,
        number,
        equipmentId: e.id,
        description: f.description,
        outOfService: f.outOfService ?? false,
        source: f.reporter === 'guard1' ? 'patrol' : 'report',
        status: f.status,
        reportedBy: person.get(f.reporter)!,
        reportedAt: at,
        assigneeId: f.assignee ? person.get(f.assignee)! : null,
        assignedBy: f.assignee ? person.get('officer')! : null,
        assignedAt: f.assignee ? at : null,
        fixedBy: f.status === 'fixed' ? person.get(f.assignee!)! : null,
        fixedAt: f.status === 'fixed' ? ctx.now : null,
        fixNote: f.fixNote ?? null,
        createdAt: at,
        createdBy: person.get(f.reporter)!,
        updatedAt: ctx.now,
      });
      const status: EquipmentStatus = f.outOfService ? 'out_of_service' : 'faulty';
      await ctx.tx.update(equipment).set({ status, version: 2 }).where(eq(equipment.id, e.id));
      await audit(ctx, { action: 'equipment_faults.report', targetType: 'equipment_fault', targetId: id, targetLabel: `${number} ${e.number} ${e.name}`, orgId: e.orgId, detail: { demo: true, status: f.status } });
    }

    // The plans and their current tasks; one of yesterday's daily checks was missed (overdue).
    const county = unit.get('SFX')!;
    for (const p of PLANS) {
      const id = randomUUID();
      await ctx.tx.insert(maintenancePlans).values({
        id,
        orgId: county.id,
        name: p.name,
        type: p.type,
        kinds: p.kinds,
        siteKind: p.siteKind ?? null,
        recurrence: p.recurrence,
        assigneeId: person.get(p.assignee)!,
        remindDaysBefore: p.remind,
        startsOn: `${today.slice(0, 8)}01`,
        active: true,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await audit(ctx, { action: 'maintenance_plans.create', targetType: 'maintenance_plan', targetId: id, targetLabel: p.name, orgId: county.id, detail: { demo: true, type: p.type } });
      await generatePlanTasks(ctx, id);
      if (p.type === 'daily_check') {
        const yesterday = addDays(today, -1);
        const e = ids.get('b1Camera')!;
        await ctx.tx.insert(maintenanceTasks).values({ id: randomUUID(), planId: id, equipmentId: e.id, orgId: e.orgId, type: p.type, periodKey: yesterday, dueOn: yesterday, assigneeId: person.get(p.assignee)!, status: 'due', createdAt: ctx.now, updatedAt: ctx.now });
      }
    }
  });
}
