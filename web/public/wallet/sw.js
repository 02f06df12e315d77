// qrpay wallet service worker: keeps the app shell available offline. It never caches the API
// (/v1): balances, scans and payments always go to the platform.
const cacheName = 'qrpay-wallet-v1';
const shell = ['/wallet/', '/wallet/manifest.webmanifest', '/wallet/icon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll(shell)));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((k) => k !== cacheName).map((k) => caches.delete(k)))),
  );
  self.clients.claim();
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/assets/')) {
    // Hashed names never change: cache first.
    event.respondWith(
      caches.match(event.request).then((hit) => hit ?? fetch(event.request).then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(cacheName).then((cache) => cache.put(event.request, copy));
        }
        return res;
      })),
    );
    return;
  }
  if (event.request.mode === 'navigate' && url.pathname.startsWith('/wallet/')) {
    // Pages: the network first (a new build shows at once), the cached shell when offline.
    event.respondWith(
      fetch(event.request).then((res) => {
        const copy = res.clone();
        caches.open(cacheName).then((cache) => cache.put('/wallet/', copy));
        return res;
      }).catch(() => caches.match('/wallet/').then((hit) => hit ?? Response.error())),
    );
  }
});
