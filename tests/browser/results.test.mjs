// Results view against a collector holding real stored answers: charts, the table, suppression.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ROOT, startCollector, launch, openPage, waitReady, cspViolations, shot, DESKTOP } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const fixture = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/response.json'), 'utf8'));

/** Stores `n` answers for `procedure`; the i-th rates every criterion `score(i)`. */
async function seed(base, n, procedure, score) {
  for (let i = 0; i < n; i++) {
    const e = structuredClone(fixture);
    e.id = randomUUID();
    e.province = 'quang-tri';
    e.procedure = procedure;
    for (const k of Object.keys(e.answers)) e.answers[k] = score(i);
    e.overall = score(i);
    const r = await fetch(base + '/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(e) });
    assert.equal(r.status, 201);
  }
}

async function openResults(base, viewport) {
  const w = await openPage(browser, base + '/v1/?province=quang-tri&mode=results', viewport);
  await waitReady(w.page);
  return w;
}

test('charts and table show n, share and interval; small groups are suppressed', { timeout: 120_000 }, async () => {
  const c = await startCollector();
  // 12 answers for khai sinh: 9 satisfied (5) and 3 not (2) → 75% satisfied.
  await seed(c.base, 12, '1.001193', (i) => (i < 9 ? 5 : 2));
  // 4 answers for LLTP: below the threshold of 10.
  await seed(c.base, 4, '3.000333', () => 4);
  // 10 answers for kết hôn: with only two groups, the total minus khai sinh would give LLTP's
  // hidden 4, so a third group lets khai sinh be shown (complementary suppression hides kết hôn).
  await seed(c.base, 10, '1.000894', () => 5);
  const { page, context, errors } = await openResults(c.base, DESKTOP);
  await page.locator('svg.chart[role=img]').first().waitFor();
  const table = await page.locator('table.crit').innerText();
  assert.match(table, /Hài lòng chung\s+26\s+88,5%/); // (9 + 4 + 10) / 26
  await page.selectOption('select >> nth=0', '1.001193');
  await page.locator('h3', { hasText: '12 phiếu' }).waitFor();
  // The whole range is named in the interface language, never by its id.
  assert.match(await page.locator('h3', { hasText: '12 phiếu' }).innerText(), /Theo yếu tố · Toàn bộ · 12 phiếu/);
  assert.match(await page.locator('table.crit caption').innerText(), /\(Toàn bộ\)/);
  assert.match(await page.locator('table.crit').innerText(), /Hài lòng chung\s+12\s+75%\s+46[,.]\d–91[,.]\d%/);
  await shot(page, 'results-desktop');
  await page.selectOption('select >> nth=0', '3.000333');
  await page.locator('h3', { hasText: '4 phiếu' }).waitFor();
  assert.match(await page.locator('table.crit').innerText(), /dưới ngưỡng công bố/);
  assert.doesNotMatch(await page.locator('table.crit').innerText(), /100%/);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
  await c.stop();
});

test('no answers yet: a clear empty state', { timeout: 120_000 }, async () => {
  const c = await startCollector();
  const { page, context } = await openResults(c.base);
  await page.getByText('Chưa có phiếu nào').waitFor();
  await shot(page, 'results-empty-phone');
  await context.close();
  await c.stop();
});
