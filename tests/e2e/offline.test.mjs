// Offline and updates: after one visit the app starts with the server gone and the browser
// offline, with what the user stored still there; a new build is offered through the update bar,
// the running page keeps the old build until the user accepts, then runs the new one. Also: the
// manifest parses with no errors and Chromium finds the app installable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launch, openApp, waitReady, click, findItem, frames, siteDir, repo } from './lib.mjs';

const tmpDirs = [];
// A private copy of the built site, so a test can "deploy" a new build into it.
function copySite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profila-site-'));
  fs.cpSync(siteDir, dir, { recursive: true });
  tmpDirs.push(dir);
  return dir;
}
after(() => { for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true }); });

// Polled from here: page.waitForFunction does not wait for a promise the predicate returns.
async function waitWorkerActive(page, timeout = 60000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const state = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return reg && reg.active ? reg.active.state + (reg.installing ? '+installing' : '') : 'none';
    });
    if (state === 'activated') return;
    if (Date.now() > deadline) throw new Error('service worker not active: ' + state);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const siteVersion = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'version.json'), 'utf8')).version;

test('after one visit the app starts with no network and stored data is intact', async () => {
  const dir = copySite();
  const server = await startServer(dir);
  const { context, close } = await launch();
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    // Something the user stores, through the UI.
    await click(page, 'nav.settings');
    await click(page, 'Business name');
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'text-agent');
    await page.keyboard.type('Bottega Nadià');
    await page.keyboard.press('Enter');
    await frames(page, 3);
    await page.evaluate(() => window.profila.saveNow());  // stored (a reload before that asks first)
    await waitWorkerActive(page);
    const version = siteVersion(dir);
    const cached = await page.evaluate(async (v) => {
      const cache = await caches.open('profila-' + v);
      return (await cache.keys()).map((r) => new URL(r.url).pathname.slice(1)).sort();
    }, version);
    const files = JSON.parse(fs.readFileSync(path.join(dir, 'version.json'), 'utf8')).files;
    assert.deepEqual(cached, [...files].sort(), 'the versioned cache holds every file of the build');
    for (const f of ['index.html', 'profila.wasm', 'profila.data', 'profila.js', 'boot.js', 'manifest.webmanifest', 'icons/icon-192.png'])
      assert.ok(cached.includes(f), f + ' cached');

    // No network at all: the browser is offline and the server is gone.
    server.stop();
    await context.setOffline(true);
    await page.reload();
    await waitReady(page);
    assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'page served by the service worker');
    assert.equal(await page.evaluate(() => document.getElementById('fatal').hidden), true, 'no error page');
    await findItem(page, 'Welcome back, Bottega Nadià.');
    // The app works offline: navigation still responds.
    await click(page, 'nav.settings');
    await findItem(page, /^Settings$/);
    // A page address with another query string is the same cached app.
    await page.goto(server.url + '?lang=it');
    await waitReady(page);
    await findItem(page, 'Conosci i tuoi clienti');
    assert.deepEqual(errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch|update/i.test(e)), []);
  } finally { await close(); server.stop(); }
});

test('a new build is offered, the old one keeps running until the user accepts, then the new one runs', async () => {
  const dir = copySite();
  const server = await startServer(dir);
  const { context, close } = await launch();
  try {
    const { page } = await openApp(context, server.url + '?lang=en');
    await waitWorkerActive(page);
    const oldVersion = siteVersion(dir);
    const title = JSON.parse(fs.readFileSync(path.join(repo, 'assets/i18n/en/home.json'), 'utf8'))['home.title'];
    await findItem(page, title);
    assert.equal(await page.evaluate(() => document.getElementById('update-bar').hidden), true, 'no update offered yet');

    // Deploy a new build into the served directory: a visible string changes inside the data
    // package (same byte length, so the package's offsets hold), and the version with it.
    const newTitle = title.toUpperCase();
    assert.notEqual(newTitle, title);
    const dataFile = path.join(dir, 'profila.data');
    const data = fs.readFileSync(dataFile);
    const from = Buffer.from(JSON.stringify(title)), to = Buffer.from(JSON.stringify(newTitle));
    assert.equal(from.length, to.length);
    const at = data.indexOf(from);
    assert.ok(at >= 0, 'title found in the data package');
    to.copy(data, at);
    fs.writeFileSync(dataFile, data);
    const newVersion = 'e2e' + Date.now().toString(16);
    const info = JSON.parse(fs.readFileSync(path.join(dir, 'version.json'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'version.json'), JSON.stringify({ ...info, version: newVersion }));
    const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
    assert.ok(sw.includes(`'${oldVersion}'`), 'sw.js carries the build version');
    fs.writeFileSync(path.join(dir, 'sw.js'), sw.replace(`'${oldVersion}'`, `'${newVersion}'`));

    // The next visit finds the new build: it is offered, and the page still runs the old one.
    await page.reload();
    await waitReady(page);
    await page.waitForSelector('#update-bar:not([hidden])', { timeout: 60000 });
    await findItem(page, title);
    const keys = await page.evaluate(() => caches.keys());
    assert.ok(keys.includes('profila-' + oldVersion) && keys.includes('profila-' + newVersion), keys.join(','));
    const bar = await page.evaluate(() => ({
      text: document.getElementById('update-text').textContent, now: document.getElementById('update-now').textContent,
    }));
    assert.equal(bar.text, 'A new version of Profila is ready.');
    assert.equal(bar.now, 'Update now');

    // "Later" hides the bar; the old build goes on; the next visit offers it again.
    await page.click('#update-later');
    assert.equal(await page.evaluate(() => document.getElementById('update-bar').hidden), true);
    await page.reload();
    await waitReady(page);
    await page.waitForSelector('#update-bar:not([hidden])', { timeout: 30000 });
    await findItem(page, title);

    // Accepting switches worker, reloads, and the new build runs; the old cache is gone.
    await Promise.all([page.waitForNavigation({ timeout: 60000 }), page.click('#update-now')]);
    await waitReady(page);
    await findItem(page, newTitle);
    await waitWorkerActive(page);
    const after = await page.evaluate(() => caches.keys());
    assert.deepEqual(after.filter((k) => k.startsWith('profila-')), ['profila-' + newVersion]);
    assert.equal(await page.evaluate(() => document.getElementById('update-bar').hidden), true);
  } finally { await close(); server.stop(); }
});

test('the web manifest parses with no errors and Chromium considers the app installable', async () => {
  const server = await startServer();
  const { context, close } = await launch();
  try {
    const { page } = await openApp(context, server.url + '?lang=en');
    await waitWorkerActive(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, [], JSON.stringify(manifest.errors));
    const parsed = JSON.parse(manifest.data);
    assert.equal(parsed.display, 'standalone');
    assert.ok(parsed.icons.some((i) => i.sizes === '192x192') && parsed.icons.some((i) => i.sizes === '512x512'));
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], JSON.stringify(installabilityErrors));
  } finally { await close(); server.stop(); }
});
