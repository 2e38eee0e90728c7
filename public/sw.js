// Service worker (scope /v1/). The build writes BUILD and PRECACHE (`catalogue dist`): BUILD is
// the version plus a hash of the whole dist (code and data), so any rebuild installs a new worker
// whose one cache holds that build's code and the data seen with it; the old cache goes on activate.
// Versioned files (content-hashed names): cache first. Pages and catalogue data: network first;
// no answer, a 5xx (a proxy's gateway page while the collector restarts) or no answer within
// TIMEOUT_MS falls back to the cached copy, exactly like a network failure.
// POST (answers) is never intercepted: the outbox in the page owns delivery.
const BUILD = '__BUILD__';
const PRECACHE = __PRECACHE__;
const VERSIONED = '__VERSIONED__';
const CACHE = 'tthc-' + BUILD;
const TIMEOUT_MS = 4000;

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('tthc-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

/** Fetches `req`; a good answer is copied into the cache, and the worker lives until it is written. */
function fetchAndKeep(e, req) {
  const network = fetch(req);
  e.waitUntil(network.then((res) => {
    if (!res.ok) return undefined;
    const copy = res.clone(); // now, before the page starts reading the body
    return caches.open(CACHE).then((c) => c.put(req, copy));
  }).catch(() => {}));
  return network;
}

function networkFirst(e) {
  const req = e.request;
  // A page's query string (province, lang) does not change the cached shell.
  const cached = () => caches.match(req, { ignoreSearch: req.mode === 'navigate' });
  const network = fetchAndKeep(e, req);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r) => { if (!settled) { settled = true; resolve(r); } };
    // Slow network: the cached copy now if there is one, else whatever the network answers.
    const timer = setTimeout(() => cached().then((hit) => hit ? finish(hit) : network.then(finish, () => finish(Response.error()))), TIMEOUT_MS);
    network.then((res) => {
      if (res.status < 500) { clearTimeout(timer); finish(res); return; }
      cached().then((hit) => { clearTimeout(timer); finish(hit || res); });
    }, () => cached().then((hit) => { clearTimeout(timer); finish(hit || Response.error()); }));
  });
}

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  const versioned = url.pathname.startsWith(VERSIONED) && !url.pathname.includes('/data/') && !url.pathname.endsWith('/');
  e.respondWith(versioned ? caches.match(req).then((hit) => hit || fetchAndKeep(e, req)) : networkFirst(e));
});
