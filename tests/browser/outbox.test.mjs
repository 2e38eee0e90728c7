// The outbox under hostile conditions: pages that are not the collector's, a device clock that is
// wrong, storage that fills up, a browser without randomness. "Exactly once" is checked by
// reading the collector's own CSV export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, startProxy, launch, openPage, waitReady, fillSurvey, storedRows, CONFIG } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const SURVEY = '/v1/?province=quang-tri&mode=survey&procedure=1.001193';
const YEAR = 365 * 24 * 3600 * 1000;
const outbox = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tthc-outbox-v2:'))
  .map((k) => JSON.parse(localStorage.getItem(k))));
const rowsReach = async (base, n) => {
  for (let i = 0; i < 300 && (await storedRows(base)).length < n; i++) await new Promise((r) => setTimeout(r, 100));
  return (await storedRows(base)).length;
};

test("a CDN's or firewall's 403/404 page is not the collector's refusal: the answer is retried", { timeout: 120_000 }, async () => {
  const c = await startCollector({ config: CONFIG });
  const proxy = await startProxy(c.port, (_b, n) => (n === 1 ? { status: 403, html: true } : n === 2 ? { status: 404, html: true } : 'forward'));
  const { page, context } = await openPage(browser, proxy.base + SURVEY);
  await waitReady(page);
  await fillSurvey(page);
  assert.equal(await rowsReach(c.base, 1), 1);
  assert.equal(proxy.posts.length, 3);
  assert.equal(await page.getByText('Phản hồi không gửi được').count(), 0);
  await context.close();
  await proxy.close();
  await c.stop();
});

test('a device clock that was wrong neither expires nor freezes an unsent answer', { timeout: 120_000 }, async () => {
  const c = await startCollector({ config: CONFIG });
  let down = true;
  const proxy = await startProxy(c.port, () => (down ? 503 : 'forward'));
  const { page, context } = await openPage(browser, proxy.base + SURVEY);
  await waitReady(page);
  await fillSurvey(page);
  await page.goto(proxy.base + SURVEY);
  await fillSurvey(page);
  // Rewritten from a page of the same origin that runs no outbox: one answer queued while the
  // clock was a year slow (old on today's clock), one scheduled while it was a year fast.
  await page.goto(proxy.base + '/healthz');
  await page.evaluate((year) => {
    const keys = Object.keys(localStorage).filter((k) => k.startsWith('tthc-outbox-v2:')).sort();
    const [a, b] = keys.map((k) => JSON.parse(localStorage.getItem(k)));
    a.created_ms -= year;
    a.next_ms -= year;
    b.next_ms += year;
    localStorage.setItem(keys[0], JSON.stringify(a));
    localStorage.setItem(keys[1], JSON.stringify(b));
  }, YEAR);
  down = false;
  await page.goto(proxy.base + SURVEY);
  await waitReady(page);
  assert.equal(await rowsReach(c.base, 2), 2, JSON.stringify(await outbox(page)));
  assert.equal(await page.getByText('Phản hồi không gửi được').count(), 0);
  await context.close();
  await proxy.close();
  await c.stop();
});

test('when storage is full, a failed update keeps the last good stored copy', { timeout: 120_000 }, async () => {
  const c = await startCollector({ config: CONFIG });
  let down = true;
  const proxy = await startProxy(c.port, () => (down ? 503 : 'forward'));
  const { page, context } = await openPage(browser, proxy.base + SURVEY);
  await waitReady(page);
  await fillSurvey(page);
  const [stored] = await outbox(page);
  // From now on every outbox write is refused, as on a full disk.
  await page.evaluate(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (String(k).startsWith('tthc-outbox')) throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  const after = proxy.posts.length;
  for (let i = 0; i < 200 && proxy.posts.length < after + 2; i++) await page.waitForTimeout(100);
  assert.ok(proxy.posts.length >= after + 2, 'retried twice while storage is full');
  const left = await outbox(page);
  assert.equal(left.length, 1, 'the stored copy is still there');
  assert.equal(left[0].body, stored.body);
  // A new page (the old one's memory is gone) still delivers it, once.
  down = false;
  await page.reload();
  await waitReady(page);
  assert.equal(await rowsReach(c.base, 1), 1);
  await context.close();
  await proxy.close();
  await c.stop();
});

test('without randomness no answer is queued, and the citizen is told', { timeout: 120_000 }, async () => {
  const c = await startCollector({ config: CONFIG });
  const proxy = await startProxy(c.port, () => 'forward');
  const { page, context } = await openPage(browser, proxy.base + SURVEY);
  await waitReady(page);
  // A random source that leaves the buffer as it was (all zero).
  await page.evaluate(() => { crypto.getRandomValues = (a) => a; });
  page.setDefaultTimeout(8000);
  await assert.rejects(fillSurvey(page).then(() => 'receipt shown'), /Timeout|timeout/);
  await page.getByText('không tạo được mã ngẫu nhiên').waitFor();
  assert.equal(await page.locator('.rcode').count(), 0);
  assert.deepEqual(await outbox(page), []);
  assert.equal(proxy.posts.length, 0);
  await context.close();
  await proxy.close();
  await c.stop();
});

test('an answer left waiting by the survey is delivered by a later visit to the search, which loads delivery only then', { timeout: 120_000 }, async () => {
  let c = await startCollector({ config: CONFIG });
  const modules = (requests) => requests.filter((u) => /widget_outbox-[0-9a-f]{10}\.wasm$/.test(u)).length;
  // A search with nothing stored never fetches the outbox's module.
  const fresh = await openPage(browser, null);
  const seen = [];
  fresh.page.on('request', (r) => seen.push(r.url()));
  await fresh.page.goto(`${c.base}/w/${await version(c.base)}/index.html?province=quang-tri`);
  await waitReady(fresh.page);
  await fresh.page.waitForTimeout(1500);
  assert.equal(modules(seen), 0, 'nothing stored: no outbox module');
  await fresh.context.close();
  // The survey queues an answer while the collector is down; the citizen leaves.
  const { page, context } = await openPage(browser, `${c.base}/w/${await version(c.base)}/index.html?province=quang-tri&mode=survey&procedure=1.001193`);
  await waitReady(page);
  await page.getByRole('button', { name: 'Bắt đầu' }).waitFor();
  await c.stop();
  await fillSurvey(page);
  await page.getByText('phản hồi đang chờ gửi').waitFor();
  assert.equal((await outbox(page)).length, 1);
  // Later, the collector is back and the citizen opens the search (the finder part), not the survey.
  c = await startCollector({ config: CONFIG, port: c.port, db: c.db });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${c.base}/w/${await version(c.base)}/index.html?province=quang-tri`);
  await waitReady(page);
  assert.equal(await rowsReach(c.base, 1), 1, 'delivered from the search page');
  for (let i = 0; i < 100 && (await outbox(page)).length; i++) await page.waitForTimeout(100);
  assert.deepEqual(await outbox(page), [], 'and no longer stored');
  assert.equal(modules(requests), 1, 'the outbox module was loaded for it');
  await context.close();
  await c.stop();
});

test('when delivery\'s module cannot be fetched, the answer waits on the device, the citizen is told, and the next page sends it', { timeout: 120_000 }, async () => {
  const c = await startCollector({ config: CONFIG });
  const module = /feedback_outbox-[0-9a-f]{10}\.wasm$/;
  const { page, context } = await openPage(browser, null);
  let refused = 0;
  await context.route(module, (r) => { refused++; return r.abort(); });
  // Under /w/<version>/ no worker is registered: the module is fetched by the page alone.
  const survey = `${c.base}/w/${await version(c.base)}/index.html?province=quang-tri&mode=survey&procedure=1.001193`;
  await page.goto(survey);
  await waitReady(page);
  await fillSurvey(page);
  await page.getByText('phiếu đã được lưu trên máy').waitFor();
  assert.ok(refused >= 1, 'the page asked for delivery\'s module');
  assert.equal((await outbox(page)).length, 1, 'stored');
  await page.waitForTimeout(1000);
  assert.equal((await storedRows(c.base)).length, 0, 'nothing could send it');
  // The network is back: the next page finds the stored answer, loads delivery at once and sends it.
  await context.unroute(module);
  await page.goto(survey);
  await waitReady(page);
  assert.equal(await rowsReach(c.base, 1), 1, 'delivered once');
  for (let i = 0; i < 100 && (await outbox(page)).length; i++) await page.waitForTimeout(100);
  assert.deepEqual(await outbox(page), [], 'and no longer stored');
  await context.close();
  await c.stop();
});

/** The widget's version, from the page /v1/ serves (under /w/<version>/ no service worker is registered). */
async function version(base) {
  return (await (await fetch(`${base}/v1/`)).text()).match(/\/w\/([0-9.]+)\//)[1];
}
