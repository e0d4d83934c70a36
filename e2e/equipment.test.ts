// The equipment check on a phone (EQP-01, EQP-03): guard1 finds the branch's emergency light in the
// register, opens its page (the page its QR label links to), reports a fault with a photo taken on
// the spot, and the page shows the ticket and the equipment as faulty. Register and equipment page
// are axe clean on a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PNG_1X1 } from '../server/test/uploads.ts';
import { checkA11y, pageReady, PHONE, settled, signIn, startE2e, type E2e } from './harness.ts';

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
