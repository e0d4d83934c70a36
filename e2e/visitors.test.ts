// The visitor desk and the machine-room register in the browser (VIS-01 … VIS-03). On a phone, guard1
// (城关信用社's desk) is refused a blocklisted walk-in with the reason shown, registers a walk-in (in at
// once), checks in the demo appointment and checks the walk-in out. On a desktop, the officer logs a
// machine-room entry — refused alone (the two-person rule under the field), accepted with a second
// officer and awaiting approval — the security head approves it, the officer records the entry and opens
// the A4 机房出入管理登记簿 of the room. Every page is axe clean.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { checkA11y, pageReady, PHONE, settled, signIn, startE2e, waitUntil, type E2e } from './harness.ts';
import { chooseOption } from './widgets.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

const VISITOR = '孙立新';

/** Picks a person in a multiple people picker (the list stays open: closed with Escape). */
async function addPerson(page: Page, combobox: Locator, name: string): Promise<void> {
  await combobox.click();
  await combobox.fill(name);
  await page.locator('.ant-select-dropdown').filter({ visible: true }).locator('.ant-select-item-option').filter({ hasText: name }).first().click();
  await page.keyboard.press('Escape');
}

/** Picks a person in a single people select by searching their name. */
async function pickPerson(page: Page, combobox: Locator, name: string, title: string): Promise<void> {
  await combobox.scrollIntoViewIfNeeded();
  await combobox.click();
  await combobox.fill(name);
  const option = page.locator('.ant-select-dropdown').filter({ visible: true }).locator(`.ant-select-item-option[title="${title}"]`);
  await option.waitFor();
  await settled(page);
  await option.click();
  await waitUntil(`the field to show ${title}`, async () => (await combobox.locator('xpath=ancestor::*[contains(@class, "ant-select ")][1]').innerText()).includes(title));
}

const card = (page: Page, name: string) => page.locator('.ant-card').filter({ hasText: name });

test('VIS-01/VIS-02: the desk refuses a blocklisted walk-in with the reason, registers one, checks in an appointment and checks the walk-in out (phone)', async () => {
  await e2e.scenario(
    'VIS desk on a phone',
    async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, 'guard1');
      await page.goto('/visitors/desk');
      await pageReady(page, '门岗访客登记');
      await card(page, '王磊').waitFor();
      await checkA11y(page, 'desk: today (phone)');

      await page.getByText('临时来访登记', { exact: true }).first().click();
      await page.getByLabel('访客姓名').waitFor();
      await checkA11y(page, 'desk: walk-in form (phone)');
      await page.getByLabel('访客姓名').fill(VISITOR);
      await page.getByLabel('单位', { exact: true }).fill('示范县供电公司');
      await page.getByLabel('证件号码').fill('110101197707077777');
      await page.getByLabel('来访事由').fill('核对电表读数');
      await pickPerson(page, page.getByLabel('接待人'), '周敏', '周敏 (staff1) · 城关信用社');
      await page.getByRole('button', { name: '临时来访登记' }).click();
      // VIS-02: the blocklist refuses, and the desk sees why.
      await page.getByRole('alert').filter({ hasText: '冒充维修人员' }).first().waitFor();
      await checkA11y(page, 'desk: blocklist hit (phone)');

      await page.getByLabel('证件号码').fill('110101198202023456');
      await page.getByRole('button', { name: '临时来访登记' }).click();
      await card(page, VISITOR).waitFor();
      assert.match(await card(page, VISITOR).innerText(), /在访/);

      // The demo appointment arrives.
      await card(page, '王磊').getByRole('button', { name: '签到' }).click();
      await card(page, '王磊').getByText('在访').waitFor();

      await card(page, VISITOR).getByRole('button', { name: '签离' }).click();
      await card(page, VISITOR).waitFor({ state: 'detached' });
      await page.goto(`/visitors?q=${encodeURIComponent(VISITOR)}`);
      await pageReady(page, '访客登记簿');
      await page.getByRole('region', { name: '访客登记簿' }).getByText('已离开').waitFor();
      assert.match(await page.getByRole('region', { name: '访客登记簿' }).innerText(), /1101\*+3456/, 'the document number is masked');
      await checkA11y(page, 'visitor register (phone)');
    },
    PHONE,
  );
});

test('VIS-03: the officer logs a two-person machine-room entry (one alone is refused), the head approves it, and the A4 register lists it', async () => {
  const purpose = '检查中心机房消防设施';
  let entryUrl = '';
  await e2e.scenario('VIS-03 officer logs an entry', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'officer');
    await page.goto('/visitors/rooms');
    await pageReady(page, '机房出入管理登记簿');
    await checkA11y(page, 'room entry register');
    await page.getByRole('button', { name: '登记进入' }).click();
    await pageReady(page, '登记机房、金库进入');
    await checkA11y(page, 'entry form');
    await chooseOption(page, page.getByLabel('场所'), '中心机房 · 信息科技部');
    await addPerson(page, page.getByLabel('本单位进入人员'), '杨晓明');
    await page.getByLabel('事由').fill(purpose);
    await page.getByRole('button', { name: '登记进入' }).click();
    // VIS-03: the refusal is shown under the field it names.
    await page.locator('.ant-form-item').filter({ hasText: '本单位进入人员' }).getByText('进入机房、金库须至少两人同时在场').waitFor();
    await addPerson(page, page.getByLabel('本单位进入人员'), '林涛');
    await page.getByRole('button', { name: '登记进入' }).click();
    await pageReady(page, /^JF-\d{4}-\d{6} 中心机房$/);
    await page.getByText('待审批', { exact: true }).first().waitFor();
    // The requester may not approve their own entry, nor may the officer at all.
    assert.equal(await page.getByRole('button', { name: '批准', exact: true }).count(), 0);
    await checkA11y(page, 'entry awaiting approval');
    entryUrl = new URL(page.url()).pathname;
  });
  await e2e.scenario('VIS-03 the head approves, the officer enters and prints', async (ctx) => {
    const head = await ctx.newPage();
    await signIn(head, 'head');
    await head.goto(entryUrl);
    await pageReady(head, /中心机房$/);
    await head.getByRole('button', { name: '批准', exact: true }).click();
    const d = head.getByRole('dialog', { name: '批准', exact: true });
    await d.getByLabel('意见').fill('同意，注意防静电');
    await d.getByRole('button', { name: /确定|提交|批准/ }).last().click();
    await d.waitFor({ state: 'hidden' });
    await head.getByText('已批准', { exact: true }).first().waitFor();
    await settled(head);
    await checkA11y(head, 'entry approved');
  });
  await e2e.scenario('VIS-03 the officer enters and prints the register', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'officer');
    await page.goto(entryUrl);
    await pageReady(page, /中心机房$/);
    await page.getByRole('button', { name: '进入', exact: true }).click();
    await page.getByText('在内', { exact: true }).first().waitFor();
    await page.goto('/visitors/rooms');
    await pageReady(page, '机房出入管理登记簿');
    await chooseOption(page, page.getByLabel('场所', { exact: true }).first(), '中心机房 · 信息科技部');
    const href = await page.getByRole('link', { name: /打开打印页/ }).getAttribute('href');
    assert.ok(href && href.includes('/api/v1/room-entries/print?siteId='), String(href));
    await page.goto(href!);
    await page.getByRole('heading', { level: 1, name: '机房出入管理登记簿' }).waitFor();
    const text = await page.locator('body').innerText();
    assert.match(text, new RegExp(purpose));
    assert.match(text, /华信网络技术有限公司/, 'the demo third-party entry of this week');
    assert.match(text, /陈卫东/, 'the approver is on the register');
  });
});
