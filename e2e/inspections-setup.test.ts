// Setting up inspections in the browser (INS-01, INS-02): the security officer reads the shipped
// checklist templates (items with standard, method, category, default grade; version history),
// creates a new version of a template by editing it, and opens the demo's monthly plan and its form.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkA11y, pageReady, signIn, startE2e, type E2e } from './harness.ts';
import { dialog } from './widgets.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

const menu = (page: import('playwright-core').Page, name: string) => page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name, exact: true });

test('INS-01/INS-02: a template shows its items, editing it makes version 2 and keeps version 1 in the history; the monthly plan and its form', async () => {
  await e2e.scenario('INS-01 INS-02 templates and plans', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'officer');
    await menu(page, '检查模板').click();
    await pageReady(page, '检查模板');
    await checkA11y(page, 'template list');
    await page.getByRole('link', { name: '营业网点安全检查表' }).first().click();
    await pageReady(page, '营业网点安全检查表');
    await page.getByRole('cell', { name: '监控录像连续、可回放' }).waitFor();
    assert.ok((await page.getByRole('cell', { name: '技术检测' }).count()) > 0, 'the method of each item shows');
    assert.ok((await page.getByRole('cell', { name: '资料审核' }).count()) > 0);
    await checkA11y(page, 'template detail');

    await page.getByRole('button', { name: '编辑（生成新版本）' }).click();
    const form = dialog(page, /编辑模板/);
    await form.getByText('保存后生成第 2 版').waitFor();
    await form.getByLabel('模板名称').fill('营业网点安全检查表（2026 修订）');
    await form.getByRole('button', { name: '保存' }).click();
    await pageReady(page, '营业网点安全检查表（2026 修订）');
    const versions = page.getByRole('region', { name: '版本记录' });
    await versions.getByRole('cell', { name: '第 2 版' }).waitFor();
    await versions.getByRole('link', { name: '第 1 版' }).click();
    // Exact: the unanchored name also matches version 2's heading, which is still showing.
    await pageReady(page, /^营业网点安全检查表$/);
    await page.getByText('旧版本').first().waitFor();
    assert.equal(await page.getByRole('button', { name: '编辑（生成新版本）' }).count(), 0, 'an old version cannot be edited');

    // INS-02: the demo's monthly plan over the six branches, and its form.
    await menu(page, '检查计划').click();
    await pageReady(page, '检查计划');
    await checkA11y(page, 'plan list');
    await page.getByRole('link', { name: '每月网点全面安全检查' }).click();
    await pageReady(page, '每月网点全面安全检查');
    await page.getByText('每月', { exact: true }).waitFor();
    await page.getByText('城关信用社、东街信用分社').waitFor();
    await checkA11y(page, 'plan detail');
    await page.getByRole('button', { name: '编辑' }).click();
    await dialog(page, /编辑计划/).getByLabel('计划名称').waitFor();
    assert.equal(await dialog(page, /编辑计划/).getByLabel('计划名称').inputValue(), '每月网点全面安全检查');
    await checkA11y(page, 'plan form');
  });
});
