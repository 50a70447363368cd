// Shared helpers for the browser tests: serve the built site, launch Debian's Chromium through
// playwright-core, wait for Profila's first frame, and find and click widgets by label or key
// through window.profila.items() (real mouse and touch input at the widget's coordinates).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../..');
export const siteDir = process.env.PROFILA_SITE || path.join(repo, 'build/web/site');

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

// Starts web/serve.mjs on a free port (extraArgs: ['--couchdb', url] for the sync tests); resolves to {url, stop()}.
export async function startServer(dir = siteDir, extraArgs = []) {
  const child = spawn(process.execPath, [path.join(repo, 'web/serve.mjs'), dir || siteDir, '--port', '0', ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error('server exited ' + code)));
  });
  return { url, stop: () => child.kill() };
}

// Launches Chromium with a fresh profile (persistent, so IndexedDB and the service worker
// behave as in a real browser); options go to the browser context.
export async function launch(options = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'profila-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: chromiumArgs,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

// Opens url and waits for the first frame; collects console errors and page errors.
export async function openApp(context, url) {
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(url);
  await waitReady(page);
  return { page, errors };
}

// Waits for the first frames and for the store to have opened the workspace (or said why it
// could not): the business's data, its name included, can be edited only from then on.
export async function waitReady(page) {
  await page.waitForFunction(() => window.profila && window.profila.ready && window.profila.frame > 2 &&
    (window.profila.storeStatus().loaded || window.profila.storeStatus().loadFailed), null, { timeout: 60000 });
}

// Waits for n more frames to be drawn, so input has been processed and items() is fresh.
// Waits n frames, and until ImGui has taken every queued input event (it takes a few per frame,
// so typed text can land frames after the last key was sent).
export async function frames(page, n = 3) {
  const start = await page.evaluate(() => window.profila.frame);
  await page.waitForFunction((s) => window.profila.frame >= s && !window.profila.inputPending(), start + n, { timeout: 20000 });
}

export async function items(page) {
  return page.evaluate(() => window.profila.items());
}

// Finds a widget whose key or label matches (string: exact; RegExp: test); waits for it. A widget
// scrolled out of view is not drawn, so after a short wait this scrolls the content under the
// pointer with the mouse wheel, as a person would: down step by step, then back up.
export async function findItem(page, match, { timeout = 10000, scroll = true, at = null } = {}) {
  const deadline = Date.now() + timeout;
  const started = Date.now();
  let step = 0;
  const matches = (it) => (typeof match === 'string' ? it.key === match || it.label === match : match.test(it.label) || match.test(it.key));
  for (;;) {
    const all = await items(page);
    const hit = all.find(matches);
    if (hit) return hit;
    if (Date.now() > deadline && (!scroll || step >= 36)) throw new Error(`no widget ${match} among: ${all.map((i) => i.key || i.label).join(' | ')}`);
    if (scroll && Date.now() - started > 1500 && step < 36) {
      const vp = page.viewportSize() || { width: 1280, height: 800 };
      const point = at || { x: vp.width * 0.62, y: vp.height * 0.55 };
      await page.mouse.move(point.x, point.y);
      await page.mouse.wheel(0, step < 12 ? 280 : -280);
      ++step;
    }
    await frames(page, 2);
  }
}

export function center(item) {
  return { x: item.x + item.w / 2, y: item.y + item.h / 2 };
}

// A real mouse click at the widget's centre.
export async function click(page, match) {
  const item = await findItem(page, match);
  const c = center(item);
  await page.mouse.move(c.x, c.y);
  await frames(page, 1);
  await page.mouse.down();
  await frames(page, 1);
  await page.mouse.up();
  await frames(page, 3);
  return item;
}

// Types into the text field drawn for key: a click focuses the page's text agent, then the keys go
// there. replace: select what the field holds and delete it first (an empty field needs neither);
// enter: press Enter after the text (a field that commits on Enter).
export async function typeField(page, key, text, { replace = true, enter = false } = {}) {
  await click(page, key);
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'text-agent');
  if (replace) {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
  }
  await page.keyboard.type(text);
  if (enter) {
    await frames(page, 2);
    await page.keyboard.press('Enter');
  }
  await frames(page, 3);
}

// A real touch tap at the widget's centre (needs a context with hasTouch).
export async function tap(page, match) {
  const item = await findItem(page, match);
  const c = center(item);
  await page.touchscreen.tap(c.x, c.y);
  await frames(page, 3);
  return item;
}

// Every value of every object store of every database of the origin, as text: byte arrays decoded
// as UTF-8 and as Latin-1 (MessagePack records and packs hold raw bytes), the rest as JSON.
export function rawIndexedDb(page) {
  return page.evaluate(async () => {
    const bytesText = (u8) => new TextDecoder('utf-8').decode(u8) + '\n' + Array.from(u8, (b) => String.fromCharCode(b)).join('');
    const flat = (v) => {
      if (v instanceof Uint8Array) return bytesText(v);
      if (v instanceof ArrayBuffer) return bytesText(new Uint8Array(v));
      if (ArrayBuffer.isView(v)) return bytesText(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      if (Array.isArray(v)) return v.map(flat).join('\n');
      if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => k + ':' + flat(x)).join('\n');
      return String(v);
    };
    let out = '';
    for (const info of await indexedDB.databases()) {
      const db = await new Promise((res, rej) => { const r = indexedDB.open(info.name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      for (const name of db.objectStoreNames) {
        const values = await new Promise((res, rej) => {
          const r = db.transaction(name, 'readonly').objectStore(name).getAll();
          r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error);
        });
        out += `\n== ${info.name}/${name} (${values.length})\n` + values.map(flat).join('\n');
      }
      db.close();
    }
    return out;
  });
}

