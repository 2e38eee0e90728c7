// Real levels per commune from Quảng Trị's registry: the place picker, the level at the chosen
// ward, the filing action, a mixed-level procedure, a procedure the registry does not list, the
// place kept across a reload, and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, launch, openPage, waitReady, cspViolations, shot, axe, PHONE, DESKTOP } from './lib.mjs';

let collector, browser;
before(async () => { collector = await startCollector(); browser = await launch(); });
after(async () => { await browser?.close(); await collector?.stop(); });

const url = (q) => `${collector.base}/v1/?${q}`;

async function open(q, viewport = PHONE, context) {
  const w = context ? { context, page: await context.newPage(), errors: [] } : await openPage(browser, null, viewport);
  await w.page.goto(url(q));
  await waitReady(w.page);
  return w;
}

/** Chooses a ward in the picker by typing part of its name without diacritics. */
async function choosePlace(page, typed, name) {
  const picker = page.locator('.place');
  if (await picker.getByRole('button', { name: /Đổi nơi ở|Change place/ }).count()) {
    await picker.getByRole('button', { name: /Đổi nơi ở|Change place/ }).click();
  }
  await picker.locator('input').fill(typed);
  await picker.getByRole('button', { name, exact: true }).click();
  await picker.locator('.placename').waitFor();
  assert.equal(await picker.locator('.placename').innerText(), name);
}

async function openDetail(page, query, code) {
  await page.fill('#q', query);
  await page.locator(`#results button[data-code="${code}"]`).click();
  await page.locator('.detail .levelbox').waitFor();
}

test('a ward chosen: "ket hon" is Toàn trình there, with the filing link', { timeout: 120_000 }, async () => {
  const { page, context, errors } = await open('province=quang-tri');
  await page.getByText('Bạn ở xã/phường nào?').waitFor();
  await choosePlace(page, 'dong ha', 'Phường Đông Hà');
  await page.fill('#q', 'ket hon');
  const row = page.locator('#results button[data-code="1.000894"]');
  assert.match(await row.locator('.badge').innerText(), /^Toàn trình · Mức 4$/);
  await shot(page, 'registry-search-phone');
  await row.click();
  await page.locator('.detail .levelbox').waitFor();
  const box = page.locator('.levelbox');
  assert.match(await box.locator('.badge').first().innerText(), /Toàn trình/);
  assert.match(await box.innerText(), /Nơi nhận hồ sơ: Phường Đông Hà/);
  assert.match(await box.innerText(), /Cổng DVC quốc gia, danh sách DVC trực tuyến theo cơ quan, 10\/2026, 2026-10-03/);
  const file = box.getByRole('link', { name: /Nộp hồ sơ trực tuyến/ });
  assert.equal(await file.getAttribute('href'), 'https://dichvucongnganhtuphap.moj.gov.vn/danh-sach-thu-tuc');
  assert.equal(await file.getAttribute('target'), '_blank');
  assert.equal(await file.getAttribute('rel'), 'noopener noreferrer');
  assert.deepEqual(await axe(page), []);
  await shot(page, 'registry-detail-phone');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a mixed-level procedure varies until a place is chosen, then shows that place\'s level', { timeout: 120_000 }, async () => {
  const { page, context } = await open('province=quang-tri', DESKTOP);
  await openDetail(page, '2.001827', '2.001827');
  const box = page.locator('.levelbox');
  assert.match(await box.locator('.badge').first().innerText(), /^Tùy nơi: Toàn trình – Một phần$/);
  assert.match(await box.innerText(), /Chọn xã\/phường của bạn/);
  assert.match(await box.innerText(), /Nơi nhận hồ sơ: UBND xã\/phường nơi bạn ở/);
  await shot(page, 'registry-varies-desktop');
  // Keyboard: type, Enter takes the first place found, focus stays on the picker.
  await page.locator('.place input').fill('cua viet');
  await page.locator('.place input').press('Enter');
  assert.equal(await page.locator('.place .placename').innerText(), 'Xã Cửa Việt');
  await page.waitForFunction(() => document.activeElement?.closest('.place') !== null);
  assert.match(await box.locator('.badge').first().innerText(), /^Một phần · Mức 3$/);
  assert.match(await box.innerText(), /Nơi nhận hồ sơ: Xã Cửa Việt/);
  // The departments where it is fully online are listed, not hidden.
  await box.locator('summary').click();
  assert.match(await box.locator('.others').innerText(), /Chi cục Thủy sản và Kiểm ngư - tỉnh Quảng Trị: Toàn trình/);
  assert.deepEqual(await axe(page), []);
  await shot(page, 'registry-place-desktop');
  await context.close();
});

test('a procedure the registry does not list claims no level and points to the national page', { timeout: 120_000 }, async () => {
  const { page, context } = await open('province=quang-tri');
  await page.fill('#q', 'lltp');
  const row = page.locator('#results button[data-code="3.000333"]');
  assert.equal(await row.locator('.badge').innerText(), 'Tỉnh chưa có DVC trực tuyến');
  await row.click();
  const box = page.locator('.detail .levelbox');
  await box.waitFor();
  const text = await box.innerText();
  assert.match(text, /không có thủ tục này/);
  assert.doesNotMatch(text, /Toàn trình|Một phần|Nộp hồ sơ trực tuyến/);
  const national = box.getByRole('link', { name: /Cổng DVC quốc gia/ });
  assert.match(await national.getAttribute('href'), /^https:\/\/dichvucong\.gov\.vn\//);
  await shot(page, 'registry-absent-phone');
  await context.close();
});

test('the place survives a reload; levels are counted there; English too', { timeout: 120_000 }, async () => {
  const w = await open('province=quang-tri');
  await choosePlace(w.page, 'đồng hới', 'Phường Đồng Hới');
  await w.page.reload();
  await waitReady(w.page);
  assert.equal(await w.page.locator('.place .placename').innerText(), 'Phường Đồng Hới');
  // The province page counts "online here" from the registry's levels.
  await w.page.getByRole('button', { name: 'Tỉnh', exact: true }).click();
  const counts = await w.page.locator('.levelcounts').innerText();
  assert.match(counts, /Tỉnh chưa có DVC trực tuyến\s+35\/101/);
  assert.match(counts, /Làm được trực tuyến \(ít nhất một phần\)\s+66\/101/);
  // English: the same place, English labels, a level at the place.
  await w.page.goto(url('province=quang-tri&lang=en'));
  await waitReady(w.page);
  assert.equal(await w.page.locator('.place .placename').innerText(), 'Phường Đồng Hới');
  await w.page.fill('#q', 'marriage');
  assert.match(await w.page.locator('#results button[data-code="1.000894"] .badge').innerText(), /^Fully online · Level 4$/);
  await w.page.fill('#q', '2.001827');
  assert.match(await w.page.locator('#results button[data-code="2.001827"] .badge').innerText(), /^Partly online · Level 3$/);
  await w.page.locator('#results button[data-code="2.001827"]').click();
  const box = w.page.locator('.detail .levelbox');
  await box.waitFor();
  assert.match(await box.innerText(), /Where the dossier goes: Phường Đồng Hới/);
  assert.ok(await box.getByRole('link', { name: /File online/ }).count());
  assert.deepEqual(await axe(w.page), []);
  await shot(w.page, 'registry-detail-en-phone');
  await w.context.close();
});

test('a province without a registry keeps its typical levels, labelled as such', { timeout: 120_000 }, async () => {
  const { page, context } = await open('province=hue');
  assert.equal(await page.locator('.place').count(), 0, 'no directory, no picker');
  await page.fill('#q', 'ket hon');
  assert.match(await page.locator('#results .badge').first().innerText(), /\*$/);
  await context.close();
});
