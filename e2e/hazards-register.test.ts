// The hazard register on a desktop (HAZ-01, HAZ-02): the security head narrows the register with
// filters that live in the address bar under the API's names (and survive a reload), opens a hazard
// staff1 reported and grades it (the grade's default deadline shown first; a major grade refused
// without interim measures); a dashboard-style link with repeated statuses opens that list; the
// register, the hazard's page and the report form are axe clean on a desktop.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { checkA11y, DESKTOP, pageReady, settled, signIn, signOut, startE2e, waitUntil, type E2e } from './harness.ts';
import { dialog } from './widgets.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

const TITLE = '营业厅消防通道堆放纸箱';
let hazardNumber = '';

/** Picks one entry of a multiple Select (its list stays open for more; Escape closes it). */
async function chooseMany(page: Page, combobox: Locator, label: string): Promise<void> {
  await combobox.click();
  await page.locator('.ant-select-dropdown').filter({ visible: true }).locator(`.ant-select-item-option[title="${label}"]`).click();
  await page.keyboard.press('Escape');
  await waitUntil(`the field to show "${label}"`, async () => (await combobox.locator('xpath=ancestor::*[contains(@class, "ant-select ")][1]').innerText()).includes(label));
}

/** The hazard's row in the register. */
const entry = (page: Page) => page.locator('.ant-table-row').filter({ hasText: TITLE });

/** staff1 reports the hazard through the API in the signed-in browser (the UI path is in hazards.test.ts). */
async function reportAsStaff1(page: Page): Promise<void> {
  await signIn(page, 'staff1');
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string; user: { orgId: string; name: string } };
  const r = await page.request.post('/api/v1/hazards', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { title: TITLE, category: 'fire', orgId: me.user.orgId, location: '一楼营业厅东侧' },
  });
  assert.equal(r.status(), 201, await r.text());
  hazardNumber = ((await r.json()) as { number: string }).number;
  await signOut(page, me.user.name);
}

test('HAZ-01/HAZ-02: the head filters the register (filters in the address bar survive a reload) and grades the hazard', async () => {
  await e2e.scenario(
    'HAZ-02 head grades it',
    async (ctx) => {
      const page = await ctx.newPage();
      await reportAsStaff1(page);
      await signIn(page, 'head');
      await page.goto('/hazards');
      await pageReady(page, '隐患整改台账');
      await chooseMany(page, page.getByRole('combobox', { name: '状态', exact: true }), '待定级');
      await page.getByLabel('关键字').fill('消防通道');
      await page.getByRole('button', { name: '查询' }).click();
      await waitUntil('the filters in the address bar', async () => new URL(page.url()).searchParams.toString(), (s) => s.includes('status=reported') && s.includes('q='));
      await entry(page).waitFor();

      await page.reload();
      await pageReady(page, '隐患整改台账');
      const url = new URL(page.url());
      assert.deepEqual(url.searchParams.getAll('status'), ['reported'], 'status survives the reload');
      assert.equal(url.searchParams.get('q'), '消防通道');
      assert.equal(await page.getByLabel('关键字').inputValue(), '消防通道', 'the filter bar shows the filters in force');
      await entry(page).waitFor();
      await checkA11y(page, 'register with filters (desktop)');

      await page.getByRole('link', { name: hazardNumber }).click();
      await pageReady(page, `${hazardNumber} ${TITLE}`);
      await page.getByRole('button', { name: '定级' }).click();
      const form = dialog(page, '定级');
      await form.locator('label').filter({ hasText: /^一般$/ }).click();
      // HAZ-02: the grade's default deadline is shown before it is set.
      await form.getByText(/不选日期则按等级默认期限：\d{4}/).waitFor();
      await form.locator('label').filter({ hasText: /^重大$/ }).click();
      await form.getByRole('button', { name: '确定' }).click();
      // A major hazard needs interim measures (checked before sending; the server checks it too).
      await form.getByText('重大隐患须填写临时防范措施').first().waitFor();
      await form.locator('label').filter({ hasText: /^一般$/ }).click();
      await form.getByRole('button', { name: '确定' }).click();
      await form.waitFor({ state: 'hidden' });
      await page.locator('.page-header').getByText('已定级', { exact: true }).waitFor();
      await page.locator('.page-header').getByText('一般', { exact: true }).waitFor();
      await settled(page);
      assert.equal(await page.getByRole('button', { name: '定级' }).count(), 1, 'a graded hazard may be re-graded before the notice');
      await page.getByRole('button', { name: '下达整改通知' }).waitFor();
      await checkA11y(page, 'hazard detail after grading (desktop)');

      // A dashboard link names several statuses by repeating the parameter: the graded hazard is among them.
      await page.goto('/hazards?status=assessed&status=rectifying');
      await pageReady(page, '隐患整改台账');
      assert.match(await entry(page).innerText(), /已定级/);

      await page.goto('/hazards/new');
      await pageReady(page, '上报隐患');
      await checkA11y(page, 'report form (desktop)');
    },
    DESKTOP,
  );
});
