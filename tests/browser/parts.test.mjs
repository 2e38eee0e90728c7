// The widget's two parts (tthc_core::embed::Part): each mode downloads only its part's wasm, and
// moving between the parts opens the same view in the other part with the citizen's language, once.
// Within a part, the views reached from the first one are lazily loaded modules (src/main.rs,
// src/bin/feedback.rs; tools/wasm-build.sh): none is fetched before the first view is usable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, launch, openPage, waitReady, cspViolations, PHONE } from './lib.mjs';

let collector, browser;
before(async () => { collector = await startCollector(); browser = await launch(); });
after(async () => { await browser?.close(); await collector?.stop(); });

// Each mode's part, and the lazy module of its first view (none: the view is in the main module).
const PARTS = {
  check: ['widget'], events: ['widget', 'widget_events'], province: ['widget', 'widget_province'],
  survey: ['feedback'], results: ['feedback', 'feedback_results'], reach: ['feedback', 'feedback_reach'],
};
// The feedback part reads the catalogue with a module of its own (core's first_load::index_reader_module),
// fetched at start: with the page when the first view needs the catalogue, by the script for the survey.
const READER = { feedback: 'feedback_catalogue' };
// The parts' main modules requested (`widget_bg-<hash>.wasm` → `widget`); lazy modules are left out.
const wasmOf = (requests) => requests.filter((u) => /_bg-[0-9a-f]{10}\.wasm$/.test(u)).map((u) => u.split('/').pop().replace(/_bg-.*/, ''));
// The lazily loaded modules (`widget_detail-<hash>.wasm` → `widget_detail`) whose download started
// before the widget was ready, and all of them.
const lazyBefore = (page) => page.evaluate(() => performance.getEntriesByType('resource')
  .filter((e) => e.name.endsWith('.wasm') && !/_bg-/.test(e.name))
  .map((e) => ({ name: e.name.split('/').pop().replace(/-[0-9a-f]{10}\.wasm$/, ''), early: e.startTime < window.__ready })));

/** Opens `q`, recording the wasm requested and every navigation of the page. */
async function open(q) {
  const w = await openPage(browser, null, PHONE);
  w.requests = [];
  w.navigations = [];
  w.page.on('request', (r) => w.requests.push(r.url()));
  w.page.on('framenavigated', (f) => { if (f === w.page.mainFrame()) w.navigations.push(f.url()); });
  // Who asked for each file: the page's preload header ("other"), the parser, or a script.
  w.initiators = {};
  const cdp = await w.context.newCDPSession(w.page);
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => { (w.initiators[e.request.url] ||= []).push(e.initiator.type); });
  await w.page.goto(`${collector.base}/v1/?${q}`);
  await waitReady(w.page);
  return w;
}

test('each mode downloads only its own part, and opens in it without reloading', { timeout: 180_000 }, async () => {
  for (const [mode, [part, first]] of Object.entries(PARTS)) {
    const { page, context, requests, navigations, errors, initiators } = await open(`province=quang-tri&mode=${mode}`);
    assert.deepEqual(wasmOf(requests), [part], mode);
    // The page announces its part (the collector's Link header, from first-load.json): the wasm is
    // asked for with the page, not by boot.js (which asks for it again, from the preload), and no
    // file of the shell is fetched twice.
    const wasm = requests.find((u) => /_bg-[0-9a-f]{10}\.wasm$/.test(u));
    assert.deepEqual(initiators[wasm], ['other'], `${mode}: ${JSON.stringify(initiators)}`);
    // So is a first view's own module (core's first_load::module_of must name the split's module).
    if (first) {
      const module = requests.find((u) => new RegExp(`/${first}-[0-9a-f]{10}\\.wasm$`).test(u));
      assert.deepEqual(initiators[module], ['other'], `${mode}: ${JSON.stringify(initiators)}`);
    }
    const shell = requests.filter((u) => u.includes('/w/'));
    assert.deepEqual(shell.filter((u, i) => shell.indexOf(u) !== i), [], mode);
    const reader = READER[part];
    if (reader) {
      const module = requests.find((u) => new RegExp(`/${reader}-[0-9a-f]{10}\\.wasm$`).test(u));
      assert.deepEqual(initiators[module], [mode === 'survey' ? 'script' : 'other'], `${mode}: ${JSON.stringify(initiators)}`);
      // The survey does not fetch the index first (neither the header nor boot.js's hints ask for it):
      // the widget asks for it once the reader module has arrived, if before ready at all.
      const index = requests.findIndex((u) => u.endsWith('/data/quang-tri/index.json'));
      if (mode === 'survey') assert.ok(index === -1 || index > requests.indexOf(module), requests.join(' '));
    }
    // Only the first view's module (and the code it shares with others), none of another view.
    const early = (await lazyBefore(page)).filter((m) => m.early).map((m) => m.name);
    const expected = [first, reader].filter(Boolean).sort();
    assert.deepEqual(early.filter((n) => !/_chunk_\d+$/.test(n)).sort(), expected, mode);
    if (!expected.length) assert.deepEqual(early, [], mode);
    assert.equal(navigations.length, 1, `${mode}: ${navigations.join(' → ')}`);
    assert.doesNotMatch(await page.locator('#main').innerText(), /^Đang tải/, mode);
    assert.deepEqual(errors, [], mode);
    assert.deepEqual(await cspViolations(page), [], mode);
    await context.close();
  }
});

test('a survey link is ready only once its form is usable, not while its definition is on the way', { timeout: 60_000 }, async () => {
  const w = await openPage(browser, null, PHONE);
  // A slow network for the definition alone (the catalogue arrives first).
  await w.context.route(/\/data\/surveys\/[a-z-]+@\d+\.json$/, async (r) => {
    await new Promise((ok) => setTimeout(ok, 1500));
    await r.continue();
  });
  await w.page.goto(`${collector.base}/v1/?province=quang-tri&mode=survey`);
  await waitReady(w.page);
  assert.equal(await w.page.getByRole('button', { name: 'Bắt đầu' }).count(), 1, await w.page.locator('#main').innerText());
  await w.context.close();
});

test('a procedure link is ready only once the procedure is shown, not while its shard is on the way', { timeout: 60_000 }, async () => {
  const w = await openPage(browser, null, PHONE);
  await w.context.route(/\/data\/quang-tri\/p\/1\.001193\.json$/, async (r) => {
    await new Promise((ok) => setTimeout(ok, 1500));
    await r.continue();
  });
  await w.page.goto(`${collector.base}/v1/?province=quang-tri&procedure=1.001193`);
  await waitReady(w.page);
  const text = await w.page.locator('#main').innerText();
  assert.doesNotMatch(text, /Đang tải/, text);
  assert.equal(await w.page.locator('.detail .status').count(), 0, text);
  await w.context.close();
});

test('from a detail to its survey and back: the other part opens the same procedure, in the chosen language', { timeout: 120_000 }, async () => {
  const { page, context, requests, navigations, initiators } = await open('province=quang-tri&procedure=1.001193');
  // A procedure link announces the detail's module and the procedure's shard with the page.
  const announced = Object.keys(initiators).filter((u) => initiators[u][0] === 'other').map((u) => u.split('/').pop());
  assert.ok(announced.some((f) => /^widget_detail-[0-9a-f]{10}\.wasm$/.test(f)) && announced.includes('1.001193.json'), announced.join(' '));
  await page.locator('.detail h2').waitFor();
  const entries = await page.evaluate(() => history.length);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Rate this service' }).click();
  await page.getByRole('button', { name: 'Start' }).waitFor();
  const survey = new URL(page.url());
  assert.equal(survey.searchParams.get('mode'), 'survey');
  assert.equal(survey.searchParams.get('procedure'), '1.001193');
  assert.equal(survey.searchParams.get('lang'), 'en');
  assert.match(await page.locator('.survey').innerText(), /1\.001193/);
  // Back to the search: the finder again, still in English; no history entry was added.
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await page.locator('#q').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(wasmOf(requests), ['widget', 'feedback', 'widget']);
  assert.equal(navigations.length, 3);
  assert.equal(await page.evaluate(() => history.length), entries);
  await context.close();
});

test("the search is usable before the detail's module arrives; it follows, and a procedure opens with it", { timeout: 60_000 }, async () => {
  const { page, context, errors } = await open('province=quang-tri');
  // Fetched after ready (the preload), never before.
  let lazy = [];
  for (let i = 0; i < 100 && !lazy.some((m) => m.name === 'widget_detail'); i++) {
    await page.waitForTimeout(100);
    lazy = await lazyBefore(page);
  }
  assert.ok(lazy.some((m) => m.name === 'widget_detail' && !m.early), JSON.stringify(lazy));
  await page.locator('#q').fill('khai sinh');
  await page.locator('#results button[data-code="1.001193"]').click();
  await page.locator('.detail h2').waitFor();
  assert.match(await page.locator('.detail h2').innerText(), /khai sinh/i);
  assert.equal((await lazyBefore(page)).filter((m) => m.name === 'widget_detail').length, 1, 'fetched once');
  assert.deepEqual(errors, []);
  await context.close();
});

/** `module` cannot be fetched: the view that needs it (reached by `reach` from `query`) says so with a
 * retry, and the retry opens it. Under /w/<version>/ no service worker is registered: every fetch
 * reaches the network (and the route). */
async function blockedThenRetried(module, query, reach) {
  const { page, context } = await openPage(browser, null, PHONE);
  let blocked = 0;
  await page.route(module, (route) => { blocked++; return route.abort('internetdisconnected'); });
  const version = (await (await fetch(`${collector.base}/v1/`)).text()).match(/\/w\/([0-9.]+)\//)[1];
  await page.goto(`${collector.base}/w/${version}/index.html?${query}`);
  await reach(page);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Không tải được dữ liệu/);
  assert.ok(blocked >= 1);
  await page.unroute(module);
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await page.locator('#main h2').waitFor();
  assert.equal(await alert.count(), 0);
  assert.doesNotMatch(await page.locator('#main').innerText(), /Không tải được/);
  await context.close();
}

test('a lazy module that cannot be fetched: the view says so with a retry, and the retry opens it', { timeout: 60_000 }, async () => {
  await blockedThenRetried(/widget_province-[0-9a-f]{10}\.wasm$/, 'province=quang-tri', async (page) => {
    await waitReady(page);
    await page.getByRole('button', { name: 'Tỉnh', exact: true }).click();
  });
});

test("the feedback part's reader of the catalogue cannot be fetched: results say so with a retry, and the retry opens them", { timeout: 60_000 }, async () => {
  await blockedThenRetried(/feedback_catalogue-[0-9a-f]{10}\.wasm$/, 'province=quang-tri&mode=results', async () => {});
});
