// Steps several scenarios take in the app, done through the UI by role and label.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { checkA11y, pageReady, waitUntil } from './harness.ts';
import { chooseOption, chooseUnit, dialog } from './widgets.ts';

/** Opens an area from the side menu (主菜单), as a person would, and waits for its page. */
export async function openFromMenu(page: Page, area: string): Promise<void> {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: area, exact: true }).click();
  await pageReady(page, area);
}

export interface NewPerson {
  username: string;
  name: string;
  unit: string;
  post?: string;
}

/**
 * 人员 → 新建人员 with a generated one-time password; returns the password shown once. Ends on the
 * new person's page. With `a11yLabel`, axe checks the one-time password dialog.
 */
export async function createPerson(page: Page, p: NewPerson, a11yLabel?: string): Promise<string> {
  await openFromMenu(page, '人员');
  await page.getByRole('button', { name: '新建人员' }).click();
  const form = dialog(page, '新建人员');
  await chooseUnit(page, form.getByLabel('所属机构'), p.unit);
  await form.getByLabel('用户名').fill(p.username);
  await form.getByLabel('姓名').fill(p.name);
  if (p.post) await form.getByLabel('岗位').fill(p.post);
  await form.getByRole('button', { name: '保存' }).click();
  const created = dialog(page, `已创建 ${p.name} 的账号`);
  const secret = created.getByTestId('one-time-secret');
  await secret.waitFor();
  if (a11yLabel) await checkA11y(page, a11yLabel);
  const password = (await secret.textContent())?.trim() ?? '';
  assert.ok(password.length >= 12, `a one-time password is shown (got "${password}")`);
  await created.getByRole('button', { name: '我已妥善记录' }).click();
  // Closing the dialog opens the new person's page; the password is not on screen any more.
  await pageReady(page, p.name);
  assert.equal(await page.getByTestId('one-time-secret').count(), 0);
  return password;
}

/** On a person's page: 角色授权 → choose the role and the unit → 授予角色. */
export async function submitGrant(page: Page, role: string, unit: string): Promise<void> {
  await chooseOption(page, page.getByRole('combobox', { name: '角色' }), role);
  await chooseUnit(page, page.getByRole('combobox', { name: '授权范围（机构及下级）' }), unit);
  await page.getByRole('button', { name: '授予角色' }).click();
}

/** The active grant's row in the person's grants table (it has its revoke button). */
export async function activeGrantRow(page: Page, role: string, unit: string) {
  const row = page.getByRole('region', { name: '角色授权' }).getByRole('row').filter({ hasText: role }).filter({ hasText: unit }).filter({ hasText: '有效' });
  await row.getByRole('button', { name: `撤销授权：${role}（${unit}）` }).waitFor();
  return row;
}

/** The text of the error antd shows under a form field (linked to the field by aria-describedby). */
export async function fieldError(page: Page, field: string): Promise<string> {
  const input = page.getByLabel(field, { exact: true });
  const ids = await waitUntil(`an error under "${field}"`, async () => ((await input.getAttribute('aria-invalid')) === 'true' ? await input.getAttribute('aria-describedby') : null));
  const texts = await Promise.all(ids!.split(/\s+/).map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join('\n');
}

/** The forced password change page: fills 当前密码, 新密码 and 确认新密码 and submits. */
export async function submitPasswordChange(page: Page, current: string, next: string): Promise<void> {
  await page.getByLabel('当前密码').fill(current);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('确认新密码').fill(next);
  await page.getByRole('button', { name: '修改密码' }).click();
}
