// The foundation issue in the browser: a new person's first sign-in, the language switch, a new
// branch, a person and a grant in it, a separation-of-duties refusal, and the auditor checking the
// trail of all this. The scenarios run in order on one server: later ones build on earlier ones
// (SEC-02 uses the branch of ORG-01; SEC-04 looks for both). The order also spaces out secadmin's
// sign-ins: an administrator's TOTP code is good once per 30-s step, signIn waits for a new one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkA11y, pageReady, settled, signIn, startE2e, type E2e } from './harness.ts';
import { activeGrantRow, createPerson, fieldError, openFromMenu, submitGrant, submitPasswordChange } from './steps.ts';
import { chooseOption, dialog } from './widgets.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

const COUNTY = '示范县农村信用合作联社';
const BRANCH = { name: '河湾信用分社', code: 'SFX-007', address: '示范县河湾镇滨河路 8 号' };
const TELLER = { username: 'qianxw', name: '钱晓雯', unit: '城关信用社' };
const BRANCH_HEAD = { username: 'mengfan', name: '孟凡', post: '河湾信用分社主任' };

test('SEC-01: a new person signs in with the one-time password, must change it, and a weak one is refused', async () => {
  let oneTime = '';
  await e2e.scenario('SEC-01 secadmin creates the person', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'secadmin');
    await pageReady(page, '首页');
    oneTime = await createPerson(page, TELLER, 'one-time password dialog');
    await checkA11y(page, 'person detail (new person)');
  });

  await e2e.scenario('SEC-01 the new person signs in', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, TELLER.username, oneTime);
    // The first sign-in goes to the forced password change, not into the app.
    await page.waitForURL('**/password-change');
    await page.getByRole('heading', { level: 1, name: '修改密码' }).waitFor();
    await settled(page);
    await checkA11y(page, 'forced password change');
    await page.goto('/users');
    await page.waitForURL('**/password-change');

    await submitPasswordChange(page, oneTime, 'Abcd1234!xyz');
    const refusal = await fieldError(page, '新密码');
    assert.match(refusal, /不能包含连续或重复的字符/, 'the policy rule that was broken shows under the field');
    await page.getByRole('alert').filter({ hasText: '新密码不符合密码策略' }).waitFor();
    assert.ok(page.url().endsWith('/password-change'), 'still on the password page');
    await checkA11y(page, 'forced password change with the refusal');

    await submitPasswordChange(page, oneTime, 'Tide#Harbor-58Kq');
    await pageReady(page, '首页');
    await page.getByRole('heading', { level: 2, name: `您好，${TELLER.name}` }).waitFor();
    await page.getByRole('button', { name: `用户菜单：${TELLER.name}` }).waitFor();
    await checkA11y(page, 'home of the new person');
  });
});

test('ORG-01: sysadmin adds a branch under the county union and finds it in the tree', async () => {
  await e2e.scenario('ORG-01 new branch', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'sysadmin');
    await pageReady(page, '首页');
    await openFromMenu(page, '组织机构');
    const tree = page.getByRole('navigation', { name: '机构树' });
    await tree.getByRole('treeitem', { name: `${COUNTY} · 县联社（信用社）` }).click();
    await page.getByRole('heading', { level: 2, name: COUNTY }).waitFor();
    await page.getByRole('button', { name: '新建下级机构' }).click();

    const form = dialog(page, `在“${COUNTY}”下新建机构`);
    await chooseOption(page, form.getByLabel('类型'), '网点');
    await form.getByLabel('名称').fill(BRANCH.name);
    await form.getByLabel('代码').fill(BRANCH.code);
    await form.getByLabel('地址').fill(BRANCH.address);
    await checkA11y(page, 'new unit dialog');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'hidden' });

    // The new unit is selected: its detail shows, and the tree lists it under the county.
    const detail = page.getByRole('region', { name: '机构详情' });
    await detail.getByRole('heading', { level: 2, name: BRANCH.name }).waitFor();
    await detail.getByText(BRANCH.code, { exact: true }).waitFor();
    await detail.getByRole('link', { name: COUNTY }).waitFor();
    const node = tree.getByRole('treeitem', { name: `${BRANCH.name} · 网点` });
    await node.waitFor();
    assert.equal(await node.getAttribute('aria-selected'), 'true');
    await settled(page);
    await checkA11y(page, 'org tree with the new branch');
  });
});

test('SEC-03: granting 安全审计员 to the system administrator is refused (三员分立) and nothing is added', async () => {
  await e2e.scenario('SEC-03 separation of duties', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'secadmin');
    await pageReady(page, '首页');
    await openFromMenu(page, '人员');
    await page.getByLabel('关键字').fill('sysadmin');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('region', { name: '人员' }).getByRole('link', { name: '王建国' }).click();
    await pageReady(page, '王建国');

    const grants = page.getByRole('region', { name: '角色授权' });
    const rowsBefore = await grants.getByRole('row').count();
    await submitGrant(page, '安全审计员', COUNTY);

    const refusal = page.getByRole('alert').filter({ hasText: '三员分立' });
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /王建国 已担任“系统管理员”，不能再担任“安全审计员”/);
    await settled(page);
    await checkA11y(page, 'separation-of-duties refusal');
    assert.equal(await grants.getByRole('row').filter({ hasText: '安全审计员' }).count(), 0);

    // Read back from the server: still only the system administrator grant.
    await page.reload();
    await pageReady(page, '王建国');
    await grants.getByRole('row').filter({ hasText: '系统管理员' }).waitFor();
    assert.equal(await grants.getByRole('row').count(), rowsBefore);
    assert.equal(await grants.getByRole('row').filter({ hasText: '安全审计员' }).count(), 0);
  });
});

test('UI language: English from the header, server messages in English, and back to Chinese', async () => {
  await e2e.scenario('language switch', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'head');
    await pageReady(page, '首页');
    await page.getByRole('button', { name: '界面语言: 简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();

    await pageReady(page, 'Home');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    const menu = page.getByRole('navigation', { name: 'Main menu' });
    for (const item of ['Home', 'Org units', 'Sites', 'People', 'My account']) await menu.getByRole('link', { name: item, exact: true }).waitFor();
    await menu.getByRole('link', { name: 'Org units', exact: true }).click();
    await pageReady(page, 'Org units');
    assert.match(await page.title(), /Org units/);
    await checkA11y(page, 'org units in English');

    await page.getByRole('button', { name: 'User menu: 陈卫东' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { level: 1, name: 'Sign in to Anbao' }).waitFor();
    await page.getByLabel('Username').fill('head');
    await page.getByLabel('Password', { exact: true }).fill('Not-the-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();
    await checkA11y(page, 'sign-in in English with an error');

    await page.getByRole('button', { name: 'Language: English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByRole('heading', { level: 1, name: '登录安保' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    await page.getByLabel('用户名').waitFor();
  });
});

test('SEC-02: secadmin creates a person in the new branch and grants them 网点负责人 over it', async () => {
  await e2e.scenario('SEC-02 grant', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'secadmin');
    await pageReady(page, '首页');
    await createPerson(page, { ...BRANCH_HEAD, unit: BRANCH.name });

    await submitGrant(page, '网点负责人', BRANCH.name);
    await activeGrantRow(page, '网点负责人', BRANCH.name);
    await settled(page);
    await checkA11y(page, 'person detail with a grant');

    // The list of people shows the role too (read back from the server, not the form's memory).
    await openFromMenu(page, '人员');
    await page.getByLabel('关键字').fill(BRANCH_HEAD.username);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('region', { name: '人员' }).getByRole('row').filter({ hasText: BRANCH_HEAD.name }).filter({ hasText: '网点负责人' }).waitFor();
  });
});

test('SEC-04: the auditor finds the changes in the audit trail, opens an entry and verifies the chain', async () => {
  await e2e.scenario('SEC-04 audit trail', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'auditor');
    await pageReady(page, '首页');
    await openFromMenu(page, '审计日志');
    const table = page.getByRole('region', { name: '审计日志' });

    await page.getByLabel('操作', { exact: true }).fill('orgs.create');
    await page.getByRole('button', { name: '查询' }).click();
    const orgRow = table.getByRole('row').filter({ hasText: '新建机构' }).filter({ hasText: BRANCH.name });
    await orgRow.filter({ hasText: '王建国' }).waitFor();
    await settled(page);
    await checkA11y(page, 'audit trail, filtered');

    await page.getByLabel('操作', { exact: true }).fill('grants.create');
    await page.getByRole('button', { name: '查询' }).click();
    const grantRow = table.getByRole('row').filter({ hasText: '授予角色' }).filter({ hasText: `${BRANCH_HEAD.name} (${BRANCH_HEAD.username})` });
    await grantRow.filter({ hasText: '李秀英' }).waitFor();
    await grantRow.getByRole('button', { name: /^查看审计记录 \d+$/ }).click();

    const entry = page.getByRole('dialog', { name: /^审计记录 #\d+$/ });
    await entry.getByText('grants.create', { exact: true }).waitFor();
    const detail = await entry.locator('pre').innerText();
    assert.match(detail, /"role": "branch_head"/);
    assert.ok(detail.includes(`"org": "${BRANCH.name}"`), `the entry names the unit: ${detail}`);
    await settled(page);
    await checkA11y(page, 'audit entry drawer');
    await entry.getByRole('button', { name: '关闭' }).click();
    await entry.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: '校验审计链' }).click();
    const result = dialog(page, '审计链校验结果');
    await result.getByRole('heading', { name: '审计链完整，未发现篡改' }).waitFor();
    assert.match(await result.innerText(), /共校验 \d+ 条记录/);
    assert.match(await result.innerText(), /在数据库内重算哈希；其中 0 条由本系统逐条复核/);
    await settled(page);
    await checkA11y(page, 'audit chain verification result');
    // The independent check: every hash recomputed by Anbao, relying on no database function.
    await result.getByRole('button', { name: '由本系统逐条重算校验' }).click();
    await result.getByText('由本系统逐条重算全部哈希（不依赖数据库函数）').waitFor();
    await result.getByRole('heading', { name: '审计链完整，未发现篡改' }).waitFor();
    assert.equal(await result.getByRole('button', { name: '由本系统逐条重算校验' }).count(), 0, 'already recomputed in Anbao');
  });
});
