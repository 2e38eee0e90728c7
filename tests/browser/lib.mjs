// Shared helpers for the browser tests: a real collector on 127.0.0.1 serving the built dist/, and
// Debian's headless Chromium driven by playwright-core (it never downloads a browser).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, cpSync, writeFileSync } from 'node:fs';
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
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(base + '/healthz')).ok) break; } catch { /* not up yet */ }
    if (proc.exitCode !== null) throw new Error('collector exited: ' + log);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base, port, db, proc,
    log: () => log,
    async stop() {
      if (proc.exitCode !== null) return;
      const done = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
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
