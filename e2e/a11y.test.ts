// axe on every page of the app: each demo role walks its whole side menu (with the detail pages,
// tabs and "new" dialogs on the way), the forced steps after a first sign-in, and the phone layout.
// Any serious or critical violation fails the test that met it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y, currentTotp, PHONE, pageReady, signIn, startE2e, type E2e } from './harness.ts';
import { activeGrantRow, createPerson, openFromMenu, submitGrant, submitPasswordChange } from './steps.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

/** Every page of the app; the last test checks that the roles together reached each one. */
const ALL_PAGES = ['首页', '组织机构', '场所', '场所详情', '人员', '人员详情', '角色', 'API 令牌', '安全策略', '审计日志', '我的账户', '登录', '修改密码', '绑定身份验证器'];
const visited = new Set<string>();

async function check(page: Page, pageName: string, label = pageName): Promise<void> {
  await checkA11y(page, label);
  visited.add(pageName);
}

/** The tabs of the page other than the one shown: each is opened and checked. */
async function checkTabs(page: Page, area: string): Promise<void> {
  const tabs = page.getByRole('main').getByRole('tab');
  for (let i = 0; i < (await tabs.count()); i++) {
    const tab = tabs.nth(i);
    if ((await tab.getAttribute('aria-selected')) === 'true') continue;
    const name = (await tab.innerText()).trim();
    await tab.click();
    await check(page, area, `${area} · ${name}`);
  }
}

/** The page's first "新建…" dialog, when the person may create here: opened, checked, cancelled. */
async function checkCreateDialog(page: Page, area: string): Promise<void> {
  const create = page.getByRole('main').getByRole('button', { name: /^新建/ }).first();
  if (!(await create.count())) return;
  const name = (await create.innerText()).trim();
  const before = page.url();
  await create.click();
  const dialog = page.getByRole('dialog').filter({ visible: true });
  // Some "新建…" buttons open a form page (a patrol route, an opening check) instead of a dialog.
  const opened = await Promise.race([
    dialog.waitFor().then(() => 'dialog' as const, () => null),
    page.waitForURL((u) => u.toString() !== before).then(() => 'page' as const, () => null),
  ]);
  if (opened === 'page') {
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await check(page, area, `${area} · ${name} page`);
    await page.goBack();
    await pageReady(page, area);
    return;
  }
  await dialog.waitFor();
  await check(page, area, `${area} · ${name} dialog`);
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** A register's first record, opened from its link in the table; checked as `detailName`. */
async function checkFirstRecord(page: Page, register: string, detailName: string): Promise<void> {
  const link = page.getByRole('region', { name: register }).getByRole('link').first();
  const title = (await link.innerText()).trim();
  await link.click();
  await pageReady(page, title);
  await check(page, detailName, `${detailName}: ${title}`);
  await page.goBack();
  await pageReady(page, register);
}

/** Home, every area in the person's side menu (with details, tabs, dialogs) and 我的账户. */
async function walkTheMenu(page: Page): Promise<string[]> {
  await pageReady(page, '首页');
  await check(page, '首页');
  const menu = page.getByRole('navigation', { name: '主菜单' });
  const areas = (await menu.getByRole('link').allInnerTexts()).map((t) => t.trim()).filter((t) => t !== '首页' && t !== '我的账户');
  for (const area of areas) {
    await openFromMenu(page, area);
    await check(page, area);
    await checkTabs(page, area);
    if (area === '场所') await checkFirstRecord(page, '场所', '场所详情');
    if (area === '人员') await checkFirstRecord(page, '人员', '人员详情');
    await checkCreateDialog(page, area);
  }
  await openFromMenu(page, '我的账户');
  await check(page, '我的账户');
  return areas;
}

test('axe, SEC-01: the forced password change and authenticator enrolment of a new auditor', async () => {
  const person = { username: 'zhaoyl', name: '赵云龙', unit: '稽核审计部', post: '审计员' };
  let oneTime = '';
  await e2e.scenario('a11y forced steps: secadmin prepares the account', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'secadmin');
    await pageReady(page, '首页');
    oneTime = await createPerson(page, person);
    // An administrator role: the second factor becomes compulsory (SEC-01).
    await submitGrant(page, '安全审计员', '示范县农村信用合作联社');
    await activeGrantRow(page, '安全审计员', '示范县农村信用合作联社');
  });
  await e2e.scenario('a11y forced steps: the new auditor signs in', async (ctx) => {
    const page = await ctx.newPage();
    await page.goto('/login');
    await page.getByLabel('用户名').waitFor();
    await check(page, '登录');
    await signIn(page, person.username, oneTime);
    await page.waitForURL('**/password-change');
    await page.getByRole('heading', { level: 1, name: '修改密码' }).waitFor();
    await check(page, '修改密码');
    await submitPasswordChange(page, oneTime, 'Tide#Harbor-58Kq');

    await page.waitForURL('**/totp-enrol');
    await page.getByRole('heading', { level: 1, name: '绑定身份验证器' }).waitFor();
    await check(page, '绑定身份验证器');
    await page.getByRole('button', { name: '生成绑定二维码' }).click();
    await page.getByRole('img', { name: '身份验证器绑定二维码' }).waitFor();
    await check(page, '绑定身份验证器', '绑定身份验证器 with the QR code');
    const shown = await page.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/).innerText();
    await page.getByLabel('动态码').fill(currentTotp(shown.replace(/\s/g, '')));
    await page.getByRole('button', { name: '完成绑定' }).click();
    await pageReady(page, '首页');
    await page.getByRole('heading', { level: 2, name: `您好，${person.name}` }).waitFor();
  });
});

// The three administrators and people of the business roles: together they see every area.
const ACCOUNTS: Array<[username: string, expected: string[]]> = [
  ['sysadmin', ['组织机构', '场所']],
  ['auditor', ['审计日志']],
  ['head', []],
  ['branch1', []],
  ['staff1', []],
  ['secadmin', ['人员', '角色']],
];

for (const [username, expected] of ACCOUNTS) {
  test(`axe: every page ${username} can open has no serious or critical violation`, async () => {
    await e2e.scenario(`a11y ${username}`, async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, username);
      const areas = await walkTheMenu(page);
      for (const area of expected) assert.ok(areas.includes(area), `${username} has ${area} in the menu (got ${areas.join(', ')})`);
    });
  });
}

test('axe on a phone (390×844): sign-in, home, the menu drawer and a register', async () => {
  await e2e.scenario(
    'a11y phone',
    async (ctx) => {
      const page = await ctx.newPage();
      await page.goto('/login');
      await page.getByLabel('用户名').waitFor();
      await check(page, '登录', 'sign-in (phone)');
      await signIn(page, 'head');
      await pageReady(page, '首页');
      await check(page, '首页', 'home (phone)');
      await page.getByRole('button', { name: '打开菜单' }).click();
      const menu = page.getByRole('navigation', { name: '主菜单' });
      await menu.waitFor();
      await check(page, '首页', 'menu drawer (phone)');
      await menu.getByRole('link', { name: '场所', exact: true }).click();
      await pageReady(page, '场所');
      await menu.waitFor({ state: 'hidden' });
      await check(page, '场所', 'sites register (phone)');
      await page.getByRole('button', { name: '筛选条件' }).click();
      await page.getByRole('button', { name: '查询' }).waitFor();
      await check(page, '场所', 'sites register with the filters open (phone)');
    },
    PHONE,
  );
});

test('axe covered every page of the app', () => {
  const missed = ALL_PAGES.filter((p) => !visited.has(p));
  assert.deepEqual(missed, [], `pages no test reached: ${missed.join(', ')}`);
});
