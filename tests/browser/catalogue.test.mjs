// Self-check in a real browser: search, filters, detail, life events, language, configuration errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, launch, openPage, waitReady, cspViolations, shot, PHONE, DESKTOP } from './lib.mjs';

let collector, browser;
before(async () => { collector = await startCollector(); browser = await launch(); });
after(async () => { await browser?.close(); await collector?.stop(); });

const url = (q) => `${collector.base}/v1/?${q}`;

async function open(q, viewport = PHONE) {
  const w = await openPage(browser, url(q), viewport);
  await waitReady(w.page);
  return w;
}

async function search(page, text) {
  await page.fill('#q', text);
  return page.locator('#results li').first().innerText();
}

test('unaccented query, abbreviation and code find the right procedure', { timeout: 120_000 }, async () => {
  const { page, context, errors } = await open('province=quang-tri');
  assert.match(await search(page, 'dang ky khai sinh'), /1\.001193/);
  assert.match(await search(page, 'lltp'), /3\.000333/);
  assert.match(await search(page, '1001193'), /1\.001193/);
  assert.match(await search(page, 'giay phep lai xe'), /3\.00034[678]/);
  // NFD input (decomposed marks), as some keyboards send it.
  assert.match(await search(page, 'khai sinh'.normalize('NFD')), /1\.00/);
  await page.fill('#q', 'đăng ký khai sinh');
  await shot(page, 'search-phone');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('no result shows suggestions; filter chips narrow to Toàn trình', { timeout: 120_000 }, async () => {
  const { page, context } = await open('province=quang-tri');
  await page.fill('#q', 'khai sinh xyzxyz');
  await page.getByText('Không tìm thấy thủ tục nào').waitFor();
  await page.fill('#q', '');
  await page.getByRole('button', { name: 'Toàn trình', exact: true }).click();
  const badges = await page.locator('#results .badge').allInnerTexts();
  assert.ok(badges.length > 3, 'some procedures are fully online');
  // At no chosen place a procedure whose level varies by office is kept when Toàn trình is one of them.
  for (const b of badges) assert.match(b, /^Toàn trình · Mức 4|^Tùy nơi: Toàn trình – /);
  assert.equal(await page.getByRole('button', { name: 'Toàn trình', exact: true }).getAttribute('aria-pressed'), 'true');
  await context.close();
});

test('procedure detail: level, what to prepare, how to apply', { timeout: 120_000 }, async () => {
  // Huế has no registry: its typical levels are labelled and point to the provincial portal.
  const { page, context } = await open('province=hue');
  await search(page, 'dang ky thuong tru');
  await page.locator('#results li button').first().click();
  await page.locator('.detail .levelbox').waitFor();
  await page.getByRole('heading', { name: 'Cần chuẩn bị' }).waitFor();
  assert.ok(await page.locator('.docs li').count() >= 1);
  assert.match(await page.locator('.levelbox').innerText(), /Kiểm tra trên Cổng DVC tỉnh|Theo danh mục tỉnh/);
  const online = page.getByRole('link', { name: /Làm trực tuyến/ });
  assert.match(await online.getAttribute('href'), /^https:\/\//);
  await shot(page, 'detail-phone');
  await context.close();
});

test('deep link opens a procedure; life-event self-check lists steps', { timeout: 120_000 }, async () => {
  const { page, context } = await open('province=quang-tri&procedure=3.000333');
  await page.locator('.detail .levelbox').waitFor();
  assert.match(await page.locator('.detail').innerText(), /3\.000333/);
  await page.getByRole('navigation').getByRole('button', { name: 'Bạn cần làm gì?' }).click();
  await page.locator('.tile').first().waitFor();
  await page.locator('.tile', { hasText: /sinh/i }).first().click();
  const steps = await page.locator('.steps li').allInnerTexts();
  assert.ok(steps.some((s) => s.includes('1.001193')), 'birth includes khai sinh');
  assert.match(await page.locator('.summary').innerText(), /\d+\/\d+/);
  await shot(page, 'life-event-phone');
  await context.close();
});

test('language switch and province overview', { timeout: 120_000 }, async () => {
  const { page, context } = await open('province=quang-tri', DESKTOP);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('button', { name: 'Find', exact: true }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.getByRole('navigation').getByRole('button', { name: 'Province', exact: true }).click();
  await page.getByText('Published figures').waitFor();
  await shot(page, 'province-desktop');
  await context.close();
});

test('unknown province and hostile query parameters give clear messages', { timeout: 120_000 }, async () => {
  let w = await open('province=ha-noi-khong-co');
  await w.page.getByText('Không có dữ liệu cho tỉnh').waitFor();
  assert.ok(await w.page.getByRole('link', { name: 'Quảng Trị' }).count() >= 1);
  await w.context.close();
  w = await open('province=https://evil.example/data.json&lang=fr');
  const alert = await w.page.getByRole('alert').innerText();
  assert.match(alert, /Cấu hình tiện ích chưa đúng/);
  assert.match(alert, /lang/);
  await w.context.close();
});

test('320 px wide: no horizontal scroll', { timeout: 120_000 }, async () => {
  const { page, context } = await open('province=quang-tri', { width: 320, height: 640 });
  await search(page, 'chung thuc');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
  await context.close();
});
