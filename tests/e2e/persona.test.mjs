// Persona sketch: a person draws with the mouse and with a finger, undoes a stroke, reloads and finds
// the drawing stored; fills details, marks two unknowns and finds both in "what I don't know yet";
// the exported PNG card is a real image of the card's size with the drawing on it; the persona is
// held against customer cards. Screenshots at 1024x768 and 768x1024 (devicePixelRatio 2) land in
// build/persona-screens/ for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, click, tap, findItem, frames, items, waitReady, center, repo } from './lib.mjs';

const shotDir = path.join(repo, 'build/persona-screens');

let server;
before(async () => { server = await startServer(); fs.mkdirSync(shotDir, { recursive: true }); });
after(() => server.stop());

const personas = async (page) => JSON.parse(await page.evaluate(() => window.profila.exportPersonas()));
const personaStatus = (page) => page.evaluate(() => window.profila.personaStatus());

async function waitFor(page, check, what, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await frames(page, 2);
  }
}

// Opens the persona screen and waits for the stored personas to be read.
async function openPersona(page, how = click) {
  await how(page, 'nav.persona');
  await waitFor(page, async () => (await personaStatus(page)).loaded, 'personas loaded');
  await frames(page, 3);
}

// Waits until every change is written to IndexedDB (the transaction completed).
async function waitSaved(page) {
  return waitFor(page, async () => {
    const s = await personaStatus(page);
    return s.pending === 0 && !s.saving && s.saves > 0 && !s.error ? s : null;
  }, 'personas saved');
}

// A stroke with the real mouse, one frame per step so every point reaches the app.
async function mouseStroke(page, points) {
  await page.mouse.move(points[0].x, points[0].y);
  await frames(page, 1);
  await page.mouse.down();
  await frames(page, 1);
  for (const p of points.slice(1)) {
    await page.mouse.move(p.x, p.y);
    await frames(page, 1);
  }
  await page.mouse.up();
  await frames(page, 3);
}

// A finger stroke through CDP touch events, what a tablet sends.
async function touchStroke(page, cdp, points) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: points[0].x, y: points[0].y, id: 1 }] });
  await frames(page, 2);
  for (const p of points.slice(1)) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: p.x, y: p.y, id: 1 }] });
    await frames(page, 1);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await frames(page, 4);
}

// Points along a line across the canvas, as fractions of its box.
function across(box, fx0, fy0, fx1, fy1, steps = 10) {
  const pts = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    pts.push({ x: box.x + box.w * (fx0 + (fx1 - fx0) * t), y: box.y + box.h * (fy0 + (fy1 - fy0) * t) });
  }
  return pts;
}

// Scrolls the details panel with the mouse wheel until the widget is on screen.
async function scrollToItem(page, key) {
  for (let i = 0; i < 40; i++) {
    const all = await items(page);
    const hit = all.find((it) => it.key === key);
    if (hit && hit.h > 30) return hit;
    const panelRef = all.find((it) => it.key === 'persona.tab.details');
    await page.mouse.move(panelRef.x + panelRef.w / 2, panelRef.y + 300);
    await page.mouse.wheel(0, 160);
    await frames(page, 3);
  }
  throw new Error('could not scroll to ' + key);
}

async function clickKey(page, key) {
  const it = await scrollToItem(page, key);
  const c = center(it);
  await page.mouse.click(c.x, c.y);
  await frames(page, 3);
}

async function typeInto(page, key, text) {
  await clickKey(page, key);
  await page.keyboard.type(text);
  await frames(page, 2);
  await page.keyboard.press('Tab');
  await frames(page, 2);
}

// Decodes a data URL in the page and reports its size and how much of it is not white.
async function inspectPng(page, url) {
  return page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 4 * 7) {
      if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) ink++;
      colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    }
    return { w: img.naturalWidth, h: img.naturalHeight, inkShare: ink / (d.length / (4 * 7)), colours: colours.size };
  }, url);
}

test('draw with the mouse, undo, reload: the two strokes are stored; details, unknowns, PNG card', async () => {
  const { context, close } = await launch({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2 });
  try {
    let { page, errors } = await openApp(context, server.url + '?lang=en');
    await openPersona(page);
    await click(page, 'persona.new');
    await waitFor(page, async () => (await personas(page)).length === 1, 'a persona');

    // Drawing and details are both on screen at 1024x768.
    const all = await items(page);
    const canvas = all.find((i) => i.key === 'persona.canvas');
    assert.ok(canvas && canvas.w > 300 && canvas.h > 400, `canvas is large (${canvas && canvas.w}x${canvas && canvas.h})`);
    const value = all.find((i) => i.key === 'persona.value.gender');
    assert.ok(value && value.x >= canvas.x + canvas.w, 'details sit beside the drawing');
    for (const key of ['persona.tool.pen', 'persona.tool.eraser', 'persona.tool.hand', 'persona.undo', 'persona.redo',
                       'persona.template', 'persona.zoom_in', 'persona.color.red', 'persona.width.thick']) {
      const it = all.find((i) => i.key === key);
      assert.ok(it, `toolbar has ${key}`);
      assert.ok(it.h >= 43, `${key} is a tablet-sized target (${it.h} px)`);
    }

    await mouseStroke(page, across(canvas, 0.2, 0.2, 0.8, 0.25));
    await click(page, 'persona.color.red');
    await mouseStroke(page, across(canvas, 0.2, 0.5, 0.7, 0.8));
    await mouseStroke(page, across(canvas, 0.5, 0.1, 0.5, 0.9));
    let ps = await personas(page);
    assert.equal(ps[0].strokes.length, 3, 'three strokes drawn');
    assert.equal(ps[0].strokes[1].color, '#dc2626', 'the second stroke is red');
    assert.ok(ps[0].strokes[0].points.length >= 6, 'a stroke keeps its points (x, y, pressure)');
    // The first stroke runs left to right across the upper part of the paper (sketch units 0..600 x 0..800).
    const xs = ps[0].strokes[0].points.filter((_, i) => i % 3 === 0);
    assert.ok(Math.max(...xs) - Math.min(...xs) > 200, 'the stroke spans the canvas');
    await click(page, 'persona.undo');
    ps = await personas(page);
    assert.equal(ps[0].strokes.length, 2, 'undo removed one stroke');
    assert.equal(ps[0].strokes[1].color, '#dc2626', 'the last one was undone');

    // Details: type a value, mark one assumed and two unknown.
    await typeInto(page, 'persona.value.age', '35-45');
    await clickKey(page, 'persona.state.age.assumed');
    await clickKey(page, 'persona.state.income.unknown');
    await clickKey(page, 'persona.state.media.unknown');
    ps = await personas(page);
    assert.equal(ps[0].details.age.value, '35-45');
    assert.equal(ps[0].details.age.state, 'assumed');
    assert.equal(ps[0].details.income.state, 'unknown');
    assert.equal(ps[0].details.media.state, 'unknown');
    assert.equal(ps[0].details.gender.state, 'unmarked');

    await click(page, 'persona.tab.questions');
    let q = await items(page);
    assert.ok(q.find((i) => i.key === 'persona.tab.questions').label.includes('(2)'), 'the tab counts two questions');
    assert.ok(q.some((i) => i.key === 'persona.answer.income'), 'income is in the list');
    assert.ok(q.some((i) => i.key === 'persona.answer.media' || i.label === 'Media they follow'), 'media is in the list');
    assert.ok(!q.some((i) => i.key === 'persona.answer.age'), 'assumed details are not questions');
    // A way to find out and an answer, noted for later.
    await click(page, 'persona.way.income.ask');
    await click(page, 'persona.answer.income');
    await page.keyboard.type('mostly middle');
    // ImGui takes typed keys from its queue a few per frame: on a busy machine the last ones land
    // frames after the last key was sent.
    await page.waitForFunction(() => JSON.parse(window.profila.exportPersonas())[0].details.income.answer.length >= 13,
      null, { timeout: 10000 }).catch(() => {});
    ps = await personas(page);
    assert.deepEqual(ps[0].details.income.ways, ['ask']);
    assert.equal(ps[0].details.income.answer, 'mostly middle');
    await page.screenshot({ path: path.join(shotDir, 'questions-1024x768.png') });

    // The PNG card: a real image of the card's size, with the drawing on it.
    const png = await page.evaluate(() => window.profila.exportPersonaPng(0));
    assert.ok(png.startsWith('data:image/png;base64,'));
    const raw = Buffer.from(png.slice('data:image/png;base64,'.length), 'base64');
    assert.deepEqual([...raw.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
    assert.equal(raw.readUInt32BE(16), 1600, 'IHDR width');
    assert.equal(raw.readUInt32BE(20), 1000, 'IHDR height');
    const info = await inspectPng(page, png);
    assert.equal(info.w, 1600);
    assert.equal(info.h, 1000);
    assert.ok(info.inkShare > 0.005, `not blank: ${(info.inkShare * 100).toFixed(2)}% ink`);
    assert.ok(info.colours > 20, 'strokes, text and tags in several colours');
    fs.writeFileSync(path.join(shotDir, 'card.png'), raw);
    assert.equal(await page.evaluate(() => window.profila.exportPersonaPng(7)), '', 'no card for a persona that does not exist');

    // The export button offers the same card as a download.
    const download = page.waitForEvent('download', { timeout: 90000 });
    await click(page, 'persona.export');
    const file = await download;
    assert.match(file.suggestedFilename(), /^persona-.*\.png$/);

    // Reload: what was saved comes back.
    await waitSaved(page);
    await page.reload();
    await waitReady(page);
    await openPersona(page);
    ps = await personas(page);
    assert.equal(ps.length, 1, 'the persona is stored');
    assert.equal(ps[0].strokes.length, 2, 'two strokes after reload');
    assert.equal(ps[0].details.income.state, 'unknown');
    assert.equal(ps[0].details.income.answer, 'mostly middle');
    assert.equal(ps[0].details.age.value, '35-45');
    await page.screenshot({ path: path.join(shotDir, 'details-1024x768.png') });
    assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), []);
  } finally { await close(); }
});

test('a finger draws, erases and pans; template, redo and several personas', async () => {
  const { context, close } = await launch({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  try {
    const { page } = await openApp(context, server.url + '?lang=it');
    const cdp = await context.newCDPSession(page);
    await openPersona(page, tap);
    await tap(page, 'persona.new');
    const canvas = await findItem(page, 'persona.canvas');
    await touchStroke(page, cdp, across(canvas, 0.15, 0.15, 0.85, 0.2, 12));
    let ps = await personas(page);
    assert.equal(ps[0].strokes.length, 1, 'a finger stroke is drawn');
    assert.ok(ps[0].strokes[0].points.length >= 6, "a line, not a dot");
    // Pressure: fingers report none, so the stroke is at full width.
    assert.ok(ps[0].strokes[0].points.filter((_, i) => i % 3 === 2).every((p) => p === 1));

    await tap(page, 'persona.template');
    ps = await personas(page);
    assert.equal(ps[0].strokes.length, 7, 'the stick figure adds six strokes');

    // The eraser removes the stroke it crosses, and only that one.
    await tap(page, 'persona.tool.eraser');
    await touchStroke(page, cdp, across(canvas, 0.3, 0.08, 0.3, 0.26, 8));
    ps = await personas(page);
    assert.equal(ps[0].strokes.length, 6, 'the first stroke is erased');
    await tap(page, 'persona.undo');
    assert.equal((await personas(page))[0].strokes.length, 7, 'undo brings it back');
    await tap(page, 'persona.redo');
    assert.equal((await personas(page))[0].strokes.length, 6, 'redo erases it again');

    // The hand moves the paper and draws nothing.
    await tap(page, 'persona.tool.hand');
    await touchStroke(page, cdp, across(canvas, 0.5, 0.5, 0.6, 0.6, 6));
    assert.equal((await personas(page))[0].strokes.length, 6, 'panning draws nothing');
    await tap(page, 'persona.zoom_in');
    await tap(page, 'persona.fit');

    // A second persona, its own drawing.
    await tap(page, 'persona.new');
    ps = await personas(page);
    assert.equal(ps.length, 2);
    assert.equal(ps[1].strokes.length, 0);
    await tap(page, 'persona.pick.0');
    await frames(page, 3);
    const undo = (await items(page)).find((i) => i.key === 'persona.undo');
    assert.ok(undo, 'the first persona is shown again');
    await page.screenshot({ path: path.join(shotDir, 'touch-it-1024x768.png') });
  } finally { await close(); }
});

test('persona against customer cards, and portrait layout', async () => {
  const { context, close } = await launch({ viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2, hasTouch: true });
  try {
    const { page } = await openApp(context, server.url + '?lang=en');
    await waitFor(page, async () => (await page.evaluate(() => window.profila.storeStatus())).loaded, 'store loaded');
    // Ten customers: the two best are women from Roma; most others are men from Latina.
    const make = (id, gender, city, amount) => ({ schema: 2, id, kind: 'private', name: 'C ' + id, city,
      people: { gender }, purchases: [{ id: 'p' + id, date: '2025-03-01', amount }] });
    const cards = [make('a', 'female', 'Roma', 900), make('b', 'female', 'Roma', 800)];
    for (let i = 0; i < 8; i++) cards.push(make('m' + i, i < 6 ? 'male' : 'female', 'Latina', 40));
    for (const c of cards) {
      const r = await page.evaluate((j) => window.profila.commitCustomer(j), JSON.stringify(c));
      assert.ok(!String(r).startsWith('error'), `customer committed: ${r}`);
    }
    await openPersona(page, tap);
    await tap(page, 'persona.new');
    const all = await items(page);
    const canvas = all.find((i) => i.key === 'persona.canvas');
    const gender = all.find((i) => i.key === 'persona.value.gender');
    assert.ok(canvas && gender, 'drawing and details on a portrait tablet');
    assert.ok(gender.y > canvas.y + canvas.h - 2, 'details below the drawing in portrait');
    await tap(page, 'persona.value.gender');
    await page.keyboard.insertText('man');
    await frames(page, 3);
    await tap(page, 'persona.tab.data');
    const texts = (await items(page)).map((i) => i.label);
    assert.ok(texts.some((t) => /10 customers\. The most valuable 20% \(2 customers\)/.test(t)), 'summary of the best 20%: ' + texts.join(' | '));
    assert.ok(texts.some((t) => /^Differs: only 0% of your best customers are like this; the most common is woman\./.test(t)), 'gender differs');
    await page.screenshot({ path: path.join(shotDir, 'data-768x1024.png') });
  } finally { await close(); }
});

test('the backup holds the personas; restoring it in another browser brings them back after a reload', async () => {
  let backup;
  {
    const { context, close } = await launch({ viewport: { width: 1024, height: 768 } });
    try {
      const { page } = await openApp(context, server.url + '?lang=en');
      await openPersona(page);
      await click(page, 'persona.new');
      const canvas = await findItem(page, 'persona.canvas');
      await mouseStroke(page, across(canvas, 0.2, 0.3, 0.8, 0.4));
      await clickKey(page, 'persona.state.income.unknown');
      await waitSaved(page);
      backup = await page.evaluate(() => window.profila.exportStore());
      const held = JSON.parse(backup).personas;
      assert.deepEqual(held, await personas(page), 'the backup holds exactly what exportPersonas gives');
      assert.equal(held[0].strokes.length, 1);
    } finally { await close(); }
  }
  const { context, close } = await launch({ viewport: { width: 1024, height: 768 } });
  try {
    let { page } = await openApp(context, server.url + '?lang=en');
    await openPersona(page);
    assert.equal((await personas(page)).length, 0, 'a new browser has no personas');
    // A backup whose persona is broken is refused by name, and nothing changes.
    const broken = JSON.parse(backup);
    broken.personas[0].strokes[0].width = 'wide';
    const refused = await page.evaluate((t) => window.profila.restoreBackup(t), JSON.stringify(broken));
    assert.equal(refused.ok, false);
    assert.match(refused.error, /personas\[0\]\.strokes\[0\]\.width/);
    assert.equal((await personas(page)).length, 0);
    const r = await page.evaluate((t) => window.profila.restoreBackup(t), backup);
    assert.ok(r.ok, 'restored: ' + JSON.stringify(r));
    await waitFor(page, async () => (await personas(page)).length === 1, 'the restored persona');
    await waitSaved(page);
    await page.reload();
    await waitReady(page);
    await openPersona(page);
    const ps = await personas(page);
    assert.equal(ps.length, 1, 'the persona is stored after the reload');
    assert.equal(ps[0].strokes.length, 1);
    assert.equal(ps[0].details.income.state, 'unknown');
  } finally { await close(); }
});
