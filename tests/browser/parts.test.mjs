// The widget's two parts (tthc_core::embed::Part): each mode downloads only its part's wasm, and
// moving between the parts opens the same view in the other part with the citizen's language, once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, launch, openPage, waitReady, cspViolations, PHONE } from './lib.mjs';

let collector, browser;
before(async () => { collector = await startCollector(); browser = await launch(); });
after(async () => { await browser?.close(); await collector?.stop(); });

const PARTS = { check: 'widget', events: 'widget', province: 'widget', survey: 'feedback', results: 'feedback', reach: 'feedback' };
const wasmOf = (requests) => requests.filter((u) => u.endsWith('.wasm')).map((u) => u.split('/').pop().replace(/_bg-.*/, ''));

/** Opens `q`, recording the wasm requested and every navigation of the page. */
async function open(q) {
  const w = await openPage(browser, null, PHONE);
  w.requests = [];
  w.navigations = [];
  w.page.on('request', (r) => w.requests.push(r.url()));
  w.page.on('framenavigated', (f) => { if (f === w.page.mainFrame()) w.navigations.push(f.url()); });
  await w.page.goto(`${collector.base}/v1/?${q}`);
  await waitReady(w.page);
  return w;
}

test('each mode downloads only its own part, and opens in it without reloading', { timeout: 180_000 }, async () => {
  for (const [mode, part] of Object.entries(PARTS)) {
    const { page, context, requests, navigations, errors } = await open(`province=quang-tri&mode=${mode}`);
    assert.deepEqual(wasmOf(requests), [part], mode);
    assert.equal(navigations.length, 1, `${mode}: ${navigations.join(' → ')}`);
    assert.doesNotMatch(await page.locator('#main').innerText(), /^Đang tải/, mode);
    assert.deepEqual(errors, [], mode);
    assert.deepEqual(await cspViolations(page), [], mode);
    await context.close();
  }
});

test('from a detail to its survey and back: the other part opens the same procedure, in the chosen language', { timeout: 120_000 }, async () => {
  const { page, context, requests, navigations } = await open('province=quang-tri&procedure=1.001193');
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
