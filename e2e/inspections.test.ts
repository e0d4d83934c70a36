// The inspections module in the browser (INS-03, INS-04, INS-05). On a phone the security officer performs
// this month's inspection of 城关信用社 from the demo's monthly plan: passes items, fails one with a
// photo and a confirmed (raised) grade, signs, has the branch head confirm with her password, and
// submits; the record is then locked, the failure has opened a hazard carrying the photo, and the
// month's summary counts it. (Templates and plans: inspections-setup.test.ts; an unannounced ad-hoc
// inspection: inspections-adhoc.test.ts.)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PNG_1X1 } from '../server/test/uploads.ts';
import { checkA11y, E2E_PASSWORD, pageReady, PHONE, signIn, startE2e, waitUntil, type E2e } from './harness.ts';
import { drawSignature } from './widgets.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

const BRANCH = '城关信用社';
const ITEMS = 11; // the shipped 营业网点安全检查表
const FAIL_AT = 3; // 监控录像连续、可回放 (default grade 较大隐患)
let inspectionPath = '';

/** GET from the API with the page's session (read-only checks of what the UI did). */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const r = await fetch(`/api/v1${p}`, { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error(`${p}: ${r.status}`);
    return r.json();
  }, path) as Promise<T>;
}

test('INS-03/INS-04/INS-05: on a phone the officer performs the due branch inspection, fails an item with a photo, signs and submits; the record locks, a hazard opens and the summary counts it', async () => {
  await e2e.scenario(
    'INS-03 perform on a phone',
    async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, 'officer');
      await page.goto('/inspections?mine=true&status=planned');
      await pageReady(page, '安全检查');
      await checkA11y(page, 'inspection list (phone)');
      await page.getByRole('row').filter({ hasText: BRANCH }).getByRole('link').first().click();
      await pageReady(page, new RegExp(`JC.* ${BRANCH}`));
      inspectionPath = new URL(page.url()).pathname;

      // Not ready to submit: nothing answered, nobody signed (the button says why and stays disabled).
      await page.getByText(`还有 ${ITEMS} 个检查项未填写结果`).waitFor();
      await page.getByText('检查人尚未签名').waitFor();
      assert.equal(await page.getByRole('button', { name: '提交并锁定' }).isDisabled(), true);

      for (let n = 1; n <= ITEMS; n++) {
        await page.getByText(`第 ${n} / ${ITEMS} 项`).waitFor();
        if (n !== FAIL_AT) {
          await page.getByRole('button', { name: '合格', exact: true }).click();
          if (n < ITEMS) await page.getByText(`第 ${n + 1} / ${ITEMS} 项`).waitFor();
          continue;
        }
        await page.getByRole('button', { name: '不合格', exact: true }).click();
        await page.getByText(`已检查 ${n} / ${ITEMS} 项，其中不合格 1 项`).waitFor();
        // INS-04: the grade is proposed from the item (较大隐患) and the inspector raises it.
        const grades = page.getByRole('radiogroup', { name: '隐患等级' });
        await waitUntil('the proposed grade', () => grades.getByRole('radio', { name: '较大隐患' }).isChecked());
        await grades.getByText('重大隐患').click();
        await page.getByLabel('检查情况说明').fill('东侧通道录像 11 月 28 日中断 6 小时');
        await page.locator('input[type="file"][capture]').setInputFiles({ name: 'cctv-gap.png', mimeType: 'image/png', buffer: PNG_1X1 });
        await page.getByRole('img', { name: '照片 1' }).waitFor();
        await checkA11y(page, 'failed item with grade, note and photo (phone)');
        await page.getByRole('button', { name: '保存本项' }).click();
        await page.getByRole('img', { name: /现场照片 1/ }).waitFor();
        await page.getByRole('button', { name: '下一项' }).click();
      }
      await page.getByText(`已检查 ${ITEMS} / ${ITEMS} 项，其中不合格 1 项`).first().waitFor();

      // The inspector draws a signature; the branch head confirms with her own password.
      const inspector = page.getByRole('region', { name: '检查人签名' });
      await drawSignature(page, inspector);
      await inspector.getByRole('button', { name: '确认检查人签名' }).click();
      await inspector.getByRole('img', { name: '杨晓明 的手写签名' }).waitFor();
      const unit = page.getByRole('region', { name: '受检单位负责人签名' });
      await unit.getByText('密码确认').click();
      await unit.getByLabel('受检单位负责人用户名').fill('branch1');
      await unit.getByLabel('受检单位负责人密码').fill('not-her-password');
      await unit.getByRole('button', { name: '确认受检单位负责人签名' }).click();
      await unit.getByRole('alert').waitFor();
      assert.equal(await unit.getByText('赵丽华').count(), 0, 'a wrong password signs nothing');
      await unit.getByLabel('受检单位负责人密码').fill(E2E_PASSWORD);
      await unit.getByRole('button', { name: '确认受检单位负责人签名' }).click();
      await unit.getByText('赵丽华').waitFor();

      await page.getByText('提交后将为 1 个不合格项各开具一条隐患。').waitFor();
      await page.getByLabel('检查小结').fill('技防设施总体良好，录像中断问题已开具隐患。');
      await page.getByRole('button', { name: '提交并锁定' }).click();

      // Locked: no result buttons any more, who submitted when, and the hazard linked.
      await page.getByText(/本记录已于 .* 由 杨晓明 提交，已锁定/).waitFor();
      assert.equal(await page.getByRole('button', { name: '合格', exact: true }).count(), 0, 'no result buttons on a submitted record');
      assert.equal(await page.getByRole('button', { name: '提交并锁定' }).count(), 0);
      const opened = page.locator('.ant-card').filter({ has: page.getByRole('heading', { level: 2, name: '本次检查开具的隐患' }) });
      const hazardLink = opened.getByRole('link', { name: /YH/ });
      await hazardLink.waitFor();
      const hazardId = (await hazardLink.getAttribute('href'))!.split('/').pop()!;
      await checkA11y(page, 'submitted inspection (phone)');

      const id = inspectionPath.split('/').pop()!;
      const rec = await apiGet<{ status: string; failedCount: number; inspectorSignature: { method: string } | null; unitSignature: { method: string; signerName: string } | null }>(page, `/inspections/${id}`);
      assert.equal(rec.status, 'submitted');
      assert.equal(rec.failedCount, 1);
      assert.equal(rec.inspectorSignature?.method, 'drawn');
      assert.deepEqual([rec.unitSignature?.method, rec.unitSignature?.signerName], ['password', '赵丽华']);
      const hazard = await apiGet<{ grade: string; source: string; category: string }>(page, `/hazards/${hazardId}`);
      assert.deepEqual([hazard.grade, hazard.source, hazard.category], ['major', 'inspection', 'physical'], 'the hazard carries the confirmed grade');
      const photos = await apiGet<unknown[]>(page, `/attachments?ownerType=hazard&ownerId=${hazardId}`);
      assert.equal(photos.length, 1, "the failed item's photo is copied onto the hazard");

      // INS-05: the summary of this month counts it — done, coverage and the finding by category — and
      // its counts open the list filtered to what they count.
      await page.goto('/inspections/summary');
      await pageReady(page, '检查统计');
      const row = page.getByRole('region', { name: '各单位检查情况' }).getByRole('row').filter({ hasText: BRANCH });
      const done = row.getByRole('link', { name: `${BRANCH} 已完成的检查` });
      await done.waitFor();
      assert.equal(await done.innerText(), '1');
      assert.equal(await row.getByRole('link', { name: `${BRANCH} 有不合格项的检查` }).innerText(), '1');
      assert.equal(await row.getByRole('cell', { name: '100%' }).count(), 1, 'the one inspection due there is done');
      await page.getByRole('region', { name: '不合格项按隐患类别' }).getByRole('cell', { name: '物防技防' }).waitFor();
      await checkA11y(page, 'inspection summary (phone)');
      await done.click();
      await pageReady(page, '安全检查');
      await page.getByRole('row').filter({ hasText: BRANCH }).filter({ hasText: '已提交' }).waitFor();
      assert.equal(await page.getByRole('row').filter({ hasText: '待检查' }).count(), 0, 'the list shows only what the count counted');
    },
    PHONE,
  );
});
