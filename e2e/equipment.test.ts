// The equipment check on a phone (EQP-01, EQP-03): guard1 finds the branch's emergency light in the
// register, opens its page (the page its QR label links to), reports a fault with a photo taken on
// the spot, and the page shows the ticket and the equipment as faulty. Register and equipment page
// are axe clean on a phone. Then the officer corrects the card on a desktop (EQP-01): kind and unit stay
// fixed, the status stays faulty while the ticket is open; and pauses a maintenance plan (EQP-02).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PNG_1X1 } from '../server/test/uploads.ts';
import { checkA11y, DESKTOP, pageReady, PHONE, settled, signIn, startE2e, type E2e } from './harness.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

const NAME = '营业厅应急照明灯';

test('EQP-03: guard1 reports a fault with a photo from the equipment’s page on a phone; it turns faulty with a ticket', async () => {
  await e2e.scenario(
    'EQP-03 guard1 reports a fault on a phone',
    async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, 'guard1');
      await page.goto(`/equipment?q=${encodeURIComponent(NAME)}`);
      await pageReady(page, '安防设施台账');
      await checkA11y(page, 'equipment register (phone)');
      await page.getByRole('link', { name: /^SB-\d{4}-\d{6}$/ }).first().click();

      const heading = page.getByRole('heading', { level: 1, name: new RegExp(`^SB-\\d{4}-\\d{6} ${NAME}$`) });
      await heading.waitFor();
      await settled(page);
      await checkA11y(page, 'equipment page (phone)');
      await page.getByLabel('故障情况').fill('应急灯按测试键不亮');
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: '拍照 / 上传照片' }).click();
      await (await chooser).setFiles({ name: 'light.png', mimeType: 'image/png', buffer: PNG_1X1 });
      await page.getByRole('img', { name: '照片 1' }).waitFor();
      await page.getByRole('button', { name: '报告故障' }).click();

      const ticket = page.getByRole('link', { name: /^GZ-\d{4}-\d{6}$/ });
      await ticket.waitFor();
      await settled(page);
      assert.match(await page.getByRole('main').innerText(), /故障情况|应急灯按测试键不亮/);
      await page.getByText('故障', { exact: true }).first().waitFor();
      await checkA11y(page, 'equipment page with its ticket (phone)');
    },
    PHONE,
  );
});

test('EQP-01/EQP-02: the officer corrects the emergency light’s card (kind and unit fixed, the open ticket keeps it faulty) and pauses a maintenance plan', async () => {
  await e2e.scenario(
    'EQP-01 the officer edits an equipment card',
    async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, 'officer');
      await page.goto(`/equipment?q=${encodeURIComponent(NAME)}`);
      await pageReady(page, '安防设施台账');
      await page.getByRole('link', { name: /^SB-\d{4}-\d{6}$/ }).first().click();
      await page.getByRole('heading', { level: 1, name: new RegExp(`^SB-\\d{4}-\\d{6} ${NAME}$`) }).waitFor();
      await settled(page);
      await page.getByRole('button', { name: '修改' }).click();
      await pageReady(page, /^修改设施信息：SB-\d{4}-\d{6}$/);
      await checkA11y(page, 'equipment edit form');
      assert.equal(await page.getByLabel('名称').inputValue(), NAME, 'the form shows the card as stored');
      assert.ok(await page.getByLabel('类别').isDisabled(), 'the kind is fixed at registration');
      await page.getByLabel('型号').fill('LED-2026 应急灯');
      await page.getByLabel('安装位置').fill('营业厅东侧出口上方');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('设施信息已保存').waitFor();
      await page.getByRole('heading', { level: 1, name: new RegExp(`^SB-\\d{4}-\\d{6} ${NAME}$`) }).waitFor();
      const main = await page.getByRole('main').innerText();
      assert.match(main, /LED-2026 应急灯/);
      assert.match(main, /营业厅东侧出口上方/);
      await page.getByText('故障', { exact: true }).first().waitFor();

      // EQP-02: a maintenance plan is paused from its row (no new tasks until it is active again).
      await page.goto('/equipment/plans');
      await pageReady(page, '维护计划');
      const edit = page.getByRole('button', { name: /^修改“.+”$/ }).first();
      const planName = (await edit.getAttribute('aria-label'))!.slice(3, -1);
      await edit.click();
      const form = page.getByRole('dialog', { name: `修改维护计划：${planName}` });
      assert.equal(await form.getByLabel('计划名称').inputValue(), planName);
      await checkA11y(page, 'maintenance plan edit dialog');
      await form.getByRole('switch', { name: '执行' }).click();
      await form.getByRole('button', { name: '确定' }).click();
      await page.getByText('维护计划已保存').waitFor();
      await page.locator('.ant-table-row').filter({ hasText: planName }).filter({ hasText: '已暂停' }).waitFor();
    },
    DESKTOP,
  );
});
