// The review step shows every answer the citizen gave, under the question that asked it: the
// channel, the criteria, the overall score, the comment (under its own label) and the profile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, launch, openPage, waitReady, axe } from './lib.mjs';

let browser, collector;
before(async () => { browser = await launch(); collector = await startCollector(); });
after(async () => { await browser?.close(); await collector?.stop(); });

test('the review step lists the channel, the comment under its label and the profile', { timeout: 120_000 }, async () => {
  const { page, context } = await openPage(browser, collector.base + '/v1/?province=quang-tri&mode=survey&procedure=1.001193');
  await waitReady(page);
  await page.getByRole('button', { name: 'Bắt đầu' }).waitFor();
  await page.getByText('Trực tuyến toàn trình').click();
  await page.getByRole('button', { name: 'Bắt đầu' }).click();
  for (;;) {
    if (await page.getByRole('button', { name: 'Gửi đánh giá' }).count()) break;
    const groups = page.locator('fieldset.group:not(.profile fieldset)');
    for (let i = 0; i < await groups.count(); i++) {
      const g = groups.nth(i);
      const four = g.locator('input[value="4"]');
      if (await four.count()) await four.check(); else await g.locator('input[value="5"]').check();
    }
    if (await page.locator('textarea').count()) await page.locator('textarea').first().fill('Nhanh, gọn.');
    await page.locator('.navbtns .primary').click();
  }
  const review = await page.locator('.review').innerText();
  assert.match(review, /Trực tuyến toàn trình/, 'the channel');
  assert.match(review, /Ông\/Bà muốn góp ý thêm điều gì\?[^\n]*\n+Nhanh, gọn\./, 'the comment under its label');
  assert.doesNotMatch(review, /^…$/m);
  assert.ok((await page.locator('.review dt').count()) > 20, 'every question is listed');
  assert.deepEqual(await axe(page), []);
  await context.close();
});
