// Shared helpers for the browser tests: a real collector on 127.0.0.1 serving the built dist/, and
// Debian's headless Chromium driven by playwright-core (it never downloads a browser).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, cpSync, writeFileSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { chromium } = require(path.join(ROOT, 'tools/node_modules/playwright-core'));
export const OUT = path.join(ROOT, 'tests/browser/out');
mkdirSync(OUT, { recursive: true });

export const COLLECTOR = process.env.COLLECTOR_BIN || path.join(ROOT, 'target/debug/collector');

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

export function tempDir(prefix = 'tthc-') {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A copy of dist/ the test may damage. */
export function distCopy() {
  const dir = path.join(tempDir('tthc-dist-'), 'dist');
  cpSync(path.join(ROOT, 'dist'), dir, { recursive: true });
  return dir;
}

// A failed test must not leave a collector behind (it would keep the test process alive).
const running = new Set();
process.on('exit', () => { for (const p of running) p.kill('SIGKILL'); });

/** Starts the collector; resolves once /healthz answers. `opts.db` keeps a database across restarts. */
export async function startCollector(opts = {}) {
  const port = opts.port || await freePort();
  const db = opts.db || path.join(tempDir(), 'collector.sqlite');
  const args = ['--db', db, '--listen', `127.0.0.1:${port}`, '--static', opts.dist || path.join(ROOT, 'dist')];
  if (opts.config) {
    const file = path.join(tempDir(), 'collector.toml');
    writeFileSync(file, opts.config);
    args.push('--config', file);
  }
  if (opts.noRateLimit !== false) args.push('--no-rate-limit');
  const proc = spawn(COLLECTOR, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  // Never keep the test process alive: a failed test's collector is killed at exit.
  proc.unref();
  proc.stderr.unref();
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  let healthy = false;
  for (let i = 0; i < 200 && !healthy; i++) {
    try { healthy = (await fetch(base + '/healthz')).ok; } catch { /* not up yet */ }
    if (proc.exitCode !== null) throw new Error('collector exited: ' + log);
    if (!healthy) await new Promise((r) => setTimeout(r, 50));
  }
  if (!healthy) {
    proc.kill('SIGKILL');
    throw new Error('collector not healthy after 10 s: ' + log);
  }
  return {
    base, port, db, proc,
    log: () => log,
    async stop() {
      if (proc.exitCode !== null) return;
      const done = new Promise((r) => proc.once('exit', r));
      proc.ref(); // keep the event loop alive until the collector has really gone
      proc.kill('SIGTERM');
      await done;
    },
    /** A crash: SIGKILL, no draining. */
    async kill() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const done = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await done;
    },
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

/**
 * A page that records CSP violations, page errors and console errors, so a test can assert none
 * happened. Call `await watch.check()` at the end.
 */
export async function openPage(browser, url, viewport = PHONE) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
    });
  });
  if (url) await page.goto(url);
  return { context, page, errors };
}

export async function waitReady(page) {
  await page.waitForFunction(() => typeof window.__ready === 'number', null, { timeout: 20000 });
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__csp || []);
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(OUT, name + '.png'), fullPage: true });
}

const AXE = readFileSync(path.join(ROOT, 'tools/node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core WCAG 2.x A/AA (incl. 2.2 target size) violations in a page or frame (injected through
 * the DevTools protocol, not as an inline script). */
export async function axe(frame) {
  await frame.evaluate(AXE);
  const r = await frame.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
  return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/** What the page shows and what its service worker holds: the message of an offline test that fails. */
export async function offlineState(page) {
  const app = (await page.locator('#app').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 400);
  const sw = await page.evaluate(async () => ({
    controller: navigator.serviceWorker.controller ? navigator.serviceWorker.controller.scriptURL : null,
    caches: await Promise.all((await caches.keys()).map(async (k) => [k, (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname)])),
  })).catch((e) => String(e));
  return `page shows: ${app}\nworker: ${JSON.stringify(sw)}`;
}

export const EXPORT_TOKEN = 'browser-test-token-0123456789';
export const CONFIG = `export_tokens = ["${EXPORT_TOKEN}"]\n`;

/** Rows stored by the collector, read through its own CSV export. */
export async function storedRows(base) {
  const res = await fetch(base + '/api/v1/export.csv', { headers: { Authorization: 'Bearer ' + EXPORT_TOKEN } });
  if (!res.ok) throw new Error('export failed: ' + res.status);
  const text = (await res.text()).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  return lines.slice(1);
}

/**
 * A real HTTP proxy in front of the collector, so a test can make the network misbehave:
 * `onPost(body, n)` decides for the n-th POST /api/v1/responses: 'forward', a status to answer
 * with a collector-like JSON refusal without forwarding, { status, html: true } for a CDN's or
 * firewall's HTML page, or 'forward-then-502' (committed upstream, response lost on the way back);
 * `onGet(url, n)` for the n-th GET: 'forward', a status (a gateway's HTML error page), 'hang' (no
 * answer) or { delay } (ms, then forward). With the collector down it answers 502 with an HTML
 * page, as nginx does.
 */
export async function startProxy(targetPort, onPost, onGet = () => 'forward') {
  const http = await import('node:http');
  const port = await freePort();
  const posts = [];
  const gets = [];
  const gateway = (res, status) => {
    res.writeHead(status, { 'content-type': 'text/html' });
    res.end(`<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>nginx</center></body></html>`);
  };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      let action = 'forward';
      if (req.method === 'POST' && req.url.startsWith('/api/v1/responses')) {
        posts.push({ body: body.toString('utf8'), attempt: req.headers['x-attempt'] });
        action = onPost(body.toString('utf8'), posts.length);
        if (action && action.html) return gateway(res, action.status);
        if (typeof action === 'number') {
          res.writeHead(action, { 'content-type': 'application/json', 'retry-after': '1' });
          res.end(JSON.stringify({ errors: [{ field: 'body', message_vi: 'Thử nghiệm', message_en: 'Injected by the test proxy' }] }));
          return;
        }
      } else if (req.method === 'GET') {
        gets.push(req.url);
        action = onGet(req.url, gets.length);
        if (action === 'hang') return;
        if (typeof action === 'number') return gateway(res, action);
        if (action && action.delay) await new Promise((r) => setTimeout(r, action.delay));
      }
      const up = http.request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers }, (ur) => {
        if (action === 'forward-then-502') {
          ur.resume();
          ur.on('end', () => { res.writeHead(502); res.end(); });
          return;
        }
        res.writeHead(ur.statusCode, ur.headers);
        ur.pipe(res);
      });
      up.on('error', () => gateway(res, 502));
      up.end(body);
    });
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  server.unref(); // a failed test's proxy must not keep the test process alive
  return {
    base: `http://127.0.0.1:${port}`, posts, gets,
    close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }),
  };
}

/**
 * Waits until `fn` (run in the page; it may be async) returns something truthy, and returns it.
 * It polls with page.evaluate: Playwright's waitForFunction takes a synchronous predicate, and an
 * async one returns a Promise, which counts as truthy at once, so that wait would not wait.
 */
export async function waitFor(page, fn, { arg, timeout = 20000, what = 'a condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    // A navigation between two polls destroys the context: not an answer, poll again.
    const v = await page.evaluate(fn, arg).catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`waited ${timeout} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether the service worker controls the page and holds `suffix` in exactly one cache. */
export function cachedInWorker(page, suffix, opts = {}) {
  return waitFor(page, async (s) => {
    const keys = await caches.keys();
    return !!navigator.serviceWorker.controller && keys.length === 1 &&
      (await (await caches.open(keys[0])).keys()).some((r) => new URL(r.url).pathname.endsWith(s));
  }, { arg: suffix, what: `the worker to cache ${suffix}`, ...opts });
}

/** Answers every question of a survey with "4" (or the top value) and `comment`, then presses send. */
export async function fillSurvey(page, comment = '') {
  await page.getByRole('button', { name: 'Bắt đầu' }).waitFor();
  await page.getByText('Trực tuyến toàn trình').click();
  await page.getByRole('button', { name: 'Bắt đầu' }).click();
  for (;;) {
    const review = page.getByRole('button', { name: 'Gửi đánh giá' });
    if (await review.count()) break;
    const groups = page.locator('fieldset.group:not(.profile fieldset)');
    const n = await groups.count();
    for (let i = 0; i < n; i++) {
      const g = groups.nth(i);
      const wanted = g.locator('input[value="4"]');
      if (await wanted.count()) await wanted.check(); else await g.locator('input[value="5"]').check();
    }
    if (comment && await page.locator('textarea').count()) await page.locator('textarea').first().fill(comment);
    await page.locator('.navbtns .primary').click();
  }
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await page.locator('.rcode').waitFor();
  return page.locator('.rcode').innerText();
}
