// Reporting a hazard in the browser (HAZ-07): staff1 reports one with a photo taken on a phone-sized
// screen and finds it in the register filtered by status; the report form, the hazard's page and the
// register are axe clean on a phone. The desktop side (filters in the address bar, grading) is in
// hazards-register.test.ts (a file of its own: each file has one server and five minutes).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PNG_1X1 } from '../server/test/uploads.ts';
import { checkA11y, pageReady, PHONE, settled, signIn, startE2e, type E2e } from './harness.ts';
import { chooseOption } from './widgets.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

const TITLE = '营业厅消防通道堆放纸箱';

/** The hazard's entry in the register (a table row on a desktop, a card on a phone). */
const entry = (page: Page) => page.locator('.ant-table-row, .hazard-card').filter({ hasText: TITLE });

test('HAZ-07: staff1 reports a hazard with a photo from a phone; it shows in the register filtered by status', async () => {
  await e2e.scenario(
    'HAZ-07 staff1 reports on a phone',
    async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, 'staff1');
      await page.goto('/hazards');
      await pageReady(page, '隐患整改台账');
      await page.getByRole('button', { name: '上报隐患' }).click();
      await pageReady(page, '上报隐患');
      await checkA11y(page, 'report form (phone)');

      await page.getByLabel('隐患标题').fill(TITLE);
      await chooseOption(page, page.getByLabel('隐患类别'), '消防安全');
      // The photo button opens the camera on a phone (a file chooser here), as a person would use it.
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: '拍照 / 上传照片' }).click();
      const files = await chooser;
      assert.equal(await files.element().getAttribute('capture'), 'environment', 'the main photo button asks for the rear camera');
      await files.setFiles({ name: 'exit.png', mimeType: 'image/png', buffer: PNG_1X1 });
      await page.getByRole('img', { name: '照片 1' }).waitFor();
      await page.getByText('已添加 1 / 20 张').waitFor();
      await page.getByLabel('具体位置').fill('一楼营业厅东侧');
      // The unit defaults to the reporter's own branch.
      assert.match(await page.locator('.ant-form-item').filter({ hasText: '责任单位' }).innerText(), /城关信用社/);
      await page.getByRole('button', { name: '提交上报' }).click();

      const heading = page.getByRole('heading', { level: 1, name: new RegExp(`^YH-\\d{4}-\\d{6} ${TITLE}$`) });
      await heading.waitFor();
      await settled(page);
      const hazardNumber = (await heading.innerText()).split(' ')[0];
      await page.getByText('待定级', { exact: true }).first().waitFor();
      await page.getByRole('img', { name: '现场照片 1' }).waitFor();
      // A reporter may not grade it: only the steps the server allows are offered.
      assert.equal(await page.getByRole('button', { name: '定级' }).count(), 0, 'staff1 has no grade button');
      await checkA11y(page, 'hazard detail (phone, reporter)');

      await page.goto('/hazards?status=reported');
      await pageReady(page, '隐患整改台账');
      await entry(page).waitFor();
      assert.match(await entry(page).innerText(), new RegExp(hazardNumber));
      await checkA11y(page, 'register filtered by status (phone)');
    },
    PHONE,
  );
});
