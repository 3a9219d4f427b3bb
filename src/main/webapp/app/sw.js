// The offline copy of the app's shell. Only the files listed here are ever cached: API answers (logins,
// tokens, restore codes) never pass through this worker's cache, they always go to the network.

const VERSION = 'twofold-app-v1';
const SHELL = [
    './',
    'index.html',
    'app.css',
    'manifest.webmanifest',
    'icons/icon.svg',
    'js/api.js',
    'js/bytes.js',
    'js/device.js',
    'js/events.js',
    'js/home.js',
    'js/keystore.js',
    'js/links.js',
    'js/main.js',
    'js/pin.js',
    'js/restore-code.js',
    'js/scanner.js',
    'js/setup.js',
    'js/ui.js',
    'vendor/jsQR.js',
];
const SHELL_URLS = new Set(SHELL.map(path => new URL(path, self.registration.scope).href));

self.addEventListener('install', event => {
    event.waitUntil(caches.open(VERSION).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
    event.waitUntil(caches.keys()
        .then(names => Promise.all(names.filter(name => name !== VERSION).map(name => caches.delete(name))))
        .then(() => self.clients.claim()));
});

// Network first, so an updated appliance serves its new app at once; the cached shell only when offline.
self.addEventListener('fetch', event => {
    const url = new URL(event.request.url);
    url.search = '';
    if (event.request.method !== 'GET' || !SHELL_URLS.has(url.href)) {
        return;
    }
    event.respondWith(fetch(event.request)
        .then(response => {
            if (response.ok) {
                const copy = response.clone();
                caches.open(VERSION).then(cache => cache.put(url.href, copy));
            }
            return response;
        })
        .catch(() => caches.match(url.href).then(cached => cached || Response.error())));
});
