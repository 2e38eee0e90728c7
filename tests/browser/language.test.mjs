// A language switch redraws the view in the other language and keeps what the citizen did: the
// receipt code they were told to keep, the survey they chose, the results filters, the open detail
// (without a second request).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, launch, openPage, waitReady, fillSurvey, CONFIG } from './lib.mjs';

let browser, collector;
before(async () => { browser = await launch(); collector = await startCollector({ config: CONFIG }); });
after(async () => { await browser?.close(); await collector?.stop(); });

const toggle = (page) => page.locator('button.lang').click();

test('the receipt code stays on screen after switching language, twice', { timeout: 120_000 }, async () => {
  const { page, context } = await openPage(browser, collector.base + '/v1/?province=quang-tri&mode=survey&procedure=1.001193');
  await waitReady(page);
  const receipt = await fillSurvey(page);
  assert.match(receipt, /\S/);
  await toggle(page);
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.locator('.rcode').innerText(), receipt);
  await toggle(page);
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  assert.equal(await page.locator('.rcode').innerText(), receipt);
  // Leaving the survey forgets it: back on the survey tab, a new form.
  await page.getByRole('navigation').getByRole('button', { name: 'Tra cứu' }).click();
  await page.getByRole('navigation').getByRole('button', { name: 'Đánh giá' }).click();
  await page.getByRole('button', { name: 'Bắt đầu' }).waitFor();
  assert.equal(await page.locator('.rcode').count(), 0);
  await context.close();
});

test('the chosen survey, the results filters and the open detail survive a switch', { timeout: 120_000 }, async () => {
  const { page, context } = await openPage(browser, collector.base + '/v1/?province=quang-tri&mode=survey');
  await waitReady(page);
  await page.getByRole('button', { name: 'Đánh giá hồ sơ' }).click();
  await toggle(page);
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.getByRole('button', { name: 'Rate a dossier' }).getAttribute('aria-pressed'), 'true');
  // Results: a procedure and a period chosen, then a switch.
  await page.getByRole('navigation').getByRole('button', { name: 'Results' }).click();
  const selects = page.locator('.main select');
  await selects.nth(0).waitFor();
  await selects.nth(0).selectOption('1.001193');
  await selects.nth(1).selectOption('year');
  await page.locator('.results-view h3').first().waitFor();
  const figures = [];
  page.on('request', (r) => { if (/\/api\/v1\/(summary|reach)/.test(r.url())) figures.push(r.url()); });
  await toggle(page);
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  assert.equal(await page.locator('.main select').nth(0).inputValue(), '1.001193');
  assert.equal(await page.locator('.main select').nth(1).inputValue(), 'year');
  await page.locator('.results-view h3').first().waitFor();
  // Reach: its period and figures survive a switch too; neither view asks the collector again.
  await page.getByRole('button', { name: 'Hiệu quả của tiện ích →' }).click();
  await page.locator('.reach-view select').selectOption('year');
  await page.locator('.reach-view .reach-group, .reach-view .empty').first().waitFor();
  const asked = figures.length;
  await toggle(page);
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.locator('.reach-view select').inputValue(), 'year');
  await page.locator('.reach-view .reach-group, .reach-view .empty').first().waitFor();
  await toggle(page);
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  assert.deepEqual(figures.slice(asked), [], 'no request on a language switch');
  assert.equal(figures.filter((u) => u.includes('/summary')).length, 0, figures.join('\n'));
  // Detail: opened once, shown again in English without fetching its shard again.
  const shards = [];
  page.on('request', (r) => { if (r.url().includes('/p/1.000894.json')) shards.push(r.url()); });
  await page.getByRole('navigation').getByRole('button', { name: 'Tra cứu' }).click();
  await page.fill('#q', 'ket hon');
  await page.locator('#results button[data-code="1.000894"]').click();
  await page.locator('.detail .levelbox').waitFor();
  await toggle(page);
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.locator('.detail .levelbox').waitFor();
  assert.match(await page.locator('.detail h2').innerText(), /marriage/i);
  assert.equal(shards.length, 1, shards.join('\n'));
  await context.close();
});
