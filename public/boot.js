// Loads the widget's wasm from a file so the page needs no inline script (strict CSP). The widget
// has two parts (tthc_core::embed::Part): the feedback modes load the survey, results and reach
// part, every other mode the finder, so neither downloads the other's code. Mode::part in core is
// the same rule; a browser test checks that the two agree for every mode.
const params = new URLSearchParams(location.search);
const feedback = ['survey', 'results', 'reach'].includes(params.get('mode'));

// Hints only: start what the first view reads now, alongside the wasm, instead of after it. The
// widget fetches the same URLs (and validates the province itself); a bad value just wastes a hint.
const hint = (path) => {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = new URL(path, location.href).href;
  document.head.append(link);
};
const province = params.get('province');
// The survey is drawn before the catalogue arrives (View::needs_catalogue in core): not its index.
if (province && params.get('mode') !== 'survey' && /^[a-z0-9-]{1,40}$/.test(province)) hint(`data/${province}/index.json`);
// The feedback part reads the list of surveys first (then the newest definition of a kind).
if (feedback) hint('data/surveys/index.json');

// The names are written out (not built from `feedback`) so the build can stamp them with content hashes.
// The wasm is fetched at once, alongside its glue, not once the glue has arrived (the glue's init
// takes the pending response).
const start = (glue, wasm) => glue.then((m) => m.default({ module_or_path: wasm }));
if (feedback) {
  start(import('./feedback.js'), fetch(new URL('feedback_bg.wasm', import.meta.url)));
} else {
  start(import('./widget.js'), fetch(new URL('widget_bg.wasm', import.meta.url)));
}

// The worker is registered once the widget is interactive (the `tthc-ready` event): its precache,
// which holds both parts so either opens offline later, then does not slow the first screen.
if ('serviceWorker' in navigator && location.pathname.startsWith('/v1/')) addEventListener('tthc-ready', () => {
  // Data this page fetched before the worker took control (on the first visit: around any worker;
  // after a release: through the old one, whose cache is gone) is not in its cache. Once a worker
  // controls the page, fetch those files again through it, so the widget opens offline next time.
  // A resource entry appears only when its download ends: the observer (buffered, so the finished
  // ones too) also catches a download still in flight at that moment.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const at = performance.now();
    const again = new Set();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const url = new URL(e.name);
        if (e.startTime >= at || again.has(url.href) || url.origin !== location.origin || !url.pathname.includes('/data/')) continue;
        again.add(url.href);
        fetch(url).catch(() => {});
      }
    }).observe({ type: 'resource', buffered: true });
  });
  navigator.serviceWorker.register('/v1/sw.js', { scope: '/v1/' }).catch(() => {});
}, { once: true });
