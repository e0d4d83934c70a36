// Notification channels and module settings in the browser (HAZ-04 reminders, RPT-02 page set): the
// system administrator creates a WeCom group-robot channel pointing at a local webhook receiver,
// "send test" reaches it and shows the outcome, the robot's key never comes back to the form, the
// delivery log lists the test, and a hazard deadline is changed in the module settings — a save made
// from a stale read is refused (409) and the page reloads the other's values. Every page axe clean.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { apiOf } from './api-session.ts';
import { checkA11y, DESKTOP, pageReady, signIn, startE2e, waitUntil, type E2e } from './harness.ts';
import { openFromMenu } from './steps.ts';
import { chooseUnit, dialog } from './widgets.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

const COUNTY = '示范县农村信用合作联社';

test('notification channels: sysadmin creates a WeCom robot channel and "send test" reaches the local webhook; delivery log; module settings with 409 on a stale save', async () => {
  const received: Array<{ url: string; body: { msgtype?: string; markdown?: { content?: string } } }> = [];
  const readBody = (req: IncomingMessage) => new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString()));
    req.on('end', () => resolve(s));
  });
  const receiver: Server = createServer(async (req, res) => {
    received.push({ url: req.url ?? '', body: JSON.parse(await readBody(req)) });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cgi-bin/webhook/send?key=e2e-robot-key-7f3a`;
  const NAME = '保卫部值班群';
  try {
    await e2e.scenario('channels, deliveries and module settings (sysadmin)', async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, 'sysadmin');
      await pageReady(page, '首页');
      await openFromMenu(page, '通知渠道');
      await checkA11y(page, 'notification channels');

      await page.getByRole('button', { name: '新建渠道' }).click();
      const form = dialog(page, '新建渠道');
      await chooseUnit(page, form.getByLabel('所属机构'), COUNTY);
      await form.getByLabel('名称').fill(NAME);
      await form.getByLabel('Webhook 地址').fill(hook);
      await checkA11y(page, 'new channel dialog');
      await form.getByRole('button', { name: '保存' }).click();
      await form.waitFor({ state: 'hidden' });
      const row = page.locator('.ant-table-row').filter({ hasText: NAME });
      await row.filter({ hasText: '企业微信群机器人' }).waitFor();

      await page.getByRole('button', { name: `向“${NAME}”发送测试消息` }).click();
      const result = dialog(page, `测试消息已发送：${NAME}`);
      await result.getByText('已发送', { exact: true }).waitFor();
      assert.equal(received.length, 1, 'the robot received exactly one message');
      assert.equal(received[0].url, '/cgi-bin/webhook/send?key=e2e-robot-key-7f3a');
      assert.equal(received[0].body.msgtype, 'markdown');
      assert.match(received[0].body.markdown?.content ?? '', new RegExp(NAME));
      await result.getByRole('button', { name: '关闭' }).click();
      await result.waitFor({ state: 'hidden' });

      // The webhook address holds the robot's key: the edit form never shows it.
      await page.getByRole('button', { name: `编辑“${NAME}”` }).click();
      const edit = dialog(page, `编辑渠道：${NAME}`);
      assert.equal(await edit.getByLabel('Webhook 地址').inputValue(), '');
      await edit.getByText(/已保存：127\.0\.0\.1:\d+…7f3a。留空则保持不变。/).waitFor();
      await edit.getByRole('button', { name: '取消' }).click();
      await edit.waitFor({ state: 'hidden' });

      await openFromMenu(page, '发送记录');
      const delivery = page.locator('.ant-table-row').filter({ hasText: NAME }).first();
      await delivery.filter({ hasText: '已发送' }).waitFor();
      await checkA11y(page, 'delivery log');

      // Module settings: a hazard deadline per grade; a save made from a stale read is refused.
      await openFromMenu(page, '业务参数');
      await checkA11y(page, 'module settings');
      const api = await apiOf(page.request);
      const me = await api.get<{ permissions: Record<string, string[]> }>('/auth/me');
      const root = me.permissions['settings.manage'][0];
      const before = await api.get<{ version: number; effective: { hazards: { generalDays: number; dueSoonDays: number } } }>(`/orgs/${root}/settings`);
      // Someone else saves meanwhile.
      await api.patch(`/orgs/${root}/settings`, { hazards: { dueSoonDays: before.effective.hazards.dueSoonDays + 1 }, version: before.version });
      await page.getByLabel('一般隐患整改期限（天）').fill('20');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByRole('button', { name: '重新加载' }).click();
      await waitUntil('the form to show the other save', () => page.getByLabel('隐患到期前几天提醒（天）').inputValue(), (v) => v === String(before.effective.hazards.dueSoonDays + 1));
      assert.equal(await page.getByLabel('一般隐患整改期限（天）').inputValue(), String(before.effective.hazards.generalDays), 'the refused change was not saved');
      await page.getByLabel('一般隐患整改期限（天）').fill('20');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('业务参数已保存').waitFor();
      const after = await api.get<{ effective: { hazards: { generalDays: number } } }>(`/orgs/${root}/settings`);
      assert.equal(after.effective.hazards.generalDays, 20);
    }, DESKTOP);
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
