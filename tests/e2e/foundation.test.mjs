// Foundation: the app loads in Chromium with no console errors, draws its home screen, follows
// devicePixelRatio, navigates on a real mouse click, takes real typing (accents and the euro
// sign) into an ImGui text field, and speaks Spanish with ?lang=es.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, click, findItem, frames, items, center } from './lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

test('loads with no console errors and shows the home screen buttons', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    const all = await items(page);
    for (const key of ['nav.home', 'nav.customers', 'nav.analysis', 'nav.persona', 'nav.course', 'nav.settings',
                       'card.customers', 'card.analysis', 'card.persona', 'card.course', 'card.settings']) {
      const item = all.find((i) => i.key === key);
      assert.ok(item, `home screen has ${key}`);
      assert.ok(item.w >= 40 && item.h >= 40, `${key} is at least 40 CSS px (${item.w}x${item.h})`);
    }
    assert.equal(all.find((i) => i.key === 'card.customers').label, 'Customers');
    assert.ok(all.some((i) => i.role === 'heading' && i.label === 'Know your customers'));
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('canvas backing store follows devicePixelRatio and the window size', async () => {
  const { context, close } = await launch({ viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  try {
    const { page } = await openApp(context, server.url + '?lang=en');
    const size = await page.evaluate(() => {
      const c = document.getElementById('canvas');
      return { w: c.width, h: c.height, cw: c.clientWidth, ch: c.clientHeight };
    });
    assert.equal(size.w, size.cw * 2);
    assert.equal(size.h, size.ch * 2);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForFunction(() => document.getElementById('canvas').width === 2048, null, { timeout: 10000 });
    await frames(page, 3);
    const nav = await findItem(page, 'nav.settings');
    assert.ok(nav.x >= 0 && nav.x + nav.w <= 1024 && nav.y + nav.h <= 768, 'nav item inside the resized window');
  } finally { await close(); }
});

test('a still screen is not drawn again, and a change is drawn in the next frame', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    await frames(page, 10);
    const count = () => page.evaluate(() => ({ frame: window.profila.frame, skipped: window.profila.drawsSkipped() }));
    const a = await count();
    await frames(page, 20);
    const b = await count();
    assert.ok(b.frame - a.frame >= 20, 'frames keep running');
    assert.ok(b.skipped - a.skipped >= b.frame - a.frame - 2, `a still screen is not drawn (${b.skipped - a.skipped} of ${b.frame - a.frame} frames skipped)`);
    // Hovering a button changes its colour: that frame is drawn, and leaving restores the picture.
    const nav = await findItem(page, 'nav.settings');
    const clip = { x: nav.x, y: nav.y, width: nav.w, height: nav.h };
    const still = await page.screenshot({ clip });
    await page.mouse.move(center(nav).x, center(nav).y);
    await frames(page, 3);
    const hovered = await page.screenshot({ clip });
    assert.ok(!hovered.equals(still), 'the hovered button is drawn');
    await page.mouse.move(2, 2);
    await frames(page, 3);
    assert.ok((await page.screenshot({ clip })).equals(still), 'leaving it draws the first picture again');
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('a real mouse click navigates, and typed text with accents arrives in a field', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    await click(page, 'nav.settings');
    await findItem(page, /^Settings$/);
    const field = await click(page, 'Business name');
    assert.equal(field.role, 'input');
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'text-agent');
    await page.keyboard.type('Caffè Ñandú € 1');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await frames(page, 3);
    await click(page, 'nav.home');
    const welcome = await findItem(page, /Welcome back/);
    assert.equal(welcome.label, 'Welcome back, Caffè Ñandú € 2.');
    // The name is kept across a reload (once stored: a reload before that asks first, see
    // nothing_lost.test.mjs).
    await page.evaluate(() => window.profila.saveNow());
    await page.reload();
    await page.waitForFunction(() => window.profila && window.profila.ready);
    await findItem(page, 'Welcome back, Caffè Ñandú € 2.');
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('?lang=es shows Spanish, ?lang=it Italian, and the language can be switched in the app', async () => {
  const { context, close } = await launch();
  try {
    const { page } = await openApp(context, server.url + '?lang=es');
    await findItem(page, 'Conoce a tus clientes');
    assert.equal((await findItem(page, 'nav.customers')).label, 'Clientes');
    await page.goto(server.url + '?lang=it');
    await page.waitForFunction(() => window.profila && window.profila.ready);
    await findItem(page, 'Conosci i tuoi clienti');
    await page.goto(server.url);
    await page.waitForFunction(() => window.profila && window.profila.ready);
    await click(page, 'nav.settings');
    await click(page, 'lang.es');
    await findItem(page, 'Ajustes');
    assert.equal((await findItem(page, 'nav.home')).label, 'Inicio');
  } finally { await close(); }
});

test('only same-origin requests, a CSP without inline scripts, and loading progress shown', async () => {
  const { context, close } = await launch();
  try {
    const page = context.pages()[0] || (await context.newPage());
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const progress = [];
    await page.exposeFunction('__noteProgress', (w) => progress.push(w));
    await page.addInitScript(() => {
      new MutationObserver(() => {
        const fill = document.getElementById('loader-fill');
        if (fill && fill.style.width) window.__noteProgress(fill.style.width);
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['style'] });
    });
    await page.goto(server.url + '?lang=en');
    await page.waitForFunction(() => window.profila && window.profila.ready, null, { timeout: 60000 });
    const origin = new URL(server.url).origin;
    const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(foreign, []);
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(await page.evaluate(() => document.querySelectorAll('script:not([src])').length), 0, 'no inline scripts');
    assert.ok(progress.length > 0 && progress.includes('100%'), 'progress bar moved to 100%: ' + progress.join(','));
    assert.equal(await page.evaluate(() => document.getElementById('loader').hidden), true);
  } finally { await close(); }
});

test('a clear message, not a blank page, when WebGL2 or WebAssembly is missing', async () => {
  const { context, close } = await launch();
  try {
    const page = context.pages()[0] || (await context.newPage());
    await page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
        return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
      };
    });
    await page.goto(server.url + '?lang=it');
    await page.waitForSelector('#fatal:not([hidden])');
    assert.match(await page.textContent('#fatal-text'), /WebGL 2/);
    assert.match(await page.textContent('#fatal-text'), /browser/);

    const page2 = await context.newPage();
    await page2.addInitScript(() => { delete window.WebAssembly; });
    await page2.goto(server.url + '?lang=en');
    await page2.waitForSelector('#fatal:not([hidden])');
    assert.match(await page2.textContent('#fatal-text'), /WebAssembly/);
  } finally { await close(); }
});
