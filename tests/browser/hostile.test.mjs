// A malformed or hostile catalogue file gives a clear error listing the problems; nothing in it is
// executed or injected as HTML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startCollector, launch, openPage, waitReady, cspViolations, shot, distCopy } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function withIndex(mutate) {
  const dist = distCopy();
  const file = path.join(dist, 'data/quang-tri/index.json');
  const body = mutate(JSON.parse(readFileSync(file, 'utf8')));
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  for (const ext of ['.br', '.gz']) rmSync(file + ext, { force: true }); // stale copies must not be served
  const collector = await startCollector({ dist });
  const w = await openPage(browser, `${collector.base}/v1/?province=quang-tri`);
  await waitReady(w.page);
  return { ...w, collector };
}

test('markup, bad code, unknown level and foreign links are listed, never rendered', { timeout: 120_000 }, async () => {
  const w = await withIndex((idx) => {
    const rows = idx.fields.flatMap((g) => g.list);
    rows[0].n = '<img src=x onerror="window.__pwned=1">Đăng ký';
    rows[1].c = '1.00119A';
    rows[2].o = { l: 'muc_5' };
    idx.province.portal.url = 'http://evil.example/';
    return idx;
  });
  const alert = await w.page.getByRole('alert').innerText();
  assert.match(alert, /Dữ liệu thủ tục bị lỗi/);
  assert.match(alert, /data\/quang-tri\/index\.json: .*: n: contains markup/);
  assert.match(alert, /1\.00119A: c: is not a national code/);
  assert.match(alert, /unknown variant `muc_5`/);
  assert.match(alert, /province\.portal\.url/);
  assert.equal(await w.page.evaluate(() => window.__pwned), undefined);
  assert.equal(await w.page.locator('img').count(), 0);
  assert.deepEqual(await cspViolations(w.page), []);
  await shot(w.page, 'hostile-catalogue-phone');
  await w.context.close();
  await w.collector.stop();
});

test('a 10 MB file is refused before parsing', { timeout: 120_000 }, async () => {
  const w = await withIndex(() => '{"schema":"tthc-index@3","pad":"' + 'x'.repeat(10 * 1024 * 1024) + '"}');
  assert.match(await w.page.getByRole('alert').innerText(), /bytes; the limit is 8388608/);
  await w.context.close();
  await w.collector.stop();
});

test('deep nesting and invalid JSON are reported, not crashed on', { timeout: 120_000 }, async () => {
  let w = await withIndex(() => '['.repeat(5000) + ']'.repeat(5000));
  assert.match(await w.page.getByRole('alert').innerText(), /not valid JSON: recursion limit/);
  await w.context.close();
  await w.collector.stop();
  w = await withIndex(() => '{"schema": "tthc-index@3", "fields": [');
  assert.match(await w.page.getByRole('alert').innerText(), /not valid JSON/);
  await w.context.close();
  await w.collector.stop();
});
