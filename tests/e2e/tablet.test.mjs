// Tablets: taps, drag to scroll with momentum, long press, 44 CSS px targets, the on-screen
// keyboard's text agent, composed input and paste, clipboard copy, keyboard navigation, the
// accessible mirror, and screenshots of the layout at 768x1024 and 1024x768 (device pixel ratio 2).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, click, tap, findItem, frames, items, center, repo, siteDir } from './lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

const touchDevice = (width, height) => ({ viewport: { width, height }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
const shotsDir = path.join(path.dirname(siteDir), 'screenshots');

// A finger drag through CDP touch events (what a tablet sends), with frames drawn in between.
// Each event carries the time the finger made it (CDP's timestamp, which becomes the event's
// timeStamp), as a touch screen stamps its events: the app judges speed and pauses on those
// times, so a page slowed down by this shared machine still sees the finger's real speed. Without
// a hold, the first move is sent with the touch start, as a finger's follows at once.
async function drag(page, cdp, from, to, { steps = 8, stepMs = 16, holdMs = 0 } = {}) {
  const t0 = Date.now() / 1000;
  const at = (ms) => t0 + ms / 1000;
  const point = (i) => ({ x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps });
  const start = cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', timestamp: at(0), touchPoints: [from] });
  if (holdMs) { await start; await page.waitForTimeout(holdMs); }
  const first = cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', timestamp: at(holdMs + stepMs), touchPoints: [point(1)] });
  await start; await first;
  for (let i = 2; i <= steps; i++) {
    await page.waitForTimeout(stepMs);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', timestamp: at(holdMs + stepMs * i), touchPoints: [point(i)] });
  }
  await page.waitForTimeout(stepMs);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', timestamp: at(holdMs + stepMs * (steps + 1)), touchPoints: [] });
}

const interactive = (i) => ['button', 'input', 'checkbox', 'tab'].includes(i.role);

test('touch: taps press buttons, targets are at least 44 CSS px, the page cannot zoom or pan', async () => {
  const { context, close } = await launch(touchDevice(768, 1024));
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    // Widgets cut by the window's bottom edge are measured by their visible part: leave them out.
    const whole = (all) => all.filter((i) => interactive(i) && i.y + i.h < 1024 - 2);
    const home = await items(page);
    for (const it of whole(home)) assert.ok(it.h >= 44 && it.w >= 44, `${it.key || it.label} is ${it.w}x${it.h} CSS px`);
    await tap(page, 'nav.settings');
    await findItem(page, /^Settings$/);
    const settings = await items(page);
    for (const it of whole(settings)) assert.ok(it.h >= 44 && it.w >= 44, `${it.key || it.label} is ${it.w}x${it.h} CSS px`);
    // A tap on a choice selects it, once, at the right place (no phantom click elsewhere).
    await tap(page, 'text.115');
    await page.waitForFunction(() => window.profila.items().some((i) => i.key === 'text.115' && i.h > 50));
    await tap(page, 'text.100');
    await tap(page, 'nav.home');
    await findItem(page, 'card.customers');
    const css = await page.evaluate(() => {
      const c = getComputedStyle(document.getElementById('canvas'));
      return { touch: c.touchAction, over: c.overscrollBehavior, meta: document.querySelector('meta[name=viewport]').content };
    });
    assert.equal(css.touch, 'none');
    assert.match(css.over, /none/);
    assert.match(css.meta, /user-scalable=no/);
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('touch: a drag scrolls a long screen with momentum, a tap does not scroll, a long press does not click', async () => {
  const { context, close } = await launch(touchDevice(768, 560));
  try {
    const { page } = await openApp(context, server.url + '?lang=en');
    const cdp = await context.newCDPSession(page);
    await tap(page, 'nav.settings');
    await tap(page, 'text.150');  // larger text: Settings is now longer than the window
    await page.waitForFunction(() => window.profila.items().some((i) => i.key === 'lang.it' && i.h > 60));
    await frames(page, 3);
    // How far the screen is scrolled: how far its widgets moved up since the top.
    const content = (all) => all.filter((i) => !(i.key || '').startsWith('nav.'));
    // Each widget's bottom edge at scroll 0, learnt as widgets come into view (a fling can carry the
    // screen past everything that was visible at the top).
    const top = new Map(content(await items(page)).map((i) => [i.role + (i.key || i.label), i.y + i.h]));
    const offset = async () => {
      const seen = content(await items(page));
      let off = null;
      for (const i of seen) {
        const y0 = top.get(i.role + (i.key || i.label));
        if (y0 !== undefined && i.y > 1) { off = Math.round(y0 - (i.y + i.h)); break; }
      }
      if (off !== null) for (const i of seen) if (!top.has(i.role + (i.key || i.label)) && i.y > 1) top.set(i.role + (i.key || i.label), i.y + i.h + off);
      return off;
    };
    const language = await findItem(page, /^Language$/);
    const anchor = { x: 600, y: language.y + language.h / 2 };
    // Back to the top by dragging down from a heading or paragraph (no widget under the finger).
    const toTop = async () => {
      for (let i = 0; i < 4 && (await offset()) !== 0; i++) {
        const text = content(await items(page)).find((it) => (it.role === 'heading' || it.role === 'text') && it.y > 40 && it.y < 300);
        const from = text ? { x: text.x + 10, y: text.y + text.h / 2 } : { x: anchor.x, y: 120 };
        await drag(page, cdp, from, { x: from.x, y: 540 }, { steps: 8, stepMs: 60 });
        await page.waitForTimeout(300);
      }
      assert.equal(await offset(), 0, 'back at the top');
    };

    // A tap on the background does not scroll.
    await page.touchscreen.tap(anchor.x, anchor.y);
    await frames(page, 4);
    assert.equal(await offset(), 0, 'a tap leaves the screen where it was');

    // On this shared machine the software renderer can stall longer than the long-press delay
    // before it reads the first move, and a finger held still that long IS a long press: such a
    // run is retried (at most 3 times) rather than counted.
    const attempt = async (run, ok) => {
      let last;
      for (let i = 0; i < 3; i++) { last = await run(); if (ok(last)) return last; await toTop(); }
      return last;
    };
    // A slow drag up by 200 px scrolls the screen by about that much, and stops with the finger.
    const slow = await attempt(async () => {
      await drag(page, cdp, anchor, { x: anchor.x, y: anchor.y - 200 }, { steps: 10, stepMs: 60 });
      await frames(page, 3);
      return offset();
    }, (v) => v > 150);
    assert.ok(slow > 150 && slow <= 200, `the screen followed the finger (${slow} px)`);
    await page.waitForTimeout(300);
    assert.equal(await offset(), slow, 'a slow drag has no momentum');

    // A fast flick: the screen keeps moving after the finger has left.
    await toTop();
    const fling = await attempt(async () => {
      await drag(page, cdp, anchor, { x: anchor.x, y: anchor.y - 120 }, { steps: 4, stepMs: 12 });
      const atRelease = await offset();
      // Read every frame while it glides, so the widgets in view are always known ones.
      let later = atRelease;
      for (const end = Date.now() + 500; Date.now() < end;) { await frames(page, 1); later = (await offset()) ?? later; }
      return { atRelease, later };
    }, (v) => v.later > v.atRelease + 5);
    assert.ok(fling.later > fling.atRelease + 5, `momentum: ${fling.atRelease} px at release, ${fling.later} px later`);

    // Reduced motion: no momentum.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await toTop();
    await drag(page, cdp, anchor, { x: anchor.x, y: anchor.y - 120 }, { steps: 4, stepMs: 12 });
    await frames(page, 1);
    const r1 = await offset();
    await page.waitForTimeout(500);
    assert.equal(await offset(), r1, 'no momentum under prefers-reduced-motion');
    await toTop();

    // A drag that starts on a button scrolls and does not press it.
    const es = await findItem(page, 'lang.es');
    await drag(page, cdp, center(es), { x: center(es).x, y: center(es).y - 150 }, { steps: 8, stepMs: 40 });
    await frames(page, 4);
    assert.equal((await findItem(page, 'nav.home')).label, 'Home', 'language unchanged: the button was not pressed');

    // A long press is a right click, not a click.
    const it = await findItem(page, 'lang.it');
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [center(it)] });
    await page.waitForTimeout(800);
    await frames(page, 2);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await frames(page, 4);
    assert.equal((await findItem(page, 'nav.home')).label, 'Home', 'language unchanged after a long press');
  } finally { await close(); }
});

test('touch: tapping a text field focuses the text agent; inserted accented text arrives; leaving the field closes it', async () => {
  const { context, close } = await launch(touchDevice(768, 1024));
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    await tap(page, 'nav.settings');
    await tap(page, 'Business name');
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'text-agent', null, { timeout: 5000 });
    await page.keyboard.insertText('Forno Città ');
    await page.keyboard.insertText('è già Ñ');
    await frames(page, 3);
    await tap(page, 'nav.home');
    assert.notEqual(await page.evaluate(() => document.activeElement && document.activeElement.id), 'text-agent', 'keyboard closed');
    await findItem(page, 'Welcome back, Forno Città è già Ñ.');
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('touch: the field being edited moves above the on-screen keyboard', async () => {
  const { context, close } = await launch(touchDevice(768, 1024));
  try {
    const { page } = await openApp(context, server.url + '?lang=en');
    await tap(page, 'nav.customers');
    await tap(page, 'customers.new');
    await findItem(page, 'card.name');
    await frames(page, 3);
    // The lowest whole text field of the new card, in the part a keyboard would cover.
    // (Date fields are left out: a tap on one opens its calendar, not the keyboard.)
    const low = (await items(page)).filter((i) => i.role === 'input' && !/acquired|date/.test(i.key) && i.y > 560 && i.y + i.h < 1020).sort((a, b) => b.y - a.y)[0];
    assert.ok(low, 'a text field low on the screen');
    await tap(page, low.key || low.label);
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'text-agent', null, { timeout: 5000 });
    // The keyboard takes the bottom of the screen: the page that is left is 480 px high.
    await page.setViewportSize({ width: 768, height: 480 });
    await page.waitForFunction((key) => {
      const f = window.profila.items().find((i) => (i.key || i.label) === key);
      return f && f.y >= 0 && f.y + f.h <= 480;
    }, low.key || low.label, { timeout: 10000 });
    await page.keyboard.insertText('Verona');
    await frames(page, 3);
    const field = (await items(page)).find((i) => (i.key || i.label) === (low.key || low.label));
    assert.ok(field.y + field.h <= 480, `still visible while typing: ${JSON.stringify(field)}`);
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'text-agent', 'the keyboard stays open');
  } finally { await close(); }
});

test('mouse and keyboard: a composed accent and a paste arrive in a field; copy reaches the system clipboard', async () => {
  const { context, close } = await launch({ permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    const { page } = await openApp(context, server.url + '?lang=en');
    await click(page, 'nav.settings');
    await click(page, 'Business name');
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'text-agent');
    // A dead key / IME: composition events on the focused agent, as a real keyboard produces them.
    const cdp = await context.newCDPSession(page);
    await page.keyboard.type('Caf');
    await cdp.send('Input.imeSetComposition', { text: '`', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: 'è', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: 'è' });
    // A paste from another app: a DOM paste event carrying text.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ' & Bar');
      document.getElementById('text-agent').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await frames(page, 3);
    // The real shortcut: text put on the system clipboard by another app, then Ctrl+V.
    await page.evaluate(() => navigator.clipboard.writeText(' Nadià'));
    await page.keyboard.press('Control+V');
    await frames(page, 3);
    // Copy: select all and Ctrl+C put the field's text on the system clipboard.
    await page.keyboard.press('Control+A');
    await frames(page, 2);
    await page.keyboard.press('Control+C');
    await frames(page, 3);
    await page.keyboard.press('Enter');
    await click(page, 'nav.home');
    await findItem(page, 'Welcome back, Cafè & Bar Nadià.');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Cafè & Bar Nadià');
  } finally { await close(); }
});

// The box (CSS px) where two screenshots of the same page differ, compared in a blank page.
async function diffBox(context, a, b) {
  const page = await context.newPage();
  try {
    return await page.evaluate(async ([a64, b64]) => {
      const load = async (b64) => { const img = new Image(); img.src = 'data:image/png;base64,' + b64; await img.decode(); return img; };
      const [ia, ib] = [await load(a64), await load(b64)];
      const pixels = (img) => {
        const c = new OffscreenCanvas(img.width, img.height), g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, img.width, img.height).data;
      };
      const [pa, pb] = [pixels(ia), pixels(ib)];
      let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
      for (let y = 0; y < ia.height; y++) for (let x = 0; x < ia.width; x++) {
        const i = (y * ia.width + x) * 4;
        if (Math.abs(pa[i] - pb[i]) + Math.abs(pa[i + 1] - pb[i + 1]) + Math.abs(pa[i + 2] - pb[i + 2]) > 30) {
          x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
        }
      }
      return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
    }, [a.toString('base64'), b.toString('base64')]);
  } finally { await page.close(); }
}

const around = (box, item, margin = 8) => box && box.x >= item.x - margin && box.y >= item.y - margin &&
  box.x + box.w <= item.x + item.w + margin && box.y + box.h <= item.y + item.h + margin;

test('keyboard navigation: Tab moves a visible focus widget by widget, from the rail into the screen; Enter activates', async () => {
  const { context, close } = await launch();
  try {
    const { page } = await openApp(context, server.url + '?lang=en');
    const all = await items(page);
    const rail = all.filter((i) => (i.key || '').startsWith('nav.'));
    const before = await page.screenshot();
    await page.keyboard.press('Tab');
    await frames(page, 3);
    const ring = await page.screenshot();
    fs.mkdirSync(shotsDir, { recursive: true });
    fs.writeFileSync(path.join(shotsDir, 'keyboard-focus.png'), ring);
    // The first Tab rings the first button of the rail, not the rail as a whole.
    const first = await diffBox(context, before, ring);
    assert.ok(around(first, rail[0]), `the ring is around ${rail[0].key}: ${JSON.stringify(first)} vs ${JSON.stringify(rail[0])}`);
    // After the rail's buttons, Tab goes into the screen: the first home card.
    for (let i = 1; i <= rail.length; i++) { await page.keyboard.press('Tab'); await frames(page, 2); }
    const card = all.find((i) => i.key === 'card.customers');
    const box = await diffBox(context, before, await page.screenshot());
    assert.ok(around(box, card), `the ring is around the Customers card: ${JSON.stringify(box)} vs ${JSON.stringify(card)}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.profila.items().some((i) => i.role === 'heading' && i.label === 'Customers' && i.y < 150));
  } finally { await close(); }
});

test('the accessible mirror lists the screen in the accessibility tree, and activating a button navigates', async () => {
  const { context, close } = await launch();
  try {
    const { page } = await openApp(context, server.url + '?lang=en');
    await page.waitForFunction(() => document.querySelectorAll('#a11y-mirror button').length > 5);
    const heading = page.getByRole('heading', { name: 'Know your customers' });
    assert.equal(await heading.count(), 1);
    const nav = page.getByRole('navigation').getByRole('button', { name: 'Settings' });
    assert.equal(await nav.count(), 1);
    const main = page.getByRole('main');
    for (const name of ['Customers', 'Analysis', 'Persona', 'Course', 'Settings'])
      assert.equal(await main.getByRole('button', { name }).count(), 1, `home card ${name} mirrored`);
    const tree = await page.locator('#a11y-mirror').ariaSnapshot();
    assert.match(tree, /heading "Know your customers"/);
    // A screen reader activates the button (focus, then Enter): the app navigates.
    await nav.focus();
    await page.keyboard.press('Enter');
    await findItem(page, /^Settings$/);
    await page.waitForFunction(() => [...document.querySelectorAll('#a11y-mirror h1')].some((h) => h.textContent === 'Settings'));
    assert.equal(await page.getByRole('textbox', { name: 'Business name' }).count(), 1, 'the field is mirrored with its label');
  } finally { await close(); }
});

test('layout at 768x1024 and 1024x768 (dpr 2): nothing clipped; screenshots saved', async () => {
  fs.mkdirSync(shotsDir, { recursive: true });
  for (const [w, h] of [[768, 1024], [1024, 768]]) {
    const { context, close } = await launch(touchDevice(w, h));
    try {
      const { page } = await openApp(context, server.url + '?lang=it');
      for (const screen of ['nav.home', 'nav.settings']) {
        await tap(page, screen);
        await frames(page, 4);
        for (const it of await items(page)) {
          assert.ok(it.x >= 0 && it.x + it.w <= w + 0.5, `${it.key || it.label} fits across (${it.x}+${it.w} of ${w})`);
        }
        fs.writeFileSync(path.join(shotsDir, `${screen.replace('nav.', '')}-${w}x${h}.png`), await page.screenshot());
      }
    } finally { await close(); }
  }
});
