// The offline shell (docs/design.md §6): after one visit the standalone page works with the network off or
// behind a proxy whose collector is down; a new release or a rebuild replaces the old caches;
// answers (POST) never go through the service worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync, readdirSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startCollector, startProxy, launch, openPage, waitReady, waitFor, cachedInWorker, distCopy, offlineState, PHONE } from './lib.mjs';

const PAGE = '/v1/?province=quang-tri';
const INDEX = '/data/quang-tri/index.json';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Visits once (at `base`) and waits until the worker controls the page and has cached the province index. */
async function firstVisit(base, timeout = 20000) {
  const w = await openPage(browser, base + PAGE, PHONE);
  await waitReady(w.page);
  await cachedInWorker(w.page, INDEX, { timeout }).catch(async (e) => { throw new Error(`${e.message}\n${await offlineState(w.page)}`); });
  return w;
}

/** The page works: it searches the province catalogue (from the worker's cache if need be). */
async function searches(page) {
  await waitReady(page);
  await page.locator('#q').waitFor().catch(async (e) => { throw new Error(`${e.message}\n${await offlineState(page)}`); });
  await page.fill('#q', 'ly lich tu phap');
  await page.locator('#results li').first().waitFor();
  assert.match(await page.locator('#results').innerText(), /3\.000333/);
}

const buildOf = (dist) => readFileSync(path.join(dist, 'sw.js'), 'utf8').match(/const BUILD = '([^']*)'/)[1];

test('after one visit the page opens and searches with the network off', { timeout: 120_000 }, async () => {
  const c = await startCollector();
  const { page, context } = await firstVisit(c.base);
  await context.setOffline(true);
  await page.reload();
  await searches(page);
  // A view whose code is a lazily loaded module never fetched online: the worker precached it.
  await page.getByRole('button', { name: 'Tỉnh', exact: true }).click();
  await page.locator('#main h2').waitFor();
  assert.doesNotMatch(await page.locator('#main').innerText(), /Không tải được/);
  await context.close();
  await c.stop();
});

test('behind a proxy, a gateway error page or no answer falls back to the cached copy', { timeout: 120_000 }, async () => {
  let c = await startCollector();
  let fault = 'forward';
  const proxy = await startProxy(c.port, () => 'forward', () => fault);
  const { page, context } = await firstVisit(proxy.base);
  // The collector restarts: the proxy answers 502 with its HTML page.
  await c.stop();
  await page.reload();
  await searches(page);
  await page.goto(proxy.base + '/v1/?province=quang-tri&mode=survey&procedure=1.001193');
  await page.getByRole('button', { name: 'Bắt đầu' }).waitFor().catch(async (e) => { throw new Error(`${e.message}\n${await offlineState(page)}`); });
  assert.doesNotMatch(await page.locator('#app').innerText(), /Không tải được|HTTP 5/);
  // Up again, but a gateway answers 504 pages, then nothing at all (a stalled upstream).
  c = await startCollector({ port: c.port, db: c.db });
  for (const f of [504, 'hang']) {
    fault = f;
    await page.goto(proxy.base + PAGE);
    await searches(page);
  }
  await context.close();
  await proxy.close();
  await c.stop();
});

test('the first visit caches a catalogue still downloading when the worker takes control', { timeout: 120_000 }, async () => {
  const c = await startCollector();
  // The worker's precache is slow (2.5 s), so the widget asks for the index before the worker
  // controls the page; the index arrives 6 s late, after the worker has taken control.
  const seen = { index: 0, surveys: 0 };
  const proxy = await startProxy(c.port, () => 'forward', (url) => {
    if (url.includes(INDEX) && seen.index++ < 2) return { delay: 6000 };
    if (url.includes('/data/surveys/') && seen.surveys++ < 8) return { delay: 2500 };
    return 'forward';
  });
  const { page, context } = await firstVisit(proxy.base, 15000);
  await context.setOffline(true);
  await page.reload();
  await searches(page);
  await context.close();
  await proxy.close();
  await c.stop();
});

test('a new release replaces the old caches', { timeout: 120_000 }, async () => {
  const c = await startCollector();
  const { page, context } = await firstVisit(c.base);
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`tthc-${buildOf(path.join(ROOT, 'dist'))}`]);
  await c.stop();
  // The same files with a new build in the worker, as a release would ship.
  const dist = distCopy();
  const sw = path.join(dist, 'sw.js');
  writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const BUILD = '[^']*'/, "const BUILD = 'next-release'"));
  rmSync(sw + '.br', { force: true });
  rmSync(sw + '.gz', { force: true });
  const next = await startCollector({ dist, port: c.port, db: c.db });
  await page.reload(); // the worker script is served no-cache: the browser sees the new one
  await waitFor(page, async () => JSON.stringify(await caches.keys()) === '["tthc-next-release"]', { timeout: 30000, what: 'only the new cache' });
  await cachedInWorker(page, INDEX);
  await context.setOffline(true);
  await page.reload();
  await searches(page);
  await context.close();
  await next.stop();
});

test('a rebuild under the same version is picked up', { timeout: 120_000 }, async () => {
  const first = distCopy();
  const c = await startCollector({ dist: first });
  const { page, context } = await firstVisit(c.base);
  await c.stop();
  // Rebuilt: one versioned file changes, the version does not.
  const dist = distCopy();
  const css = readdirSync(dist).find((f) => /^widget(-[0-9a-f]{10})?\.css$/.test(f));
  appendFileSync(path.join(dist, css), '\n:root { --rebuilt: 1; }\n');
  execFileSync(path.join(ROOT, 'target/debug/catalogue'), ['dist', dist], { cwd: ROOT, stdio: 'ignore' });
  const next = await startCollector({ dist, port: c.port, db: c.db });
  await page.reload();
  await waitReady(page);
  await waitFor(page, () => getComputedStyle(document.documentElement).getPropertyValue('--rebuilt').trim() === '1', { what: 'the rebuilt stylesheet' });
  await waitFor(page, async (b) => JSON.stringify(await caches.keys()) === JSON.stringify([`tthc-${b}`]), { arg: buildOf(dist), timeout: 30000, what: 'only the rebuilt cache' });
  assert.notEqual(buildOf(dist), buildOf(first));
  await context.close();
  await next.stop();
});

test('answers are never intercepted by the worker; catalogue reads are', { timeout: 120_000 }, async () => {
  const c = await startCollector();
  const { page, context } = await firstVisit(c.base);
  const seen = [];
  page.on('response', (r) => seen.push({ url: r.url(), method: r.request().method(), sw: r.fromServiceWorker(), status: r.status() }));
  await page.evaluate(() => fetch('data/quang-tri/index.json').then((r) => r.text()));
  await page.evaluate(() => fetch('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
  const get = seen.find((r) => r.url.endsWith(INDEX));
  const post = seen.find((r) => r.method === 'POST');
  assert.equal(get.sw, true, 'the worker answers catalogue reads');
  assert.equal(post.sw, false, 'the worker never answers a POST');
  assert.equal(post.status, 400);
  await context.close();
  await c.stop();
});

test('first visit on a bad network: a catalogue request that meets gateway errors is tried again and the search opens', { timeout: 120_000 }, async () => {
  const c = await startCollector();
  let tries = 0;
  const proxy = await startProxy(c.port, () => 'forward', (url) => {
    if (!url.includes(INDEX)) return 'forward';
    tries += 1;
    return tries === 1 ? 502 : tries === 2 ? 503 : 'forward';
  });
  const { page, context } = await openPage(browser, proxy.base + PAGE, PHONE);
  await waitReady(page);
  // Counted when the widget is ready: the worker, registered after that, fetches the index once more to cache it.
  const untilReady = tries;
  await searches(page);
  assert.equal(untilReady, 3, 'two gateway errors are tried again; the third answer is used');
  assert.doesNotMatch(await page.locator('#app').innerText(), /Không tải được/);
  await context.close();
  await proxy.close();
  await c.stop();
});
