// Accessibility (WCAG 2.2 AA): axe-core on every view at phone size, and the keyboard paths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, launch, openPage, waitReady, axe, PHONE, DESKTOP } from './lib.mjs';

let browser, collector;
before(async () => { collector = await startCollector(); browser = await launch(); });
after(async () => { await browser?.close(); await collector?.stop(); });

const VIEWS = [
  ['search', 'province=quang-tri', async (p) => { await p.fill('#q', 'khai sinh'); await p.locator('#results li').first().waitFor(); }],
  ['detail', 'province=quang-tri&procedure=1.001193', (p) => p.locator('.detail h2').waitFor()],
  ['events', 'province=quang-tri&mode=events', (p) => p.locator('.tile').first().waitFor()],
  ['life event', 'province=quang-tri&mode=events', async (p) => { await p.locator('.tile', { hasText: /sinh/i }).first().click(); await p.locator('.steps li').first().waitFor(); }],
  ['province', 'province=quang-tri&mode=province', (p) => p.locator('table.stats').waitFor()],
  ['survey', 'province=quang-tri&mode=survey', (p) => p.getByRole('button', { name: 'Bắt đầu' }).waitFor()],
  ['results', 'province=quang-tri&mode=results', (p) => p.locator('.results-view .empty, .results-view svg').first().waitFor()],
  ['reach', 'province=quang-tri&mode=reach', (p) => p.locator('.reach-view .empty, .reach-view table').first().waitFor()],
];

for (const [name, q, settle] of VIEWS) {
  test(`no WCAG 2.2 AA violations found by axe: ${name}`, { timeout: 120_000 }, async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const { page, context } = await openPage(browser, `${collector.base}/v1/?${q}`, viewport);
      await waitReady(page);
      await settle(page);
      assert.deepEqual(await axe(page), [], `${name} at ${viewport.width}px`);
      await context.close();
    }
  });
}

test('keyboard only: search, open a result, answer a rating with arrow keys', { timeout: 120_000 }, async () => {
  const { page, context } = await openPage(browser, `${collector.base}/v1/?province=quang-tri`, PHONE);
  await waitReady(page);
  await page.locator('#q').focus();
  await page.keyboard.type('tam tru');
  await page.locator('#results li').first().waitFor();
  // Tab past the chips and selects to the first result, then open it with Enter.
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.classList.contains('row'))) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('row')), true);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await page.locator('.detail h2').waitFor();
  await page.goto(`${collector.base}/v1/?province=quang-tri&mode=survey`);
  await waitReady(page);
  const first = page.locator('fieldset.group').first().locator('input').first();
  await first.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('fieldset.group').first().locator('input:checked').getAttribute('value'), 'toan_trinh');
  await context.close();
});
