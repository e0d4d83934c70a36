// Driving antd's composite widgets the way a person does: open the combobox (found by its label),
// type to narrow the list, pick the entry, and check that the field now shows it. antd renders the
// visible list entries without roles (the role="option" copies are a 0×0 screen-reader list), so the
// pick goes by the entry's title.
import type { Locator, Page } from 'playwright-core';
import { waitUntil } from './harness.ts';

function popup(page: Page, kind: 'select' | 'tree-select'): Locator {
  return page.locator(`.ant-${kind}-dropdown`).filter({ visible: true });
}

/** The whole select (the combobox is its inner search input). */
function selectRoot(combobox: Locator): Locator {
  return combobox.locator(`xpath=ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`);
}

/**
 * Opens the select, types `search` when it is searchable, clicks the entry and waits until the field
 * shows `label`. The list re-renders as the search applies, so a click can meet a moving entry: the
 * pick is tried again when the field does not show the choice.
 */
async function pick(page: Page, combobox: Locator, label: string, entry: (open: Locator) => Locator, kind: 'select' | 'tree-select'): Promise<void> {
  const root = selectRoot(combobox);
  for (let attempt = 1; ; attempt++) {
    await combobox.click();
    if (await combobox.isEditable()) await combobox.fill(label);
    await entry(popup(page, kind)).click();
    try {
      await waitUntil(`the field to show "${label}"`, async () => (await root.innerText()).includes(label) && !(await popup(page, kind).count()), Boolean, 3_000);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/** Chooses `label` in an antd Select (searchable or not). */
export async function chooseOption(page: Page, combobox: Locator, label: string): Promise<void> {
  await pick(page, combobox, label, (open) => open.locator(`.ant-select-item-option[title="${label}"]`), 'select');
}

/**
 * Chooses a unit in an OrgTreeSelect (antd TreeSelect with search on the unit's name). The pick goes
 * by the node's title: a treeitem's accessible name also holds its expand icon's label.
 */
export async function chooseUnit(page: Page, combobox: Locator, name: string): Promise<void> {
  await pick(page, combobox, name, (open) => open.getByRole('treeitem').locator(`[title="${name}"]`), 'tree-select');
}

/** The dialog with this title (antd Modal: role="dialog", named by its title). */
export function dialog(page: Page, title: string | RegExp): Locator {
  return page.getByRole('dialog', { name: title });
}

/** Draws a zigzag stroke with the mouse on the signature pad (SignaturePad) inside `scope`. */
export async function drawSignature(page: Page, scope: Locator): Promise<void> {
  const pad = scope.getByTestId('signature-canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? -25 : 25), { steps: 3 });
  await page.mouse.up();
}
