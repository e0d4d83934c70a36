// The demo's visitors, machine-room entries and keys (VIS-01 … VIS-04): appointments today at the county
// office and 城关信用社, one walk-in inside now, one person on the blocklist, machine-room and vault
// entries of the past week (one with a third-party engineer supervised by the IT administrator and
// approved by the security head), and key sets of the vault and the machine room with their holders.
import { eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { keySets, orgs, roomEntries, sites, users, visitorBlocklist, visitors } from '../db/schema/index.ts';
import { audit } from '../platform/audit/writer.ts';
import { type AppContext, inSystemTx } from '../platform/context.ts';
import { allocateDocNumber } from '../platform/numbering.ts';
import { dateIn, startOfDayIn } from '../platform/time.ts';

export async function seedDemoVisitors(app: AppContext): Promise<void> {
  await inSystemTx(app, async (ctx) => {
    const tz = ctx.app.config.timeZone;
    const now = ctx.now;
    const [county] = await ctx.tx.select().from(orgs).where(eq(orgs.code, 'SFX'));
    const unit = async (code: string) => (await ctx.tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, code)))[0].id;
    const people = new Map((await ctx.tx.select({ id: users.id, username: users.username }).from(users)).map((u) => [u.username, u.id]));
    const who = (u: string) => people.get(u)!;
    const siteRows = await ctx.tx.select({ id: sites.id, name: sites.name, orgId: sites.orgId }).from(sites).where(inArray(sites.name, ['县联社金库', '中心机房', '城关信用社网点机房', '城关信用社营业大厅']));
    const site = (name: string) => siteRows.find((s) => s.name === name)!;
    const today = startOfDayIn(dateIn(now, tz), tz).getTime();
    const at = (h: number, m = 0, daysAgo = 0) => new Date(today - daysAgo * 86_400_000 + (h * 60 + m) * 60_000);
    const doc = (v: string) => ({ documentNumberEnc: ctx.app.keys.encrypt(v), documentNumberHash: ctx.app.keys.lookupHash(v) });
    const b1 = await unit('SFX-001');
    const officeUnit = await unit('SFX-BGS');

    const visits = [
      { orgId: officeUnit, kind: 'appointment' as const, name: '刘洋', company: '示范县人民银行', documentType: 'resident_id' as const, doc: '110101198001011234', purpose: '反假货币工作检查', host: 'leader', siteIds: [], escort: null, expectedAt: at(10), status: 'appointed' as const },
      { orgId: b1, kind: 'appointment' as const, name: '王磊', company: '示范县公安局城关派出所', documentType: 'resident_id' as const, doc: '110101198505052345', purpose: '网点安防联合检查', host: 'branch1', siteIds: [site('城关信用社营业大厅').id], escort: null, expectedAt: at(15), status: 'appointed' as const },
      { orgId: b1, kind: 'walk_in' as const, name: '陈明', company: '恒安押运公司', documentType: 'resident_id' as const, doc: '110101199003033456', purpose: '核对押运交接单据', host: 'staff1', siteIds: [site('城关信用社营业大厅').id], escort: null, expectedAt: null, status: 'inside' as const },
    ];
    for (const v of visits) {
      const id = randomUUID();
      const number = await allocateDocNumber(ctx.tx, county.id, 'FK', now, tz);
      const inside = v.status === 'inside';
      await ctx.tx.insert(visitors).values({
        id, orgId: v.orgId, numberingOrgId: county.id, number, kind: v.kind, name: v.name, company: v.company, documentType: v.documentType, ...doc(v.doc), purpose: v.purpose,
        hostId: who(v.host), siteIds: v.siteIds, escortId: v.escort, status: v.status, expectedAt: v.expectedAt,
        checkedInAt: inside ? new Date(now.getTime() - 30 * 60_000) : null, checkedInBy: inside ? who('guard1') : null,
        createdAt: now, createdBy: inside ? who('guard1') : who(v.host), updatedAt: now, updatedBy: inside ? who('guard1') : who(v.host),
      });
      await audit(ctx, { action: 'visitors.register', targetType: 'visitor', targetId: id, targetLabel: `${number} ${v.name}`, orgId: v.orgId, detail: { demo: true, kind: v.kind, status: v.status } });
    }

    const blockId = randomUUID();
    await ctx.tx.insert(visitorBlocklist).values({ id: blockId, orgId: county.id, cooperativeId: county.id, name: '赵某', documentType: 'resident_id', ...doc('110101197707077777'), reason: '2025年曾冒充维修人员试图进入金库，已报警处理', createdAt: now, createdBy: who('head'), updatedAt: now, updatedBy: who('head') });
    await audit(ctx, { action: 'visitor_blocklist.add', targetType: 'visitor_blocklist', targetId: blockId, targetLabel: '赵某', orgId: county.id, detail: { demo: true } });

    const room = site('中心机房');
    const vault = site('县联社金库');
    const entries = [
      { site: room, staff: ['it1', 'it2'], third: [], supervisor: null, purpose: '核心交换机例行巡检', work: '检查交换机、服务器运行状态及空调温湿度，记录正常', day: 6, by: 'it1', approver: null },
      { site: room, staff: ['it1'], third: [{ name: '李工', company: '华信网络技术有限公司' }], supervisor: 'it1', purpose: '更换存储阵列故障硬盘', work: '更换 2 号存储阵列故障硬盘一块，阵列重建完成', day: 3, by: 'officer', approver: 'head' },
      { site: vault, staff: ['officer', 'officer2'], third: [], supervisor: null, purpose: '金库季度安全检查', work: '检查门禁、报警、监控设备，均正常', day: 1, by: 'officer', approver: 'head' },
    ];
    for (const e of entries) {
      const id = randomUUID();
      const number = await allocateDocNumber(ctx.tx, county.id, 'JF', now, tz);
      const approvalRequired = !!e.approver;
      await ctx.tx.insert(roomEntries).values({
        id, orgId: e.site.orgId, numberingOrgId: county.id, number, siteId: e.site.id, staffIds: e.staff.map(who), thirdParties: e.third, supervisorId: e.supervisor ? who(e.supervisor) : null,
        purpose: e.purpose, workDone: e.work, status: 'left', approvalRequired, approvedBy: e.approver ? who(e.approver) : null, approvedAt: e.approver ? at(9, 0, e.day) : null,
        enteredAt: at(9, 30, e.day), exitedAt: at(11, 0, e.day), createdAt: at(9, 0, e.day), createdBy: who(e.by), updatedAt: at(11, 0, e.day), updatedBy: who(e.by),
      });
      await audit(ctx, { action: 'room_entries.create', targetType: 'room_entry', targetId: id, targetLabel: `${number} ${e.site.name}`, orgId: e.site.orgId, detail: { demo: true } });
    }

    const sets = [
      { site: vault, description: '金库大门钥匙（双人分管）', copies: 2, holders: ['head', 'officer'] },
      { site: room, description: '中心机房门钥匙', copies: 2, holders: ['it1', 'it2'] },
      { site: site('城关信用社网点机房'), description: '网点机房钥匙', copies: 1, holders: ['branch1'] },
    ];
    for (const k of sets) {
      const id = randomUUID();
      await ctx.tx.insert(keySets).values({ id, orgId: k.site.orgId, siteId: k.site.id, description: k.description, copies: k.copies, holderIds: k.holders.map(who), status: 'normal', createdAt: now, createdBy: who('officer'), updatedAt: now, updatedBy: who('officer') });
      await audit(ctx, { action: 'keys.create', targetType: 'key_set', targetId: id, targetLabel: k.description, orgId: k.site.orgId, detail: { demo: true } });
    }
  });
}
