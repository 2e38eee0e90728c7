// Loads the widget's wasm from a file so the page needs no inline script (strict CSP).
import init from './widget.js';

// Hint only: start the province's search index now, alongside the wasm, instead of after it. The
// widget fetches the same URL (and validates the province itself); a bad value just wastes a hint.
const province = new URLSearchParams(location.search).get('province');
if (province && /^[a-z0-9-]{1,40}$/.test(province)) {
  const hint = document.createElement('link');
  hint.rel = 'preload';
  hint.as = 'fetch';
  hint.crossOrigin = 'anonymous';
  hint.href = new URL(`data/${province}/index.json`, location.href).href;
  document.head.append(hint);
}

init({ module_or_path: new URL('widget_bg.wasm', import.meta.url) });

if ('serviceWorker' in navigator && location.pathname.startsWith('/v1/')) {
  // On the first visit the data was fetched before the worker took control; once it does, fetch
  // the same data files again through it, so the widget also opens offline next time.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    for (const e of performance.getEntriesByType('resource')) {
      const url = new URL(e.name);
      if (url.origin === location.origin && url.pathname.includes('/data/')) fetch(url).catch(() => {});
    }
  }, { once: true });
  navigator.serviceWorker.register('/v1/sw.js', { scope: '/v1/' }).catch(() => {});
}
