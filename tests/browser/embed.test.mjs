// Embedding across sites, as in real life: the demo portal (tests/portal) on 127.0.0.1 with its own
// CSP, the widget from the collector on localhost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, launch, openPage, freePort, shot, fillSurvey, storedRows, waitFor, CONFIG, DESKTOP, PHONE } from './lib.mjs';
import { startPortal } from '../portal/server.mjs';

let browser, collector, portal, widget;
const tag = (attrs) => `<script src="${widget}/v1/embed.js" ${attrs} async></script>`;
const page = (body) => `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng tỉnh (thử)</title></head>
  <body><main><h1>Cổng thông tin tỉnh</h1>${body}</main></body></html>`;

before(async () => {
  browser = await launch();
  const port = await freePort();
  collector = await startCollector({ config: `allowed_origins = ["http://127.0.0.1:${port}"]\n${CONFIG}` });
  widget = `http://localhost:${collector.port}`;
  portal = await startPortal({
    port, widget,
    pages: {
      '/two': page(`<div id="a"></div><div id="b"></div>
        ${tag('data-province="quang-tri" data-target="#a"')}${tag('data-province="hue" data-lang="en" data-target="#b"')}`),
      // A portal that puts the tag in <head> (async) before its target, and whose CSS fights the widget.
      '/hostile': `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng (CSS lạ)</title>
        <link rel="stylesheet" href="/hostile.css">
        ${tag('data-province="quang-tri" data-target="#late"')}${tag('data-province="quang-tri" data-mode="button"')}</head>
        <body><main><h1>Cổng</h1><p>Nội dung</p><div id="late"></div></main></body></html>`,
      '/hostile.css': 'button { display: none !important; } iframe { height: 0 !important; display: none !important; } *:focus { outline: none !important; }',
      '/survey': page(`<p id="submitted" role="status"></p>${tag('data-province="quang-tri" data-mode="button" data-view="survey" data-label="Đánh giá dịch vụ"')}
        <script src="/portal.js"></script>`),
    },
  });
});
after(async () => { await browser?.close(); await collector?.stop(); await portal?.close(); });

/** The portal page, recording the widget's messages and every request the page makes. */
async function portalPage(path = '/', viewport = DESKTOP) {
  const w = await openPage(browser, null, viewport);
  w.requests = [];
  w.page.on('request', (r) => w.requests.push(r.url()));
  await w.page.addInitScript(() => {
    window.__msgs = [];
    window.addEventListener('message', (e) => window.__msgs.push({ origin: e.origin, data: e.data }));
  });
  await w.page.goto(portal.base + path);
  return w;
}

/** CSP violations recorded in the portal page and in every widget frame. */
async function violations(p) {
  const all = [];
  // Every live frame is read; one that cannot be read fails the test rather than being skipped.
  for (const f of p.frames()) if (!f.isDetached()) all.push(...await f.evaluate(() => window.__csp || []));
  return all;
}

const readies = (p, n) => p.waitForFunction((k) => window.__msgs.filter((m) => m.data.type === 'ready').length >= k, n, { timeout: 20000 });

test('demo portal: inline widget in a sandboxed cross-site iframe, ready, resized, no CSP violation', { timeout: 120_000 }, async () => {
  const { page: p, context, requests, errors } = await portalPage();
  await readies(p, 1);
  const frame = p.locator('#tthc-inline iframe');
  assert.equal(await frame.getAttribute('sandbox'), 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads');
  assert.equal(await frame.getAttribute('loading'), 'lazy');
  assert.match(await frame.getAttribute('title'), /Tra cứu thủ tục/);
  await p.waitForFunction(() => window.__msgs.some((m) => m.data.type === 'resize' && m.data.height > 200));
  const msgs = await p.evaluate(() => window.__msgs);
  assert.ok(msgs.every((m) => m.origin === widget), JSON.stringify(msgs));
  const inline = p.frameLocator('#tthc-inline iframe');
  await inline.locator('#q').fill('lltp');
  await inline.locator('#results li').first().waitFor();
  assert.match(await inline.locator('#results li').first().innerText(), /3\.000333/);
  // The frame grows with its content: the portal page, not the frame, scrolls.
  await p.waitForFunction(() => document.querySelector('#tthc-inline iframe').getBoundingClientRect().height > 480);
  // The two buttons exist, but no widget code was fetched for them (one frame = one wasm fetch).
  assert.equal(requests.filter((u) => /\/widget_bg-[0-9a-f]{10}\.wasm$/.test(u)).length, 1, requests.join('\n'));
  assert.equal(await p.getByRole('button', { name: 'Tra cứu & góp ý' }).count(), 1);
  assert.deepEqual(await violations(p), []);
  assert.deepEqual(errors, []);
  await shot(p, 'portal-demo-desktop');
  await context.close();
});

test('two widgets on one page: each its own province and language; the lazy one loads when scrolled near', { timeout: 120_000 }, async () => {
  const { page: p, context } = await portalPage('/two');
  await readies(p, 1);
  await p.locator('#b').scrollIntoViewIfNeeded();
  await readies(p, 2);
  await p.frameLocator('#b iframe').getByRole('button', { name: 'Find', exact: true }).waitFor();
  await p.frameLocator('#a iframe').getByRole('button', { name: 'Tra cứu', exact: true }).waitFor();
  assert.deepEqual(await violations(p), []);
  await context.close();
});

test('floating button: the wasm is fetched only when opened; dialog traps focus; Esc closes; reopening keeps the frame', { timeout: 120_000 }, async () => {
  const { page: p, context, requests } = await portalPage('/', PHONE);
  const button = p.getByRole('button', { name: 'Tra cứu & góp ý' });
  await button.waitFor();
  const wasmFetches = () => requests.filter((u) => /\/widget_bg-[0-9a-f]{10}\.wasm$/.test(u)).length;
  // Only the inline frame's widget, once it is near; none for the buttons.
  await readies(p, 1);
  assert.equal(wasmFetches(), 1);
  const box = await button.boundingBox();
  assert.ok(box.height >= 44 && box.width >= 44 && box.y + box.height <= 740, JSON.stringify(box));
  await button.click();
  const dialog = p.getByRole('dialog', { name: 'Tra cứu & góp ý' });
  await dialog.waitFor();
  await readies(p, 2);
  assert.equal(wasmFetches(), 2);
  assert.equal(await p.evaluate(() => document.activeElement.textContent), 'Đóng ✕');
  // The page behind is inert; Tab from the frame's last control wraps to the close button.
  assert.equal(await p.evaluate(() => document.querySelector('main').inert), true);
  await p.keyboard.press('Shift+Tab');
  assert.equal(await p.evaluate(() => document.activeElement.tagName), 'IFRAME');
  const frame = p.frameLocator('[role=dialog] iframe');
  await frame.locator('#q').focus();
  // keydown only: a keyup sent to a frame hidden meanwhile may never be acknowledged.
  await p.keyboard.down('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await p.keyboard.up('Escape');
  assert.equal(await p.evaluate(() => document.activeElement.textContent), 'Tra cứu & góp ý');
  assert.equal(await p.evaluate(() => document.querySelector('main').inert), false);
  await button.click();
  await dialog.waitFor();
  assert.equal(wasmFetches(), 2, 'reopening shows the same frame');
  await p.getByRole('button', { name: 'Đóng ✕' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual(await violations(p), []);
  await context.close();
});

test('a tag in <head> finds its target once parsed; portal CSS cannot hide the button or crush the frame', { timeout: 120_000 }, async () => {
  const { page: p, context } = await portalPage('/hostile', PHONE);
  await readies(p, 1);
  const box = await p.locator('#late iframe').boundingBox();
  assert.ok(box && box.height >= 480, JSON.stringify(box));
  const button = p.getByRole('button', { name: 'Tra cứu & góp ý' });
  assert.equal(await button.isVisible(), true);
  await button.focus();
  assert.equal(await button.evaluate((b) => getComputedStyle(b).outlineStyle), 'solid', 'focus stays visible');
  await button.click();
  const dialog = p.getByRole('dialog');
  await dialog.waitFor();
  assert.equal(await p.getByRole('button', { name: 'Đóng ✕' }).isVisible(), true);
  // Something the portal adds while the dialog is open is inert too; Esc from the backdrop closes.
  await p.evaluate(() => { const b = document.createElement('button'); b.id = 'chat'; b.textContent = 'Chat'; document.body.appendChild(b); });
  await p.waitForFunction(() => document.getElementById('chat').inert === true);
  await p.mouse.click(5, 5);
  await p.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await p.evaluate(() => document.getElementById('chat').inert || document.querySelector('main').inert), false);
  await context.close();
});

test('a button with a procedure opens its detail in the dialog', { timeout: 120_000 }, async () => {
  const { page: p, context } = await portalPage('/', PHONE);
  // The inline widget above the button resizes its frame when it is ready, which moves the button:
  // a click in that moment would land on the frame. Click once the layout has settled.
  const button = p.getByRole('button', { name: 'Xem và đánh giá thủ tục khai sinh' });
  await readies(p, 1);
  await waitFor(p, async () => {
    const at = () => document.querySelector('#tthc-birth button').getBoundingClientRect().top + window.scrollY;
    const a = at();
    await new Promise((r) => setTimeout(r, 300));
    return a === at();
  }, { what: 'the button to stop moving' });
  await button.click();
  await p.getByRole('dialog').waitFor();
  const frame = p.frameLocator('[role=dialog] iframe');
  // On a timeout, say what the frame showed instead, so a failure on a busy machine can be read.
  await frame.locator('.detail h2').waitFor().catch(async (e) => {
    const shown = await frame.locator('body').innerText({ timeout: 2000 }).catch(() => '(frame unreadable)');
    const dialogs = await p.locator('[role=dialog]').evaluateAll((els) => els.map((el) => el.outerHTML.slice(0, 300)));
    await shot(p, 'portal-dialog-failure');
    throw new Error(`${e.message}\nthe frame showed: ${shown}\npage: ${p.url()}\ndialogs: ${dialogs.join('\n')}`);
  });
  assert.match(await frame.locator('.detail h2').innerText(), /Đăng ký khai sinh/);
  await shot(p, 'portal-dialog-phone');
  assert.deepEqual(await violations(p), []);
  await context.close();
});

test('storage blocked in the cross-site frame: the answer is kept in memory, sent once, and the portal hears it', { timeout: 120_000 }, async () => {
  const { page: p, context } = await portalPage('/survey', PHONE);
  await p.getByRole('button', { name: 'Đánh giá dịch vụ' }).click();
  const frame = p.frameLocator('[role=dialog] iframe');
  // A fresh browser context blocks third-party storage, as private windows and some browsers do.
  await frame.getByRole('button', { name: 'Bắt đầu' }).waitFor();
  const widgetFrame = p.frames().find((f) => f.url().startsWith(widget));
  assert.equal(await widgetFrame.evaluate(() => { try { return localStorage.length >= 0; } catch { return false; } }), false);
  const before = (await storedRows(collector.base)).length;
  await fillSurvey(frame);
  await p.waitForFunction(() => window.__msgs.some((m) => m.data.type === 'submitted'));
  for (let i = 0; i < 100 && (await storedRows(collector.base)).length === before; i++) await p.waitForTimeout(100);
  assert.equal((await storedRows(collector.base)).length, before + 1);
  assert.equal(await p.locator('#submitted').innerText(), 'Cảm ơn bạn đã góp ý. · Thank you for your feedback.');
  assert.deepEqual(await violations(p), []);
  await context.close();
});

test('a portal that is not allowed cannot frame the widget; the loader falls back to a link', { timeout: 120_000 }, async () => {
  const other = await startPortal({
    port: await freePort(), widget,
    pages: { '/': page(`<div id="w"></div>${tag('data-province="quang-tri" data-target="#w"')}`) },
  });
  const { page: p, context } = await openPage(browser, other.base + '/', DESKTOP);
  const link = p.locator('#w a');
  await link.waitFor({ timeout: 25000 });
  assert.match(await link.getAttribute('href'), /\/v1\/\?province=quang-tri/);
  await context.close();
  await other.close();
});
