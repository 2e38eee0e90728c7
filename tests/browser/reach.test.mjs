// Reach: what the widget counts, end to end through sendBeacon and the collector's daily counters,
// and the reach view that shows it. Counts only; a GPC browser sends nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, launch, openPage, waitReady, cspViolations, shot, axe, PHONE, DESKTOP } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The collector's reach over all time, polled until `ready` holds; each poll asks a new range so
 * the collector's 10 s answer cache never hides a fresh count. */
async function reachUntil(c, ready) {
  const base = c.base;
  let last;
  for (let i = 0; i < 80; i++) {
    const to = new Date(Date.UTC(2999, 0, 1 + i)).toISOString().slice(0, 10);
    last = await (await fetch(`${base}/api/v1/reach?period=all&to=${to}`)).json();
    if (ready(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail('the counts did not arrive: ' + JSON.stringify(last) + '\ncollector log: ' + c.log());
}

/** The citizen switches to another app (the page is hidden: its counts go out with sendBeacon),
 * then the page is left. Hiding is simulated in the page so that the test does not depend on a
 * beacon sent while a loaded machine tears the page down (pagehide sends the same way). */
async function leave(page) {
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.goto('about:blank');
}

/** Types `q` key by key (each prefix is not a search of its own), sees that nothing was found,
 * and stops typing long enough for it to count. */
async function searchNothing(page, q) {
  await page.fill('#q', '');
  await page.locator('#q').pressSequentially(q, { delay: 40 });
  await page.locator('.empty', { hasText: 'Không tìm thấy' }).waitFor();
  await page.waitForTimeout(1800);
}

test('a no-result search made in six page visits is listed in the reach view; one made four times is not', { timeout: 240_000 }, async () => {
  const c = await startCollector();
  const { page, context, errors } = await openPage(browser, null, PHONE);
  const beacons = [];
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/usage')) beacons.push(r.method()); });
  for (let visit = 0; visit < 6; visit++) {
    await page.goto(`${c.base}/v1/?province=quang-tri`);
    await waitReady(page);
    await searchNothing(page, 'Đăng ký flycam');
    if (visit < 4) await searchNothing(page, 'giấy phép bay drone');
    await leave(page);
  }
  const r = await reachUntil(c, (x) => x.total.searches >= 10);
  assert.equal(r.total.searches, 10);
  assert.equal(r.total.no_result, 10);
  assert.deepEqual(r.no_result, [{ key: 'dang ky flycam', n: 6 }]);
  assert.equal(r.no_result_unlisted, 4);
  assert.deepEqual(beacons, Array(6).fill('POST'), 'one batch per page visit');

  await page.goto(`${c.base}/v1/?province=quang-tri&mode=reach`);
  await waitReady(page);
  const list = page.locator('table.queries');
  await list.waitFor();
  assert.match(await list.innerText(), /dang ky flycam\s+6/);
  assert.doesNotMatch(await page.locator('.reach-view').innerText(), /drone/);
  assert.match(await page.locator('.reach-view').innerText(), /4 lượt tìm khác dưới ngưỡng công bố/);
  assert.deepEqual(await axe(page), []);
  await shot(page, 'reach-queries-phone');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
  await c.stop();
});

/** Chooses a ward in the picker by typing part of its name without diacritics. */
async function choosePlace(page, typed, name) {
  const picker = page.locator('.place');
  await picker.locator('input').fill(typed);
  await picker.getByRole('button', { name, exact: true }).click();
  await picker.locator('.placename').waitFor();
}

test('a click on the filing action is counted with the level shown, and the reach view shows it', { timeout: 180_000 }, async () => {
  const c = await startCollector();
  const { page, context, errors } = await openPage(browser, null, DESKTOP);
  // The filing site opens in a new tab: keep the test off the internet.
  await context.route((url) => !url.host.startsWith('127.0.0.1'), (route) => route.abort());
  await page.goto(`${c.base}/v1/?province=quang-tri`);
  await waitReady(page);
  await choosePlace(page, 'dong ha', 'Phường Đông Hà');
  await page.fill('#q', 'ket hon');
  await page.locator('#results button[data-code="1.000894"]').click();
  const file = page.locator('.levelbox').getByRole('link', { name: /Nộp hồ sơ trực tuyến/ });
  await file.waitFor();
  const popup = context.waitForEvent('page');
  await file.click();
  await (await popup).close();
  await leave(page);
  const r = await reachUntil(c, (x) => x.total.filing.toan_trinh + x.total.filing.mot_phan + x.total.filing.other > 0);
  assert.deepEqual(r.total.filing, { toan_trinh: 1, mot_phan: 0, other: 0 });
  assert.deepEqual(r.top, [{ code: '1.000894', opened: 1, filing: 1 }]);
  assert.equal(r.total.searches, 1, 'the search that led there, once');

  // Reached from the results view, as the province's officials do.
  await page.goto(`${c.base}/v1/?province=quang-tri&mode=results`);
  await waitReady(page);
  await page.getByRole('button', { name: 'Hiệu quả của tiện ích →' }).click();
  const view = page.locator('.reach-view');
  await view.locator('table').first().waitFor();
  assert.match(await view.innerText(), /Đăng ký kết hôn\s*1\.000894\s+1\s+1\s+100%/);
  assert.match(await view.innerText(), /Toàn trình · 100%/);
  assert.deepEqual(await axe(page), []);
  await shot(page, 'reach-desktop');
  await page.setViewportSize({ width: 320, height: 640 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll at 320 px');
  await page.setViewportSize(PHONE);
  await shot(page, 'reach-phone');
  await page.getByRole('button', { name: 'Tiếng Anh' }).or(page.locator('button.lang')).first().click();
  await page.getByRole('heading', { name: 'Widget reach' }).waitFor();
  // The view is drawn again in English and asks for its figures again: wait for them.
  await view.locator('table').first().waitFor();
  assert.match(await view.innerText(), /Clicks on “File online”/);
  assert.deepEqual(await axe(page), []);
  await shot(page, 'reach-phone-en');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
  await c.stop();
});

test('a browser sending Global Privacy Control sends nothing', { timeout: 120_000 }, async () => {
  const c = await startCollector();
  const { page, context, errors } = await openPage(browser, null, PHONE);
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
  });
  const sent = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/usage')) sent.push(r.url()); });
  await page.goto(`${c.base}/v1/?province=quang-tri`);
  await waitReady(page);
  await searchNothing(page, 'Đăng ký flycam');
  await page.fill('#q', 'ket hon');
  await page.locator('#results button[data-code="1.000894"]').click();
  await page.locator('.levelbox').waitFor();
  await leave(page);
  await page.waitForTimeout(1000);
  assert.deepEqual(sent, []);
  const r = await (await fetch(`${c.base}/api/v1/reach?period=all`)).json();
  assert.deepEqual(r.cells, []);
  assert.deepEqual(errors, []);
  await context.close();
  await c.stop();
});
