// Embedding across sites, as in real life: the portal page on 127.0.0.1, the widget on localhost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startCollector, launch, openPage, freePort, shot, DESKTOP } from './lib.mjs';

let browser, collector, portal, portalBase;
before(async () => {
  browser = await launch();
  const port = await freePort();
  portalBase = `http://127.0.0.1:${port}`;
  collector = await startCollector({ config: `allowed_origins = ["${portalBase}"]\n` });
  const widget = `http://localhost:${collector.port}/v1/embed.js`;
  const page = (body) => `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng tỉnh (thử)</title></head><body>
    <h1>Cổng thông tin tỉnh</h1>${body}<script src="${widget}"></script></body></html>`;
  const pages = {
    '/': page(`<div id="inline" data-tthc-widget data-province="quang-tri" data-lang="vi" data-mode="inline"></div>
      <div id="second" data-tthc-widget data-province="hue" data-lang="en" data-mode="inline"></div>`),
    '/modal': page(`<p>Dịch vụ công</p><div id="modal" data-tthc-widget data-province="quang-tri" data-mode="button" data-view="survey" data-label="Đánh giá dịch vụ"></div>`),
  };
  portal = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(pages[req.url] || pages['/']); });
  await new Promise((r) => portal.listen(port, '127.0.0.1', r));
});
after(async () => { await browser?.close(); await collector?.stop(); await new Promise((r) => portal.close(r)); });

/** Records the widget's messages on the portal page. */
async function portalPage(path = '/') {
  const w = await openPage(browser, null, DESKTOP);
  await w.page.addInitScript(() => {
    window.__msgs = [];
    window.addEventListener('message', (e) => window.__msgs.push({ origin: e.origin, data: e.data }));
  });
  await w.page.goto(portalBase + path);
  return w;
}

test('inline widgets load in sandboxed iframes across sites and report ready and height', { timeout: 120_000 }, async () => {
  const { page, context } = await portalPage();
  const readies = (n) => page.waitForFunction((k) => window.__msgs.filter((m) => m.data.type === 'ready').length >= k, n, { timeout: 20000 });
  await readies(1);
  // The second frame is lazy: it loads when scrolled near, like on a real portal.
  await page.locator('#second').scrollIntoViewIfNeeded();
  await readies(2);
  const msgs = await page.evaluate(() => window.__msgs);
  assert.ok(msgs.every((m) => m.origin === `http://localhost:${collector.port}`), JSON.stringify(msgs));
  const frame = page.locator('#inline iframe');
  assert.equal(await frame.getAttribute('sandbox'), 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads');
  assert.equal(await frame.getAttribute('loading'), 'lazy');
  assert.match(await frame.getAttribute('title'), /Tra cứu thủ tục/);
  await page.waitForFunction(() => window.__msgs.some((m) => m.data.type === 'resize' && m.data.height > 200));
  // Each widget is its own province and language.
  const second = page.frameLocator('#second iframe');
  await second.getByRole('button', { name: 'Find', exact: true }).waitFor();
  const first = page.frameLocator('#inline iframe');
  await first.locator('#q').fill('lltp');
  await first.locator('#results li').first().waitFor();
  assert.match(await first.locator('#results li').first().innerText(), /3\.000333/);
  await shot(page, 'portal-inline-desktop');
  await context.close();
});

test('button mode opens a dialog; Esc in the widget closes it and focus returns to the button', { timeout: 120_000 }, async () => {
  const { page, context } = await portalPage('/modal');
  const button = page.getByRole('button', { name: 'Đánh giá dịch vụ' });
  await button.click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const frame = page.frameLocator('[role=dialog] iframe');
  await frame.getByRole('button', { name: 'Bắt đầu' }).waitFor();
  await frame.getByRole('button', { name: 'Bắt đầu' }).focus();
  // keydown only: the frame is removed while handling it, and a keyup sent to a removed
  // out-of-process frame may never be acknowledged.
  await page.keyboard.down('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.keyboard.up('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Đánh giá dịch vụ');
  await context.close();
});

test('a portal that is not allowed cannot frame the widget; the loader falls back to a link', { timeout: 120_000 }, async () => {
  const other = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><div id="w" data-tthc-widget data-province="quang-tri"></div><script src="http://localhost:${collector.port}/v1/embed.js"></script>`);
  });
  const port = await freePort();
  await new Promise((r) => other.listen(port, '127.0.0.1', r));
  const { page, context } = await openPage(browser, `http://127.0.0.1:${port}/`, DESKTOP);
  const link = page.locator('#w a');
  await link.waitFor({ timeout: 25000 });
  assert.match(await link.getAttribute('href'), /\/v1\/\?province=quang-tri/);
  await context.close();
  await new Promise((r) => other.close(r));
});
