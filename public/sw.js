// Service worker (scope /v1/). The build writes VERSION and PRECACHE (tools/finish-dist.sh).
// Versioned files: cache first. Pages and catalogue data: network first with a timeout, cache as
// fallback. POST (answers) is never intercepted: the outbox in the page owns delivery.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = 'tthc-' + VERSION;

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('tthc-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

function networkFirst(req) {
  return new Promise((resolve) => {
    let settled = false;
    // A page's query string (province, lang) does not change the cached shell.
    const fromCache = () => caches.match(req, { ignoreSearch: req.mode === 'navigate' }).then((r) => r || fetch(req));
    const timer = setTimeout(() => { if (!settled) { settled = true; resolve(fromCache()); } }, 4000);
    fetch(req).then((res) => {
      if (res.ok) { const copy = res.clone(); caches.open(CACHE).then((c) => c.put(req, copy)); }
      if (!settled) { settled = true; clearTimeout(timer); resolve(res); }
    }).catch(() => { if (!settled) { settled = true; clearTimeout(timer); resolve(fromCache()); } });
  });
}

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  const versioned = url.pathname.startsWith('/w/' + VERSION + '/') && !url.pathname.includes('/data/') && !url.pathname.endsWith('/');
  if (versioned) {
    e.respondWith(caches.match(req).then((r) => r || fetch(req).then((res) => {
      if (res.ok) { const copy = res.clone(); caches.open(CACHE).then((c) => c.put(req, copy)); }
      return res;
    })));
  } else {
    e.respondWith(networkFirst(req));
  }
});
