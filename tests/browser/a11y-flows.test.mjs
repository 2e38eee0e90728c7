// Accessibility of whole flows (WCAG 2.2 AA): the survey by keyboard alone with axe-core at every
// step, named radiogroups, the widget inside the portal's dialog, <html lang>, reduced motion, 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startCollector, launch, openPage, waitReady, freePort, storedRows, axe, CONFIG, PHONE, DESKTOP } from './lib.mjs';
import { startPortal } from '../portal/server.mjs';

const SURVEY = JSON.parse(readFileSync(path.join(ROOT, 'dist/data/surveys/sipas-service-b@2026.json'), 'utf8'));
let browser, collector, portal;
before(async () => {
  const port = await freePort();
  collector = await startCollector({ config: `allowed_origins = ["http://127.0.0.1:${port}"]\n${CONFIG}` });
  portal = await startPortal({ port, widget: `http://localhost:${collector.port}` });
  browser = await launch();
});
after(async () => { await browser?.close(); await collector?.stop(); await portal?.close(); });


/** Controls smaller than 24 × 24 CSS px (radio and checkbox inputs count with their label). */
async function smallTargets(page) {
  return page.evaluate(() => [...document.querySelectorAll('button, a[href], input, select, textarea, summary')]
    .filter((el) => el.getClientRects().length > 0 && !el.closest('p, li.inline'))
    .map((el) => [el, (el.type === 'radio' || el.type === 'checkbox') && el.closest('label') ? el.closest('label') : el])
    .filter(([, box]) => { const r = box.getBoundingClientRect(); return r.width < 24 || r.height < 24; })
    .map(([el]) => el.outerHTML.slice(0, 80)));
}

const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  const group = el.closest('[role=radiogroup]');
  return { tag: el.tagName, type: el.type || '', cls: el.className || '', text: (el.textContent || '').trim(),
    answered: group ? !!group.querySelector('input:checked') : true };
});

test('keyboard only: the whole survey from start to receipt; axe, names and target sizes at every step', { timeout: 180_000 }, async () => {
  const { page, context, errors } = await openPage(browser, `${collector.base}/v1/?province=quang-tri&mode=survey`, PHONE);
  await waitReady(page);
  const before = (await storedRows(collector.base)).length;
  const criteria = SURVEY.elements.flatMap((e) => e.criteria.map((c) => c.text.vi));
  const named = new Set();
  let steps = 0;
  let sawErrors = false;
  for (let i = 0; i < 800 && !(await page.locator('.rcode').count()); i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.type === 'radio' && !f.answered) {
      await page.keyboard.press('Space');
    } else if (f.tag === 'BUTTON' && /\bprimary\b/.test(f.cls)) {
      steps++;
      assert.deepEqual(await axe(page), [], `step ${steps}`);
      assert.deepEqual(await smallTargets(page), [], `step ${steps}`);
      for (const text of criteria) {
        if (await page.getByRole('radiogroup', { name: text }).count()) named.add(text);
      }
      await page.keyboard.press('Enter');
      if (steps === 1) {
        // On the first rating step, go on without answering: errors are listed, announced, axe-clean.
        await page.locator('.navbtns .primary').focus();
        await page.keyboard.press('Enter');
        await page.locator('.errsum.shown').waitFor();
        // Focus moves to the summary (on the next frame).
        await page.waitForFunction(() => !!document.activeElement.closest('.errsum'), null, { timeout: 5000 });
        assert.deepEqual(await axe(page), [], 'error summary');
        sawErrors = true;
      }
    }
  }
  await page.locator('.rcode').waitFor();
  assert.deepEqual(await axe(page), [], 'receipt');
  assert.ok(steps >= 3 && sawErrors, `went through ${steps} steps`);
  assert.deepEqual(criteria.filter((c) => !named.has(c)), [], 'every criterion is a radiogroup named by its text');
  for (let i = 0; i < 50 && (await storedRows(collector.base)).length === before; i++) await page.waitForTimeout(100);
  assert.equal((await storedRows(collector.base)).length, before + 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the portal dialog: axe finds nothing in the portal page or in the widget frame', { timeout: 120_000 }, async () => {
  const { page, context } = await openPage(browser, portal.base + '/', PHONE);
  await page.getByRole('button', { name: 'Tra cứu & góp ý' }).click();
  await page.getByRole('dialog').waitFor();
  await page.frameLocator('[role=dialog] iframe').locator('#q').waitFor();
  const frame = page.frames().find((f) => f.url().includes('/v1/?'));
  assert.deepEqual(await axe(page), [], 'portal page with the dialog open');
  assert.deepEqual(await axe(frame), [], 'widget in the dialog');
  await context.close();
});

test('<html lang> follows the language', { timeout: 120_000 }, async () => {
  const { page, context } = await openPage(browser, `${collector.base}/v1/?province=quang-tri&lang=en`, DESKTOP);
  await waitReady(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.getByRole('button', { name: /tiếng Việt/i }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  await context.close();
});

const VIEWS = ['', '&procedure=1.001193', '&mode=events', '&mode=province', '&mode=survey', '&mode=results', '&mode=reach'];

test('reduced motion: nothing animates or scrolls smoothly', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: PHONE, reducedMotion: 'reduce' });
  const page = await context.newPage();
  for (const q of VIEWS) {
    await page.goto(`${collector.base}/v1/?province=quang-tri${q}`);
    await waitReady(page);
    const moving = await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => {
      const s = getComputedStyle(el);
      const secs = (v) => v.split(',').some((d) => parseFloat(d) > 0.01);
      return secs(s.animationDuration) || secs(s.transitionDuration) || s.scrollBehavior === 'smooth';
    }).map((el) => el.tagName + '.' + el.className));
    assert.deepEqual(moving, [], q || 'search');
  }
  await context.close();
});

test('320 px wide: no horizontal scroll on any view', { timeout: 120_000 }, async () => {
  const { page, context } = await openPage(browser, null, { width: 320, height: 640 });
  for (const q of VIEWS) {
    await page.goto(`${collector.base}/v1/?province=quang-tri${q}`);
    await waitReady(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${q || 'search'} overflows by ${overflow}px`);
  }
  await context.close();
});
