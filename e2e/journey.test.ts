// Issue 3's whole journey in the browser, as the demo people on a phone-sized screen:
// the officer performs this month's inspection of 城关信用社 from the demo's monthly plan (INS-02/03)
// and fails an item with a photo → the hazard appears (INS-04) → the security head grades it and
// issues the rectification notice to the branch head (HAZ-02/03) → branch1 submits the rectification
// with evidence and is refused verification (HAZ-05) → the officer, its reporter, may not verify either
// (HAZ-05); the head verifies and it closes → the
// dashboard's open-hazard figure rose with the hazard and falls back when it closes (RPT-02).
// The scenarios run in order on one server; each builds on the one before.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PNG_1X1 } from '../server/test/uploads.ts';
import { apiOf } from './api-session.ts';
import { checkA11y, E2E_PASSWORD, pageReady, PHONE, settled, signIn, startE2e, waitUntil, type E2e } from './harness.ts';
import { dialog, drawSignature } from './widgets.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

const BRANCH = '城关信用社';
const ITEMS = 11; // the shipped 营业网点安全检查表
const FAIL_AT = 2;
let openBefore = -1;
let hazardPath = '';

/** The head's home page figure 未销号隐患 (open hazards in the head's scope). */
async function openHazardsFigure(page: Page): Promise<number> {
  await page.goto('/');
  await pageReady(page, '首页');
  const value = page.locator('a.dash-kpi').filter({ hasText: '未销号隐患' }).locator('.dash-kpi-value');
  await value.waitFor();
  return Number(await value.innerText());
}

/** The hazard's page as the signed-in person. */
async function openHazard(page: Page): Promise<void> {
  await page.goto(hazardPath);
  await pageReady(page, /^YH-\d{4}-\d{6} /);
}

test('RPT-02: before the journey the head notes the open-hazard figure on the home page', async () => {
  await e2e.scenario(
    'journey: head notes the figure',
    async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, 'head');
      openBefore = await openHazardsFigure(page);
      const d = await (await apiOf(page.request)).get<{ hazards: { open: number } }>('/dashboard');
      assert.equal(openBefore, d.hazards.open, 'the figure is the API figure');
    },
    PHONE,
  );
});

test('INS-03/INS-04: on a phone the officer performs the branch inspection, fails an item with a photo and submits; the hazard appears', async () => {
  await e2e.scenario(
    'journey: officer inspects',
    async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, 'officer');
      await page.goto('/inspections?mine=true&status=planned');
      await pageReady(page, '安全检查');
      await page.getByRole('row').filter({ hasText: BRANCH }).getByRole('link').first().click();
      await pageReady(page, new RegExp(`JC.* ${BRANCH}`));

      for (let n = 1; n <= ITEMS; n++) {
        await page.getByText(`第 ${n} / ${ITEMS} 项`).waitFor();
        if (n !== FAIL_AT) {
          await page.getByRole('button', { name: '合格', exact: true }).click();
          if (n < ITEMS) await page.getByText(`第 ${n + 1} / ${ITEMS} 项`).waitFor();
          continue;
        }
        await page.getByRole('button', { name: '不合格', exact: true }).click();
        // The failure is saved first (the form re-renders with it): then the note and the photo.
        await page.getByText(`已检查 ${n} / ${ITEMS} 项，其中不合格 1 项`).waitFor();
        await waitUntil('the proposed grade', () => page.getByRole('radiogroup', { name: '隐患等级' }).getByRole('radio', { name: '较大隐患' }).isChecked());
        await page.getByLabel('检查情况说明').fill('营业厅西侧摄像机画面黑屏');
        await page.locator('input[type="file"][capture]').setInputFiles({ name: 'camera-black.png', mimeType: 'image/png', buffer: PNG_1X1 });
        await page.getByRole('img', { name: '照片 1' }).waitFor();
        await page.getByRole('button', { name: '保存本项' }).click();
        await page.getByRole('img', { name: /现场照片 1/ }).waitFor();
        await page.getByRole('button', { name: '下一项' }).click();
      }
      await page.getByText(`已检查 ${ITEMS} / ${ITEMS} 项，其中不合格 1 项`).first().waitFor();

      const inspector = page.getByRole('region', { name: '检查人签名' });
      await drawSignature(page, inspector);
      await inspector.getByRole('button', { name: '确认检查人签名' }).click();
      await inspector.getByRole('img', { name: '杨晓明 的手写签名' }).waitFor();
      const unit = page.getByRole('region', { name: '受检单位负责人签名' });
      await unit.getByText('密码确认').click();
      await unit.getByLabel('受检单位负责人用户名').fill('branch1');
      await unit.getByLabel('受检单位负责人密码').fill(E2E_PASSWORD);
      await unit.getByRole('button', { name: '确认受检单位负责人签名' }).click();
      await unit.getByText('赵丽华').waitFor();
      await page.getByRole('button', { name: '提交并锁定' }).click();
      await page.getByText(/本记录已于 .* 由 杨晓明 提交，已锁定/).waitFor();

      const hazardLink = page
        .locator('.ant-card')
        .filter({ has: page.getByRole('heading', { level: 2, name: '本次检查开具的隐患' }) })
        .getByRole('link', { name: /YH/ });
      await hazardLink.waitFor();
      hazardPath = (await hazardLink.getAttribute('href'))!;
      await hazardLink.click();
      await pageReady(page, /^YH-\d{4}-\d{6} /);
      await page.locator('.page-header').getByText('待定级', { exact: true }).waitFor();
      await page.getByRole('img', { name: /camera-black|照片/ }).first().waitFor();
      await checkA11y(page, 'the hazard opened by the inspection (phone)');
    },
    PHONE,
  );
});

test('HAZ-02/HAZ-03: the head grades the hazard and issues the notice to the branch head; the open-hazard figure has risen', async () => {
  await e2e.scenario(
    'journey: head grades and issues the notice',
    async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, 'head');
      await openHazard(page);
      await page.getByRole('button', { name: '定级' }).click();
      const assess = dialog(page, '定级');
      await assess.locator('label').filter({ hasText: /^一般$/ }).click();
      await assess.getByRole('button', { name: '确定' }).click();
      await assess.waitFor({ state: 'hidden' });
      await page.locator('.page-header').getByText('已定级', { exact: true }).waitFor();

      await settled(page);
      await page.getByRole('button', { name: '下达整改通知' }).click();
      const notice = dialog(page, '下达整改通知');
      await notice.getByLabel('整改措施要求').fill('更换故障摄像机，恢复营业厅西侧监控覆盖');
      // The person picker searches the server by name; the entry's title is "name (username) · unit".
      const person = notice.getByRole('combobox', { name: '整改责任人' });
      await person.click();
      await person.fill('赵丽华');
      await page.locator('.ant-select-dropdown').filter({ visible: true }).locator('.ant-select-item-option[title="赵丽华 (branch1) · 城关信用社"]').click();
      await waitUntil('the picker to show 赵丽华', () => notice.innerText(), (s) => s.includes('赵丽华 (branch1)'));
      await notice.getByRole('button', { name: '确定' }).click();
      await notice.waitFor({ state: 'hidden' });
      await page.locator('.page-header').getByText('整改中', { exact: true }).waitFor();
      await checkA11y(page, 'the hazard under rectification (phone)');

      const open = await openHazardsFigure(page);
      assert.equal(open, openBefore + 1, 'the new hazard counts among the open ones');
    },
    PHONE,
  );
});

test('HAZ-05: branch1 submits the rectification with evidence and is refused verification', async () => {
  await e2e.scenario(
    'journey: branch1 rectifies',
    async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, 'branch1');
      await openHazard(page);
      await page.getByRole('button', { name: '提交整改' }).click();
      const form = dialog(page, '提交整改');
      await form.getByLabel('整改情况').fill('已更换摄像机并调试，画面恢复正常');
      await form.locator('input[type="file"][capture]').setInputFiles({ name: 'camera-fixed.png', mimeType: 'image/png', buffer: PNG_1X1 });
      await form.getByRole('img', { name: '照片 1' }).waitFor();
      await form.getByRole('button', { name: '确定' }).click();
      await form.waitFor({ state: 'hidden' });
      await page.locator('.page-header').getByText('待复查', { exact: true }).waitFor();
      await settled(page);

      // The person who rectified cannot verify: the page offers no 复查, and the server refuses it.
      assert.equal(await page.getByRole('button', { name: '复查' }).count(), 0, 'no 复查 button for the rectifier');
      const id = hazardPath.split('/').pop()!;
      const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
      const hazard = await (await apiOf(page.request)).get<{ version: number }>(`/hazards/${id}`);
      const r = await page.request.post(`/api/v1/hazards/${id}/verify`, { headers: { 'x-csrf-token': me.csrfToken }, data: { version: hazard.version } });
      assert.ok([403, 422].includes(r.status()), `verification by the rectifier is refused (${r.status()})`);
      await checkA11y(page, 'the rectified hazard as the rectifier (phone)');
    },
    PHONE,
  );
});

// The journey has the officer verify. The officer is this hazard's reporter (the inspection he
// submitted opened it), and HAZ-05 bars the reporter as well as the rectifier from verifying, so the
// officer is offered no 复查 and the security head verifies instead.
test('HAZ-05/RPT-02: the officer, who reported it, may not verify; the head verifies and the hazard closes; the open-hazard figure falls back', async () => {
  await e2e.scenario(
    'journey: the reporter may not verify',
    async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, 'officer');
      await openHazard(page);
      await page.locator('.page-header').getByText('待复查', { exact: true }).waitFor();
      await settled(page);
      assert.equal(await page.getByRole('button', { name: '复查' }).count(), 0, 'no 复查 button for the reporter');
      await page.getByRole('button', { name: '退回整改' }).waitFor();
    },
    PHONE,
  );
  await e2e.scenario(
    'journey: head verifies',
    async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, 'head');
      await openHazard(page);
      await page.getByRole('button', { name: '复查' }).click();
      const form = dialog(page, '复查');
      await form.locator('label').filter({ hasText: /^复查通过$/ }).click();
      await form.getByRole('button', { name: '确定' }).click();
      await form.waitFor({ state: 'hidden' });
      await page.locator('.page-header').getByText('已销号', { exact: true }).waitFor();
      await checkA11y(page, 'the closed hazard (phone)');
      await waitUntil('the open-hazard figure to fall back', () => openHazardsFigure(page), (n) => n === openBefore);
    },
    PHONE,
  );
});
