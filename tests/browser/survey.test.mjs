// Feedback end to end at phone size: the survey, the outbox and the collector, over real HTTP with
// a real SQLite file. "Exactly once" is checked by reading the collector's own CSV export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, startProxy, launch, openPage, waitReady, cspViolations, shot, fillSurvey, storedRows, offlineState, cachedInWorker, waitFor, CONFIG } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const SURVEY = '/v1/?province=quang-tri&mode=survey&procedure=1.001193';

async function pendingGone(page, timeout = 30000) {
  await page.waitForFunction(() => !document.querySelector('.banner[role=status]'), null, { timeout });
}

test('errors per field with a focused summary; the draft survives a reload', { timeout: 120_000 }, async () => {
  const c = await startCollector({ config: CONFIG });
  const { page, context, errors } = await openPage(browser, c.base + SURVEY);
  await waitReady(page);
  await page.getByText('Trực tiếp tại cơ quan').click();
  await page.getByRole('button', { name: 'Bắt đầu' }).click();
  await page.getByRole('button', { name: 'Tiếp' }).click();
  await page.locator('.errsum.shown').waitFor();
  // The summary takes focus (on the next frame), so a screen reader announces it.
  await page.waitForFunction(() => document.activeElement.classList.contains('errsum'), null, { timeout: 2000 });
  assert.equal(await page.locator('fieldset.group.invalid').count(), 3);
  await shot(page, 'survey-errors-phone');
  await page.locator('fieldset.group').first().locator('input[value="2"]').check();
  await page.reload();
  await waitReady(page);
  await page.getByText('Đã khôi phục câu trả lời').waitFor();
  assert.equal(await page.locator('fieldset.group').first().locator('input[value="2"]').isChecked(), true);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
  await c.stop();
});

test('a draft expires: an old one is deleted, not shown to the next citizen', { timeout: 120_000 }, async () => {
  const c = await startCollector({ config: CONFIG });
  const { page, context } = await openPage(browser, c.base + SURVEY);
  await waitReady(page);
  await page.getByText('Trực tiếp tại cơ quan').click();
  await page.getByRole('button', { name: 'Bắt đầu' }).click();
  await page.locator('fieldset.group').first().locator('input[value="2"]').check();
  const drafts = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tthc-draft-v2:')));
  const [key] = await drafts();
  assert.ok(key, 'a draft is kept while the citizen answers');
  // Last touched 31 minutes ago.
  await page.evaluate((k) => {
    const d = JSON.parse(localStorage.getItem(k));
    localStorage.setItem(k, JSON.stringify({ ...d, saved_ms: Date.now() - 31 * 60 * 1000 }));
  }, key);
  await page.reload();
  await waitReady(page);
  await page.getByRole('button', { name: 'Bắt đầu' }).waitFor();
  assert.equal(await page.getByText('Đã khôi phục câu trả lời').count(), 0);
  assert.deepEqual(await drafts(), []);
  await context.close();
  await c.stop();
});

test('on a shared device (device=shared) no draft is ever kept', { timeout: 120_000 }, async () => {
  const c = await startCollector({ config: CONFIG });
  const { page, context } = await openPage(browser, c.base + SURVEY + '&device=shared');
  await waitReady(page);
  await page.getByText('Trực tiếp tại cơ quan').click();
  await page.getByRole('button', { name: 'Bắt đầu' }).click();
  await page.locator('fieldset.group').first().locator('input[value="2"]').check();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tthc-draft-v2:')).length), 0);
  await page.reload();
  await waitReady(page);
  await page.getByRole('button', { name: 'Bắt đầu' }).waitFor();
  assert.equal(await page.getByText('Đã khôi phục câu trả lời').count(), 0);
  await context.close();
  await c.stop();
});

test('a finished survey is stored once, with free text masked', { timeout: 120_000 }, async () => {
  const c = await startCollector({ config: CONFIG });
  const { page, context } = await openPage(browser, c.base + SURVEY);
  await waitReady(page);
  const receipt = await fillSurvey(page, 'Cán bộ nhiệt tình. Gọi tôi: 0912 345 678, thư a.b@example.com');
  assert.match(receipt, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await pendingGone(page);
  await shot(page, 'survey-receipt-phone');
  const rows = await storedRows(c.base);
  assert.equal(rows.length, 1);
  assert.ok(!rows[0].includes('0912'), 'phone number masked');
  assert.ok(!rows[0].includes('a.b@example.com'), 'e-mail masked');
  assert.match(rows[0], /1\.001193/);
  await context.close();
  await c.stop();
});

test("a survey link is usable before the catalogue arrives; the procedure's name follows, and the answer carries its tier", { timeout: 120_000 }, async () => {
  const c = await startCollector({ config: CONFIG });
  const { page, context } = await openPage(browser, null);
  // The province's index is held until the survey is usable (View::needs_catalogue in core).
  let release;
  const held = new Promise((ok) => { release = ok; });
  await context.route(/\/data\/quang-tri\/index\.json$/, async (r) => { await held; await r.continue(); });
  await page.goto(c.base + SURVEY);
  await waitReady(page);
  await page.getByRole('button', { name: 'Bắt đầu' }).waitFor();
  const before = await page.locator('.survey .ctx').first().innerText();
  assert.match(before, /1\.001193$/);
  const top = async () => (await page.locator('.survey h2').first().boundingBox()).y;
  const at = await top();
  release();
  await waitFor(page, () => /Đăng ký khai sinh/.test(document.querySelector('.survey .ctx')?.textContent || ''), { what: "the procedure's name" });
  // The province's name arrived in the header too, without moving the survey.
  assert.match(await page.locator('.prov').innerText(), /Quảng Trị/);
  const moved = (await top()) - at;
  assert.ok(Math.abs(moved) < 1, `the survey moved by ${moved} px`);
  await fillSurvey(page);
  await pendingGone(page);
  const rows = await storedRows(c.base);
  assert.equal(rows.length, 1);
  // id, received_at, survey, province, procedure, tier: the tier from the catalogue, read at sending.
  assert.deepEqual(rows[0].split(',').slice(3, 6), ['quang-tri', '1.001193', 'xa'], rows[0]);
  await context.close();
  await c.stop();
});

test('a survey link stays usable when the network fails the catalogue; an unknown province is reported', { timeout: 60_000 }, async () => {
  const c = await startCollector();
  const { page, context } = await openPage(browser, null);
  let refused = 0;
  await context.route(/\/data\/quang-tri\/index\.json$/, (r) => { refused++; return r.abort('internetdisconnected'); });
  await page.goto(c.base + SURVEY);
  await waitReady(page);
  await page.getByRole('button', { name: 'Bắt đầu' }).waitFor();
  // The index was asked for and refused; a few frames later the survey is still there.
  for (let i = 0; i < 100 && refused === 0; i++) await new Promise((ok) => setTimeout(ok, 100));
  assert.ok(refused >= 1, 'the index was asked for');
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 200)))));
  assert.equal(await page.getByRole('button', { name: 'Bắt đầu' }).count(), 1, await page.locator('#main').innerText());
  // A view of the other part is handed over at once, without the catalogue (the finder then reports
  // the refused index itself).
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await page.waitForURL((u) => !u.searchParams.has('mode'));
  await page.getByRole('alert').waitFor();
  await page.goto(c.base + '/v1/?province=khong-co&mode=survey');
  await page.getByText('Không có dữ liệu cho tỉnh').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Bắt đầu' }).count(), 0);
  await context.close();
  await c.stop();
});

test('collector stopped → submit → reload → collector started → exactly one row', { timeout: 120_000 }, async () => {
  let c = await startCollector({ config: CONFIG });
  const { page, context } = await openPage(browser, c.base + SURVEY);
  await waitReady(page);
  await page.getByRole('button', { name: 'Bắt đầu' }).waitFor();
  await cachedInWorker(page, '/data/quang-tri/index.json');
  await c.stop();
  await fillSurvey(page);
  await page.getByText('phản hồi đang chờ gửi').waitFor();
  assert.match(await page.locator('.receipt').innerText(), /sẽ tự gửi khi có mạng/);
  await page.reload(); // served by the service worker while the collector is down
  await waitReady(page);
  await page.getByText('1 phản hồi đang chờ gửi').waitFor();
  // The catalogue and the survey came from the worker's cache too: the widget works offline.
  await page.getByRole('button', { name: 'Bắt đầu' }).waitFor().catch(async (e) => { throw new Error(`${e.message}\n${await offlineState(page)}`); });
  await shot(page, 'outbox-pending-phone');
  c = await startCollector({ config: CONFIG, port: c.port, db: c.db });
  await pendingGone(page);
  assert.equal((await storedRows(c.base)).length, 1);
  await context.close();
  await c.stop();
});

test('a 5xx burst and a lost acknowledgement still give exactly one row, same bytes every time', { timeout: 120_000 }, async () => {
  const c = await startCollector({ config: CONFIG });
  // 503, 500, then forwarded but the 201 is lost (502), then forwarded normally (→ 200).
  // Backoff with jitter makes this take 7–14 s.
  const script = [503, 500, 'forward-then-502', 'forward'];
  const proxy = await startProxy(c.port, (_body, n) => script[Math.min(n, script.length) - 1]);
  const { page, context } = await openPage(browser, proxy.base + SURVEY);
  await waitReady(page);
  await fillSurvey(page);
  await pendingGone(page, 45000);
  assert.equal((await storedRows(c.base)).length, 1);
  assert.equal(proxy.posts.length, 4);
  assert.equal(new Set(proxy.posts.map((p) => p.body)).size, 1, 'the body is byte-identical on every retry');
  assert.deepEqual(proxy.posts.map((p) => p.attempt), ['1', '2', '3', '4']);
  await context.close();
  await proxy.close();
  await c.stop();
});

test('a refused answer is kept as failed, with its reason and a download', { timeout: 120_000 }, async () => {
  const c = await startCollector({ config: CONFIG });
  const proxy = await startProxy(c.port, () => 400);
  const { page, context } = await openPage(browser, proxy.base + SURVEY);
  await waitReady(page);
  await fillSurvey(page);
  await page.getByText('Phản hồi không gửi được').waitFor();
  assert.match(await page.locator('.banner.warn').innerText(), /Injected by the test proxy|Thử nghiệm/);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải câu trả lời' }).click();
  assert.match((await download).suggestedFilename(), /^phan-hoi-.*\.json$/);
  assert.equal((await storedRows(c.base)).length, 0);
  await context.close();
  await proxy.close();
  await c.stop();
});

test('one-tap "was this helpful?" stores one answer with its comment, even if pressed again', { timeout: 120_000 }, async () => {
  const c = await startCollector({ config: CONFIG });
  // Through a counting proxy: a second send of the same answer would be deduplicated by the
  // collector, so only the number of POSTs shows it.
  const proxy = await startProxy(c.port, () => 'forward');
  const { page, context } = await openPage(browser, proxy.base + '/v1/?province=quang-tri&procedure=1.004222');
  await waitReady(page);
  await page.locator('.helpful summary').click();
  await page.locator('#helpful-c').fill('Nên ghi rõ giờ làm việc');
  const yes = page.locator('.helpful').getByRole('button', { name: 'Có', exact: true });
  await yes.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter'); // a second press on the stale focus sends nothing
  await page.locator('.helpful').getByText('Cảm ơn bạn!').waitFor();
  await pendingGone(page);
  const rows = await storedRows(c.base);
  assert.equal(rows.length, 1);
  assert.match(rows[0], /helpful@2025/);
  assert.match(rows[0], /Nên ghi rõ giờ làm việc/);
  // The view is rebuilt on a language switch: the rating is not offered again.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
  await page.locator('.helpful').getByText('Cảm ơn bạn!').waitFor();
  assert.equal(await page.locator('.helpful').getByRole('button', { name: 'Có', exact: true }).count(), 0);
  assert.equal(proxy.posts.length, 1, 'one POST in all');
  await context.close();
  await proxy.close();
  await c.stop();
});

test('a damaged stored entry is reported and kept, and does not hold other answers back', { timeout: 120_000 }, async () => {
  const c = await startCollector({ config: CONFIG });
  const { page, context } = await openPage(browser, c.base + SURVEY);
  await waitReady(page);
  await page.evaluate(() => localStorage.setItem('tthc-outbox-v2:damaged', '{"id": 7'));
  await page.reload();
  await waitReady(page);
  await page.getByText('Một phiếu lưu trên máy này bị hỏng').waitFor();
  await fillSurvey(page);
  for (let i = 0; i < 100 && (await storedRows(c.base)).length === 0; i++) await page.waitForTimeout(100);
  assert.equal((await storedRows(c.base)).length, 1);
  assert.equal(await page.evaluate(() => localStorage.getItem('tthc-outbox-v2:damaged')), '{"id": 7');
  await context.close();
  await c.stop();
});
