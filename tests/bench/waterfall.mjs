// Waterfall of cold loads under the bench's throttling (a diagnostic run by hand; not part of make bench):
// node tests/bench/waterfall.mjs [extra query, e.g. '&mode=survey'] [ready flag, e.g. __surveyStart]
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, startCollector, PHONE } from '../browser/lib.mjs';
import { CPU_RATE, SLOW_4G, watchSurveyStart } from './conditions.mjs';
const require = createRequire(import.meta.url);
const { chromium } = require(path.join(ROOT, 'tools/node_modules/playwright-core'));
const collector = await startCollector({ dist: process.env.BENCH_DIST || path.join(ROOT, 'dist') });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const url = `${collector.base}/v1/?province=quang-tri${process.argv[2] || ''}`;
const flag = process.argv[3] || '__ready';
for (let run = 0; run < 2; run++) {
  const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
  await context.addInitScript(watchSurveyStart);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((f) => typeof window[f] === 'number', flag, { timeout: 60000 });
  const r = await page.evaluate((f) => ({ ready: window[f], nav: performance.getEntriesByType('navigation')[0].responseEnd,
    res: performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.responseStart), Math.round(e.responseEnd), e.transferSize]) }), flag);
  console.log(`run ${run}: ready ${r.ready.toFixed(0)} ms, html done ${r.nav.toFixed(0)}`);
  for (const x of r.res) console.log('  ', x.join('\t'));
  await context.close();
}
await browser.close(); collector.stop?.(); process.exit(0);
