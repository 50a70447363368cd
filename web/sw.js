// Profila's service worker: keeps the app shell (html, js, css, wasm, data package, icons,
// manifest) in a cache named after the build's version, so that after one visit the app starts
// with no network.
//
// Versions never mix: every worker answers only from its own cache. A new build's worker fills
// its own cache while the old one keeps serving the running page, then waits; the page shows the
// update bar and only when the user accepts does it skipWaiting (the page then reloads and every
// file comes from the new cache). web/scripts/assemble-site.sh stamps the version below and
// lists the files in version.json.
'use strict';
const VERSION = '__PROFILA_VERSION__';
const CACHE = 'profila-' + VERSION;
const CACHE_PREFIX = 'profila-';

function scoped(path) { return new URL(path, self.registration.scope).href; }

// The file list of the build this worker belongs to. A version.json of another build means the
// server changed under us: fail the install (the browser retries at its next update check) rather
// than cache a mix of two builds.
async function buildFiles() {
  const response = await fetch(scoped('version.json'), { cache: 'no-store' });
  if (!response.ok) throw new Error('version.json: HTTP ' + response.status);
  const info = await response.json();
  if (info.version !== VERSION) throw new Error('version.json is ' + info.version + ', this worker is ' + VERSION);
  const files = Array.isArray(info.files) && info.files.length ? info.files : ['index.html'];
  if (!files.includes('index.html')) files.push('index.html');
  return files;
}

async function precache() {
  const files = await buildFiles();
  const cache = await caches.open(CACHE);
  await Promise.all(files.map(async (file) => {
    // 'no-cache' revalidates with the server: a cached copy is used only if still current.
    const response = await fetch(scoped(file), { cache: 'no-cache', credentials: 'same-origin' });
    if (!response.ok) throw new Error(file + ': HTTP ' + response.status);
    await cache.put(scoped(file), response);
  }));
  await buildFiles();  // still the same build after the downloads
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().catch(async (err) => {
    await caches.delete(CACHE);
    throw err;
  }));
  // No skipWaiting here: a page running the old version decides when to switch (see boot.js).
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
  })());
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'activate-update') self.skipWaiting();
  else if (data.type === 'version' && event.ports[0]) event.ports[0].postMessage({ version: VERSION });
});

async function respond(request, url) {
  const cache = await caches.open(CACHE);
  // Every page address (/, /?lang=es, /index.html) is the one app page.
  const key = request.mode === 'navigate' || url.pathname.endsWith('/') ? scoped('index.html') : request;
  const hit = await cache.match(key, { ignoreSearch: true });
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch (err) {
    return new Response('Profila is offline and this file was not saved for offline use: ' + url.pathname,
                        { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}

// "Share to Profila" (Web Share Target, manifest share_target): the shared files are kept in the
// 'shared-files' cache (not 'profila-': an update must not delete them) and the app is opened; it
// takes them at its first frame (web/shell_input.js) and hands them to the import wizard.
async function receiveShare(request) {
  try {
    const form = await request.formData();
    const files = form.getAll('files').filter((f) => f && typeof f.arrayBuffer === 'function');
    if (files.length) {
      const cache = await caches.open('shared-files');
      await Promise.all(files.map((f, i) => cache.put(scoped('shared/' + Date.now() + '-' + i + '/' + encodeURIComponent(f.name || 'shared')),
                                                       new Response(f, { headers: { 'Content-Type': f.type || 'application/octet-stream' } }))));
    }
  } catch (err) { /* an unreadable share opens the app all the same */ }
  return Response.redirect(scoped('./?shared=1'), 303);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/share-target')) {
    event.respondWith(receiveShare(request));
    return;
  }
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Asked of the network on purpose: the worker script itself and the build's version.
  if (url.pathname.endsWith('/sw.js') || url.pathname.endsWith('/version.json')) return;
  // The sync database (same origin behind the proxy) is never cached: offline must fail as offline.
  if (url.pathname.includes('/couchdb/')) return;
  event.respondWith(respond(request, url));
});
