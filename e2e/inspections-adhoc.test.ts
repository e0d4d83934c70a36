// An unannounced ad-hoc inspection in the browser (INS-02, INS-03): the security officer creates a
// one-off unannounced inspection of 东街分社营业大厅 without a plan; until it starts, the branch's head
// cannot see it, in the list or by its address.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkA11y, pageReady, signIn, startE2e, waitUntil, type E2e } from './harness.ts';
import { chooseOption, chooseUnit, dialog } from './widgets.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

test('INS-02/INS-03: an unannounced ad-hoc inspection is created from the list and stays hidden from the inspected branch until it starts', async () => {
  let path = '';
  await e2e.scenario('INS-02 ad-hoc unannounced', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'officer');
    await page.goto('/inspections');
    await pageReady(page, '安全检查');
    await page.getByRole('button', { name: '新建临时检查' }).click();
    const form = dialog(page, '新建临时检查');
    await chooseOption(page, form.getByRole('combobox', { name: '检查模板' }), '营业网点安全检查表 · 营业网点 · 示范县农村信用合作联社');
    await chooseUnit(page, form.getByRole('combobox', { name: '受检单位' }), '东街信用分社');
    await chooseOption(page, form.getByRole('combobox', { name: '受检场所' }), '东街分社营业大厅 · 东街信用分社');
    // The person picker searches the server for what is typed: type the username, pick the match.
    const leader = form.getByRole('combobox', { name: '检查组长' });
    await leader.click();
    await leader.fill('officer');
    await page.locator('.ant-select-dropdown').filter({ visible: true }).locator('.ant-select-item-option[title="杨晓明 (officer) · 安全保卫部"]').click();
    await waitUntil('the leader to be chosen', () => form.innerText(), (text) => text.includes('杨晓明 (officer)'));
    await form.getByRole('checkbox', { name: '暗查（不预先通知）' }).check();
    await checkA11y(page, 'ad-hoc inspection form');
    await form.getByRole('button', { name: '保存' }).click();
    // The record's page is a chunk this session has not loaded yet: allow for a slow machine.
    await page.getByRole('heading', { level: 1, name: /JC.* 东街信用分社/ }).waitFor({ timeout: 60_000 });
    await pageReady(page, /JC.* 东街信用分社/);
    path = new URL(page.url()).pathname;
    await page.getByText('暗查（不预先通知）').first().waitFor();
    await page.getByText('临时检查（无计划）').waitFor();
    await page.getByText('东街分社营业大厅', { exact: true }).waitFor();
    await page.getByRole('button', { name: '开始检查' }).waitFor();
  });

  await e2e.scenario('INS-03 hidden from the branch head', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'branch2');
    await page.goto('/inspections');
    await pageReady(page, '安全检查');
    await page.getByRole('row').filter({ hasText: '东街信用分社' }).first().waitFor();
    assert.equal(await page.getByRole('row').filter({ hasText: '暗查（不预先通知）' }).count(), 0, 'the unannounced inspection is not listed');
    await page.goto(path);
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByRole('button', { name: '开始检查' }).count(), 0);
  });
});
