// The offline shell (DESIGN §6): after one visit the standalone page works with the network off; a
// new release replaces the old caches; answers (POST) never go through the service worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startCollector, launch, openPage, waitReady, distCopy, offlineState, PHONE } from './lib.mjs';

const PAGE = '/v1/?province=quang-tri';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Visits once and waits until the worker controls the page and has cached the province index. */
async function firstVisit(c) {
  const w = await openPage(browser, c.base + PAGE, PHONE);
  await waitReady(w.page);
  await w.page.evaluate(() => navigator.serviceWorker.ready);
  await w.page.waitForFunction(async () => navigator.serviceWorker.controller && (await caches.keys()).length === 1 &&
    (await (await caches.open((await caches.keys())[0])).keys()).some((r) => r.url.includes('/data/quang-tri/index.json')));
  return w;
}

test('after one visit the page opens and searches with the network off', { timeout: 120_000 }, async () => {
  const c = await startCollector();
  const { page, context } = await firstVisit(c);
  await context.setOffline(true);
  await page.reload();
  await waitReady(page);
  await page.locator('#q').waitFor().catch(async (e) => { throw new Error(`${e.message}\n${await offlineState(page)}`); });
  await page.fill('#q', 'ly lich tu phap');
  await page.locator('#results li').first().waitFor();
  assert.match(await page.locator('#results').innerText(), /3\.000333/);
  await context.close();
  await c.stop();
});

test('a new release replaces the old caches', { timeout: 120_000 }, async () => {
  const c = await startCollector();
  const { page, context } = await firstVisit(c);
  const version = readFileSync(path.join(ROOT, 'dist/sw.js'), 'utf8').match(/const VERSION = '([^']*)'/)[1];
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`tthc-${version}`]);
  await c.stop();
  // The same files with a new version in the worker, as a release would ship.
  const dist = distCopy();
  const sw = path.join(dist, 'sw.js');
  writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = '[^']*'/, "const VERSION = 'next-release'"));
  rmSync(sw + '.br', { force: true });
  rmSync(sw + '.gz', { force: true });
  const next = await startCollector({ dist, port: c.port, db: c.db });
  await page.reload(); // the worker script is served no-cache: the browser sees the new one
  await waitReady(page);
  await page.waitForFunction(async () => JSON.stringify(await caches.keys()) === '["tthc-next-release"]', null, { timeout: 30000 });
  await context.close();
  await next.stop();
});

test('answers are never intercepted by the worker; catalogue reads are', { timeout: 120_000 }, async () => {
  const c = await startCollector();
  const { page, context } = await firstVisit(c);
  const seen = [];
  page.on('response', (r) => seen.push({ url: r.url(), method: r.request().method(), sw: r.fromServiceWorker(), status: r.status() }));
  await page.evaluate(() => fetch('data/quang-tri/index.json').then((r) => r.text()));
  await page.evaluate(() => fetch('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
  const get = seen.find((r) => r.url.endsWith('/data/quang-tri/index.json'));
  const post = seen.find((r) => r.method === 'POST');
  assert.equal(get.sw, true, 'the worker answers catalogue reads');
  assert.equal(post.sw, false, 'the worker never answers a POST');
  assert.equal(post.status, 400);
  await context.close();
  await c.stop();
});
