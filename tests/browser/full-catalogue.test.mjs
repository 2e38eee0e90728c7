// A province's whole catalogue: the real national records (../shared/data, never committed) imported
// with tools/full-catalogue.sh into a copy of dist/, then searched and opened in the widget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startCollector, launch, openPage, waitReady, cachedInWorker, distCopy, shot, PHONE } from './lib.mjs';

const NATIONAL = path.join(ROOT, '../shared/data/tthc-national.jsonl');
const PROVINCE = 'toan-quoc-thu';
const present = existsSync(NATIONAL);
let browser, collector, dist;
before(async () => {
  if (!present) return;
  dist = distCopy();
  execFileSync(path.join(ROOT, 'tools/full-catalogue.sh'), [dist, PROVINCE],
    { cwd: ROOT, env: { ...process.env, BIN: path.join(ROOT, 'target/debug') }, stdio: 'ignore' });
  collector = await startCollector({ dist });
  browser = await launch();
});
after(async () => { await browser?.close(); await collector?.stop(); });

test('full catalogue: search without diacritics, by code, then open a detail with one small request', { timeout: 120_000, skip: !present && `${NATIONAL} is absent` }, async () => {
  const shards = readdirSync(path.join(dist, 'data', PROVINCE, 'p')).length;
  assert.ok(shards > 1500, `${shards} procedures`);
  const { page, context, errors } = await openPage(browser, null, PHONE);
  const data = [];
  page.on('requestfinished', async (r) => {
    if (!r.url().includes(`/data/${PROVINCE}/`)) return;
    const timing = await r.sizes();
    data.push({ url: r.url(), bytes: timing.responseBodySize });
  });
  await page.goto(`${collector.base}/v1/?province=${PROVINCE}`);
  await waitReady(page);
  // The index goes over the wire brotli-compressed, within its 60 KB budget.
  const index = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.endsWith('/index.json')).map((e) => e.encodedBodySize));
  assert.ok(index.length >= 1 && index[0] > 0 && index[0] <= 60 * 1024, `index ${index} bytes`);
  await page.fill('#q', 'dang ky khai sinh');
  await page.locator('#results li').first().waitFor();
  assert.match(await page.locator('#results').innerText(), /1\.001193/);
  await page.fill('#q', '3000335');
  await page.locator('#results li', { hasText: '3.000335' }).waitFor();
  // The worker, registered once the widget is interactive, fetches the index again to cache it:
  // that is not the detail's cost, so it is let finish first.
  await cachedInWorker(page, `/data/${PROVINCE}/index.json`);
  await page.waitForTimeout(300);
  const before = data.length;
  await page.locator('#results li', { hasText: '3.000335' }).locator('.row').click();
  await page.locator('.detail h2').waitFor();
  assert.match(await page.locator('.detail h2').innerText(), /lý lịch tư pháp/i);
  await page.waitForTimeout(300);
  const opened = data.slice(before);
  assert.equal(opened.length, 1, JSON.stringify(opened));
  assert.match(opened[0].url, /\/p\/3\.000335\.json$/);
  assert.ok(opened[0].bytes < 40 * 1024, `detail shard ${opened[0].bytes} bytes`);
  await shot(page, 'full-catalogue-detail-phone');
  assert.deepEqual(errors, []);
  await context.close();
});
