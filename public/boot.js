// Loads the widget's wasm from a file so the page needs no inline script (strict CSP).
import init from './widget.js';

init({ module_or_path: new URL('widget_bg.wasm', import.meta.url) });

if ('serviceWorker' in navigator && location.pathname.startsWith('/v1/')) {
  navigator.serviceWorker.register('/v1/sw.js', { scope: '/v1/' }).catch(() => {});
}
