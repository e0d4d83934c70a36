// Duty on a phone and at the desk (DUT-01 … DUT-03): monitor1, on two shifts now at 西城信用分社, writes an
// urgent log entry from the phone page and hands the shift over with an open item; the security head
// confirms the takeover with his password; the pages are axe clean on the way, and the coverage page
// shows the demo's deliberate gap.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiOf } from './api-session.ts';
import { checkA11y, E2E_PASSWORD, liveShift, pageReady, PHONE, settled, signIn, startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let assignmentId = '';
let handoverUrl = '';
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

const TEXT = '发现可疑车辆在营业厅门口长时间停留';
const ITEM = '营业厅东侧监控镜头被树枝遮挡，待修剪';

test('DUT-01/02/03: the person on duty logs an urgent entry and hands over on a phone; the head confirms with his password', async () => {
  await e2e.scenario('duty set-up: the officer rosters monitor1 on a shift that is on now at SFX-003', async (ctx) => {
    const login = await ctx.request.post('/api/v1/auth/login', { data: { username: 'officer', password: E2E_PASSWORD } });
    assert.ok(login.ok(), `officer signs in: ${login.status()}`);
    const api = await apiOf(ctx.request);
    const orgs = await api.get<{ items: Array<{ id: string; code: string }> }>('/orgs?q=SFX-003&pageSize=50');
    const unit = orgs.items.find((o) => o.code === 'SFX-003')!;
    const users = await api.get<{ items: Array<{ id: string; username: string }> }>('/users?q=monitor1&pageSize=50');
    const monitor = users.items.find((u) => u.username === 'monitor1')!;
    const { dutyDate, startTime, endTime } = liveShift();
    const shift = await api.post<{ id: string }>('/duty-rosters/shifts', { orgId: unit.id, name: '临时值守', startTime, endTime });
    assignmentId = (await api.post<{ id: string }>('/duty-rosters', { shiftId: shift.id, dutyDate, personIds: [monitor.id] })).id;
    // A second shift on at the same time, so the phone page always shows two log forms (DUT-02).
    const extra = await api.post<{ id: string }>('/duty-rosters/shifts', { orgId: unit.id, name: '加岗值守', startTime, endTime });
    await api.post('/duty-rosters', { shiftId: extra.id, dutyDate, personIds: [monitor.id] });
  });

  await e2e.scenario(
    'duty: monitor1 on a phone',
    async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, 'monitor1');
      await page.goto('/duty');
      await pageReady(page, '我的值班');
      // monitor1 is on two shifts now (and on the demo's 安全保卫部 shift at most hours), so the page has
      // a log form per card: each card's labels must reach its own fields (one form name for all had the
      // second card's labels point at the first card's fields).
      const card = page.locator('.duty-card').filter({ hasText: '临时值守' });
      await card.waitFor();
      const forms = page.locator('.duty-card').filter({ has: page.locator('textarea') });
      assert.ok((await forms.count()) >= 2, 'two log forms or more on the page');
      for (const c of await forms.all()) assert.equal(await c.getByLabel('情况记录').count(), 1, 'each card’s label names its own field');
      await checkA11y(page, 'my duty (phone)');
      await card.getByLabel('情况记录').fill(TEXT);
      await card.getByLabel('处置情况').fill('已上前询问登记并报告保卫部');
      await card.getByLabel('紧急情况').check();
      await card.getByRole('button', { name: '记录' }).click();
      await settled(page);
      await card.getByRole('button', { name: '交班' }).click();
      await page.waitForURL(`**/duty/rosters/${assignmentId}*`);
      await page.getByText(TEXT).waitFor();
      await checkA11y(page, 'the shift with its log (phone)');
      await page.getByRole('button', { name: '添加遗留事项' }).click();
      await page.getByLabel('遗留事项', { exact: true }).fill(ITEM);
      await page.getByRole('button', { name: '提交交班' }).click();
      await page.waitForURL('**/duty/handovers/*');
      handoverUrl = new URL(page.url()).pathname;
      await page.getByText('待接班确认').first().waitFor();
      await page.getByText(ITEM).waitFor();
      await checkA11y(page, 'the handover record (phone)');
    },
    PHONE,
  );

  await e2e.scenario('duty: the head confirms the takeover', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'head');
    await page.goto(handoverUrl);
    await page.getByRole('button', { name: '确认接班' }).click();
    const dialog = page.getByRole('dialog').filter({ visible: true });
    await dialog.getByLabel('本人密码').fill(E2E_PASSWORD);
    await checkA11y(page, 'confirmation dialog');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已交接').first().waitFor();
    await page.getByText('陈卫东', { exact: false }).first().waitFor();

    await page.goto('/duty/coverage');
    await pageReady(page, '24 小时值班覆盖');
    // The demo leaves 东街信用分社's night in two days unrostered.
    await page.locator('.ant-card').filter({ hasText: '东街信用分社' }).getByText('无人值班').first().waitFor();
    await checkA11y(page, 'coverage');
    await page.goto('/duty/logs?urgent=true&today=true');
    await pageReady(page, '值班日志');
    await page.getByText(TEXT).waitFor();
    await checkA11y(page, 'duty log register (urgent today)');
  });
});

test('DUT-03: the officer on duty links an open item to an open hazard of the unit, picked by its number', async () => {
  let rosterId = '';
  let hazardNumber = '';
  await e2e.scenario('duty set-up: the officer reports a hazard at SFX-003 and rosters himself', async (ctx) => {
    const login = await ctx.request.post('/api/v1/auth/login', { data: { username: 'officer', password: E2E_PASSWORD } });
    assert.ok(login.ok(), `officer signs in: ${login.status()}`);
    const api = await apiOf(ctx.request);
    const unit = (await api.get<{ items: Array<{ id: string; code: string }> }>('/orgs?q=SFX-003&pageSize=50')).items.find((o) => o.code === 'SFX-003')!;
    const me = (await api.get<{ user: { id: string } }>('/auth/me')).user;
    hazardNumber = (await api.post<{ number: string }>('/hazards', { title: '营业厅东侧监控镜头被遮挡', category: 'physical', orgId: unit.id })).number;
    const { dutyDate, startTime, endTime } = liveShift();
    const shift = await api.post<{ id: string }>('/duty-rosters/shifts', { orgId: unit.id, name: '保卫值守', startTime, endTime });
    rosterId = (await api.post<{ id: string }>('/duty-rosters', { shiftId: shift.id, dutyDate, personIds: [me.id] })).id;
  });

  await e2e.scenario('duty: the officer hands over with a linked hazard', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'officer');
    await page.goto(`/duty/rosters/${rosterId}`);
    await page.getByRole('button', { name: '添加遗留事项' }).click();
    await page.getByLabel('遗留事项', { exact: true }).fill('镜头遮挡待修剪树枝');
    const picker = page.getByLabel('关联隐患（可选）');
    await picker.click();
    await picker.fill(hazardNumber);
    await page.getByRole('option', { name: new RegExp(`^${hazardNumber} 营业厅东侧监控镜头被遮挡`) }).click();
    await checkA11y(page, 'handover form with a linked hazard');
    await page.getByRole('button', { name: '提交交班' }).click();
    await page.waitForURL('**/duty/handovers/*');
    await page.getByRole('link', { name: '查看关联隐患' }).click();
    await pageReady(page, new RegExp(`^${hazardNumber} 营业厅东侧监控镜头被遮挡`));
  });
});
