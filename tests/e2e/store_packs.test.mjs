// How records lie in IndexedDB (web/storage.js, database v2): many records per value ("packs",
// record key -> pack fnv1a32(key) % P), and small saves stored a record per value beside them
// (store "records", as in v1) until a load folds them in. A v1 database (one value per customer)
// written by hand loads whole, is moved into packs and loads the same again; a copy beside a pack
// loads at the higher revision; a small save leaves the packs alone; an import lays the packs out
// again; a delete rewrites only its pack; a damaged pack is set aside whole while the rest loads; a
// crash during the move into packs loses nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, waitReady } from './lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

async function waitLoaded(page) {
  await waitReady(page);
  await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 60000 });
  return page.evaluate(() => window.profila.storeStatus());
}

function cardJson(i, notes) {
  const id = 'V' + String(i).padStart(5, '0');
  const purchases = [];
  for (let p = 0; p < 8; p++) purchases.push({ id: `${id}-${p}`, date: `2025-0${1 + ((i + p) % 9)}-1${p}`, amount: 5 + ((i * 31 + p * 17) % 200) });
  return JSON.stringify({ schema: 2, id, kind: 'private', name: 'Cliente ' + i, notes, purchases });
}
const idOf = (i) => 'V' + String(i).padStart(5, '0');
const revOf = (i) => 1 + (i % 4);

// Writes the v1 database by hand, in the exact old layout: "profila" version 1 with stores records
// (key [ws, col, key], one value per customer: {ws, col, key, rev, schema, sum, data: UTF-8 JSON}),
// quarantine and workspaces. page: any page of the app's origin not running the app.
function writeV1(page, ws, count, notes) {
  return page.evaluate(async ({ ws, count, cards }) => {
    const fnv64 = (bytes) => {
      let h = 0xcbf29ce484222325n;
      for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return h.toString(16).padStart(16, '0');
    };
    await new Promise((res) => { const d = indexedDB.deleteDatabase('profila'); d.onsuccess = d.onerror = d.onblocked = res; });
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open('profila', 1);
      r.onupgradeneeded = () => {
        r.result.createObjectStore('records', { keyPath: ['ws', 'col', 'key'] });
        r.result.createObjectStore('quarantine', { autoIncrement: true });
        r.result.createObjectStore('workspaces', { keyPath: 'id' });
      };
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const tx = db.transaction(['records', 'workspaces'], 'readwrite');
    tx.objectStore('workspaces').put({ id: ws, name: 'Old shop', created: 1, lastBackup: 0 });
    for (const [key, rev, json] of cards) {
      const data = new TextEncoder().encode(json);
      tx.objectStore('records').put({ ws, col: 'customers', key, rev, schema: 2, sum: fnv64(data), data });
    }
    await new Promise((res, rej) => { tx.oncomplete = res; tx.onabort = () => rej(tx.error); });
    db.close();
    localStorage.setItem('profila.workspace', ws);
    return true;
  }, { ws, count, cards: Array.from({ length: count }, (_, i) => [idOf(i), revOf(i), cardJson(i, notes(i))]) });
}

// What IndexedDB holds for a workspace's customers: database version, v1 records left, packs
// (each checked against the FNV-1a 32 hash computed here, independently of storage.js), layout.
function dbFacts(page, ws) {
  return page.evaluate(async (ws) => {
    const fnv32 = (s) => { let h = 0x811c9dc5; for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); } return h >>> 0; };
    const db = await new Promise((res, rej) => { const r = indexedDB.open('profila'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const version = db.version;
    const tx = db.transaction(['packs', 'records', 'quarantine'], 'readonly');
    const packs = tx.objectStore('packs').getAll(IDBKeyRange.bound([ws, 'customers'], [ws, 'customers', []]));
    const v1 = tx.objectStore('records').getAll(IDBKeyRange.bound([ws], [ws, []]));
    const q = tx.objectStore('quarantine').getAll();
    await new Promise((res) => { tx.oncomplete = res; });
    db.close();
    const layout = packs.result.find((p) => p.n === -1) || null;
    const list = packs.result.filter((p) => p.n >= 0);
    const records = {};      // key -> {rev, notes, n}
    let misplaced = 0, duplicates = 0, bytes = 0;
    for (const p of list) {
      bytes += p.data.length;
      let off = 0;
      p.keys.forEach((key, i) => {
        // The record's bytes as text: JSON, or MessagePack whose strings read as they are.
        const text = new TextDecoder().decode(p.data.subarray(off, off + p.lens[i]));
        off += p.lens[i];
        if (records[key]) duplicates++;
        if (!layout || fnv32(key) % layout.P !== p.n) misplaced++;
        records[key] = { rev: p.revs[i], text, n: p.n };
      });
    }
    return {
      version, layout, misplaced, duplicates, bytes,
      packs: list.map((p) => ({ n: p.n, count: p.keys.length, size: p.data.length, sum: Array.from(p.data.subarray(0, 64)).join(',') + '/' + p.data.length + '/' + p.revs.join(',') })),
      records,
      v1: v1.result.map((v) => ({ key: v.key, rev: v.rev, text: new TextDecoder().decode(v.data) })),
      quarantine: q.result.filter((v) => v.ws === ws).map((v) => ({ key: v.key, reason: v.reason, value: v.value })),
      target: window.profilaStore.packTarget,
    };
  }, ws);
}

function notesById(page) {
  return page.evaluate(() => Object.fromEntries(JSON.parse(window.profila.exportStore()).customers.map((c) => [c.id, c.notes || ''])));
}

test('a v1 database loads whole, moves into packs in one transaction, and loads the same again', async () => {
  const { context, close } = await launch();
  try {
    const N = 1500;  // ~1 MB: two packs or more
    const page = context.pages()[0] || (await context.newPage());
    await page.goto(server.url + 'version.json');
    await writeV1(page, 'wold', N, (i) => 'v1 note ' + i);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(server.url + '?lang=en');
    const s = await waitLoaded(page);
    assert.equal(s.workspace.id, 'wold');
    assert.equal(s.customers, N, 'every v1 customer loaded');
    assert.deepEqual(s.problems, []);
    for (let i = 0; i < N; i++) assert.equal(s.revisions[idOf(i)], revOf(i), `${idOf(i)} keeps its revision`);
    let notes = await notesById(page);
    for (let i = 0; i < N; i++) assert.equal(notes[idOf(i)], 'v1 note ' + i);

    // The load moved the records into packs (one readwrite transaction after the load).
    const moved = await page.evaluate(() => window.profilaStore.compaction());
    assert.equal(moved && moved.ok, true, JSON.stringify(moved));
    assert.deepEqual(moved.cols, ['customers']);
    const f = await dbFacts(page, 'wold');
    assert.equal(f.version, 2);
    assert.deepEqual(f.v1, [], 'no v1 record left');
    assert.equal(Object.keys(f.records).length, N, 'every customer in exactly one pack');
    assert.equal(f.duplicates, 0);
    assert.equal(f.misplaced, 0, 'each record in the pack its key hashes to');
    assert.equal(f.layout.P, Math.max(1, Math.ceil(f.bytes / f.target)), 'pack count sized for the target');
    assert.ok(f.layout.P > 1, 'more than one pack for 1,500 customers');
    assert.equal(f.layout.count, N);
    assert.equal(f.layout.bytes, f.bytes);
    for (let i = 0; i < N; i++) {
      assert.equal(f.records[idOf(i)].rev, revOf(i));
      assert.equal(JSON.parse(f.records[idOf(i)].text).notes, 'v1 note ' + i, 'the v1 bytes moved as they were');
    }

    // Loads the same from the packs; nothing left to move.
    await page.reload();
    const again = await waitLoaded(page);
    assert.equal(again.customers, N);
    assert.deepEqual(again.problems, []);
    assert.deepEqual(again.revisions, s.revisions);
    assert.equal(await page.evaluate(() => window.profilaStore.compaction()), null, 'no compaction after a clean load');
    notes = await notesById(page);
    for (let i = 0; i < N; i++) assert.equal(notes[idOf(i)], 'v1 note ' + i);

    // An edit is stored in its pack, and is there after a reload.
    const id = await page.evaluate((j) => window.profila.commitCustomer(j), cardJson(7, 'edited after the move'));
    assert.equal(id, idOf(7));
    assert.equal((await page.evaluate(() => window.profila.saveNow())).save, 'saved');
    await page.reload();
    const third = await waitLoaded(page);
    assert.equal(third.customers, N);
    assert.equal(third.revisions[idOf(7)], revOf(7) + 1);
    assert.equal((await notesById(page))[idOf(7)], 'edited after the move');
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('a copy beside a pack loads at the higher revision; compaction keeps only that one; a small save leaves the pack', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    const s0 = await waitLoaded(page);
    const ws = s0.workspace.id;
    for (const i of [1, 2, 3]) await page.evaluate((j) => window.profila.commitCustomer(j), cardJson(i, 'saved once'));
    assert.equal((await page.evaluate(() => window.profila.saveNow())).save, 'saved');
    await page.evaluate((j) => window.profila.commitCustomer(j), cardJson(2, 'saved twice'));
    assert.equal((await page.evaluate(() => window.profila.saveNow())).save, 'saved');
    // Small saves: each record on its own, no pack yet. Folded into packs on demand.
    let f = await dbFacts(page, ws);
    assert.deepEqual(f.v1.map((v) => [v.key, v.rev]), [['V00001', 1], ['V00002', 2], ['V00003', 1]]);
    assert.equal(f.packs.length, 0);
    assert.equal((await page.evaluate((ws) => window.profilaStore.compact(ws, ['customers']), ws)).ok, true);
    f = await dbFacts(page, ws);
    assert.deepEqual(f.v1, []);
    assert.deepEqual(Object.keys(f.records).sort(), ['V00001', 'V00002', 'V00003']);
    // Copies written beside the pack, in the v1 layout: V00001 newer (revision 7), V00002 older (1 < 2).
    await page.evaluate(async ({ ws, newer, older }) => {
      const fnv64 = (bytes) => {
        let h = 0xcbf29ce484222325n;
        for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
        return h.toString(16).padStart(16, '0');
      };
      const db = await new Promise((res) => { const r = indexedDB.open('profila'); r.onsuccess = () => res(r.result); });
      const tx = db.transaction('records', 'readwrite');
      for (const [key, rev, json] of [['V00001', 7, newer], ['V00002', 1, older]]) {
        const data = new TextEncoder().encode(json);
        tx.objectStore('records').put({ ws, col: 'customers', key, rev, schema: 2, sum: fnv64(data), data });
      }
      await new Promise((res) => { tx.oncomplete = res; });
      db.close();
    }, { ws, newer: cardJson(1, 'newer copy'), older: cardJson(2, 'older copy') });
    await page.reload();
    const s = await waitLoaded(page);
    assert.equal(s.customers, 3);
    assert.equal(s.revisions.V00001, 7);
    assert.equal(s.revisions.V00002, 2);
    const notes = await notesById(page);
    assert.deepEqual(notes, { V00001: 'newer copy', V00002: 'saved twice', V00003: 'saved once' });
    assert.equal((await page.evaluate((ws) => window.profilaStore.compact(ws, ['customers']), ws)).ok, true);
    f = await dbFacts(page, ws);
    assert.deepEqual(f.v1, [], 'the older copy is gone, the newer one moved');
    assert.deepEqual(Object.keys(f.records).sort(), ['V00001', 'V00002', 'V00003']);
    assert.equal(f.records.V00001.rev, 7);
    assert.match(f.records.V00001.text, /newer copy/);
    assert.equal(f.records.V00002.rev, 2);
    assert.match(f.records.V00002.text, /saved twice/);
    // A small save on top: checked against revision 7, stored on its own; the pack stays as it was.
    const packsBefore = f.packs.map((p) => p.sum);
    await page.evaluate((j) => window.profila.commitCustomer(j), cardJson(1, 'edited after the move'));
    assert.equal((await page.evaluate(() => window.profila.saveNow())).save, 'saved');
    f = await dbFacts(page, ws);
    assert.deepEqual(f.packs.map((p) => p.sum), packsBefore, 'no pack rewritten');
    assert.deepEqual(f.v1.map((v) => [v.key, v.rev]), [['V00001', 8]]);
    assert.match(f.v1[0].text, /edited after the move/);
    // A stale copy of revision 7 is refused: the check sees the copy beside the pack.
    const stale = await page.evaluate((ws) => window.profilaStore.writeTx(ws, { puts: [{ c: 'customers', k: 'V00001', rev: 8, base: 7, schema: 2, sum: '0123456789abcdef', bytes: new TextEncoder().encode('{}') }] }), ws);
    assert.equal(stale.code, 'conflict');
    assert.deepEqual(stale.conflicts, [{ c: 'customers', k: 'V00001', rev: 8 }]);
    await page.reload();
    assert.equal((await waitLoaded(page)).revisions.V00001, 8);
    assert.equal((await notesById(page)).V00001, 'edited after the move');
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('an import lays the packs out; small saves leave them alone until more than 256 pile up and are folded in; a delete rewrites one pack', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    const ws = (await waitLoaded(page)).workspace.id;
    for (let i = 0; i < 20; i++) await page.evaluate((j) => window.profila.commitCustomer(j), cardJson(i, 'first'));
    assert.equal((await page.evaluate(() => window.profila.saveNow())).save, 'saved');
    let f = await dbFacts(page, ws);
    assert.equal(f.v1.length, 20, '20 customers in a small save: each on its own');
    assert.equal(f.packs.length, 0);

    // 2,500 more in one save: laid out as packs, the 20 folded in with them.
    const N = 2520;
    await page.evaluate((list) => { for (const j of list) window.profila.commitCustomer(j); }, Array.from({ length: N - 20 }, (_, k) => cardJson(20 + k, 'imported')));
    assert.equal((await page.evaluate(() => window.profila.saveNow())).save, 'saved');
    f = await dbFacts(page, ws);
    assert.deepEqual(f.v1, []);
    assert.equal(Object.keys(f.records).length, N);
    assert.equal(f.misplaced, 0);
    assert.equal(f.duplicates, 0);
    assert.equal(f.layout.P, Math.max(1, Math.ceil(f.bytes / f.target)));
    assert.ok(f.layout.P >= 2, `${f.layout.P} packs`);
    assert.equal(f.layout.count, N);
    for (const p of f.packs) assert.ok(p.size < 2 * f.target, `pack ${p.n}: ${p.size} bytes`);

    // One edited customer: stored on its own, no pack rewritten.
    const before = new Map(f.packs.map((p) => [p.n, p.sum]));
    await page.evaluate((j) => window.profila.commitCustomer(j), cardJson(1234, 'edited alone'));
    assert.equal((await page.evaluate(() => window.profila.saveNow())).save, 'saved');
    let g = await dbFacts(page, ws);
    assert.deepEqual(g.packs.filter((p) => before.get(p.n) !== p.sum).map((p) => p.n), []);
    assert.deepEqual(g.v1.map((v) => [v.key, v.rev]), [[idOf(1234), 2]]);

    // A delete (through the bridge, with its base revision): only the pack holding it is rewritten.
    const victim = idOf(77);
    const del = await page.evaluate(({ ws, k }) => window.profilaStore.writeTx(ws, { dels: [{ c: 'customers', k, base: 1 }] }), { ws, k: victim });
    assert.equal(del.ok, true, JSON.stringify(del));
    g = await dbFacts(page, ws);
    assert.deepEqual(g.packs.filter((p) => before.get(p.n) !== p.sum).map((p) => p.n), [f.records[victim].n]);
    assert.equal(g.records[victim], undefined);
    assert.equal(g.layout.count, N - 1);
    assert.equal(g.layout.bytes, g.bytes, 'the layout follows the pack sizes');
    await page.reload();
    assert.equal((await waitLoaded(page)).customers, N - 1);
    assert.equal(await page.evaluate(() => window.profilaStore.compaction()), null, 'packs on target, one record beside them: nothing to fold');
    assert.equal((await notesById(page))[idOf(1234)], 'edited alone');

    // Many small saves in one session: once more than 256 records sit beside the packs, the tab folds
    // them in without waiting for a load (a load would too: the v1 test above). The tab counts them
    // every 64 small puts (every second save of 32): the count after the 8th save finds 257.
    for (let b = 0; b < 7; b++) {
      await page.evaluate((list) => { for (const j of list) window.profila.commitCustomer(j); }, Array.from({ length: 32 }, (_, k) => cardJson(300 + b * 32 + k, 'small save ' + b)));
      assert.equal((await page.evaluate(() => window.profila.saveNow())).save, 'saved');
    }
    g = await dbFacts(page, ws);
    assert.equal(g.v1.length, 225, '224 small-saved records and the one edited alone wait beside the packs');
    for (let b = 7; b < 8; b++) {
      await page.evaluate((list) => { for (const j of list) window.profila.commitCustomer(j); }, Array.from({ length: 32 }, (_, k) => cardJson(300 + b * 32 + k, 'small save ' + b)));
      assert.equal((await page.evaluate(() => window.profila.saveNow())).save, 'saved');
    }
    const folded = await page.evaluate(() => window.profilaStore.compaction());
    assert.equal(folded && folded.ok, true);
    assert.deepEqual(folded.cols, ['customers']);
    g = await dbFacts(page, ws);
    assert.deepEqual(g.v1, [], 'folded during the session');
    await page.reload();
    assert.equal((await waitLoaded(page)).customers, N - 1);
    assert.equal(await page.evaluate(() => window.profilaStore.compaction()), null, 'nothing left for the load to fold');
    g = await dbFacts(page, ws);
    assert.deepEqual(g.v1, []);
    assert.equal(Object.keys(g.records).length, N - 1);
    assert.equal(g.misplaced, 0);
    assert.match(g.records[idOf(300)].text, /small save 0/);
    assert.match(g.records[idOf(1234)].text, /edited alone/);
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('a damaged pack: its customers are set aside (the pack kept whole in quarantine), the others load', async () => {
  const { context, close } = await launch();
  try {
    await context.addInitScript(() => { window.profilaPackTarget = 200 * 1024; });  // small packs: several from few cards
    const { page } = await openApp(context, server.url + '?lang=en');
    const ws = (await waitLoaded(page)).workspace.id;
    const N = 1500;  // ~0.6 MB of records: three packs or more
    await page.evaluate((list) => { for (const j of list) window.profila.commitCustomer(j); }, Array.from({ length: N }, (_, i) => cardJson(i, 'stored')));
    assert.equal((await page.evaluate(() => window.profila.saveNow())).save, 'saved');
    const f = await dbFacts(page, ws);
    assert.ok(f.packs.length >= 2, `${f.packs.length} packs`);
    const victim = f.packs[0];
    const lost = Object.keys(f.records).filter((k) => f.records[k].n === victim.n).sort();
    // The pack's lengths no longer add up to its bytes.
    await page.evaluate(async ({ ws, n }) => {
      const db = await new Promise((res) => { const r = indexedDB.open('profila'); r.onsuccess = () => res(r.result); });
      const tx = db.transaction('packs', 'readwrite');
      const get = tx.objectStore('packs').get([ws, 'customers', n]);
      get.onsuccess = () => { const v = get.result; v.lens[0] += 5; tx.objectStore('packs').put(v); };
      await new Promise((res) => { tx.oncomplete = res; });
      db.close();
    }, { ws, n: victim.n });
    await page.reload();
    const s = await waitLoaded(page);
    assert.equal(s.customers, N - lost.length, 'the other packs load');
    assert.equal(s.problems.length, lost.length);
    assert.ok(s.problems.every((p) => /^customers\/V\d+: damaged storage pack/.test(p)), s.problems.join(' | '));
    await page.waitForFunction((n) => window.profila.storeStatus().setAside === n, lost.length, { timeout: 10000 });
    const g = await dbFacts(page, ws);
    assert.deepEqual(g.quarantine.map((q) => q.key).sort(), lost, 'each of its customers listed as set aside');
    const whole = g.quarantine.filter((q) => q.value);
    assert.equal(whole.length, 1, 'the pack kept once, whole');
    assert.deepEqual([...whole[0].value.keys].sort(), lost);
    assert.ok(!g.packs.some((p) => p.n === victim.n), 'out of the way of the next load');
    // The next load is clean, and a customer hashing to the emptied pack can be stored again.
    await page.reload();
    const again = await waitLoaded(page);
    assert.equal(again.customers, N - lost.length);
    assert.deepEqual(again.problems, []);
    const back = Number(lost[0].slice(1));
    await page.evaluate((j) => window.profila.commitCustomer(j), cardJson(back, 'typed in again'));
    assert.equal((await page.evaluate(() => window.profila.saveNow())).save, 'saved');
    await page.reload();
    const third = await waitLoaded(page);
    assert.equal(third.customers, N - lost.length + 1);
    assert.equal((await notesById(page))[lost[0]], 'typed in again');
    assert.equal((await dbFacts(page, ws)).v1.length, 1, 'stored on its own beside the packs');
  } finally { await close(); }
});

test('crashing the page while v1 records move into packs loses nothing (2 trials)', async () => {
  const N = 3000;
  for (let t = 0; t < 2; t++) {
    const { context, close } = await launch({ viewport: { width: 480, height: 360 } });
    try {
      const page = context.pages()[0] || (await context.newPage());
      await page.goto(server.url + 'version.json');
      await writeV1(page, 'wkill', N, (i) => `trial ${t} note ${i}`);
      await page.goto(server.url + '?lang=en');
      await waitLoaded(page);
      // The move starts right after the load; crash at once or 400 ms into it.
      await new Promise((r) => setTimeout(r, [0, 400][t]));
      const cdp = await context.newCDPSession(page);
      cdp.send('Page.crash').catch(() => {});
      await page.waitForEvent('crash', { timeout: 5000 }).catch(() => {});
      await page.close({ runBeforeUnload: false }).catch(() => {});
      const next = await context.newPage();
      await next.goto(server.url + '?lang=en');
      const s = await waitLoaded(next);
      assert.equal(s.customers, N, `trial ${t}: every customer loaded`);
      assert.deepEqual(s.problems, []);
      const notes = await notesById(next);
      for (let i = 0; i < N; i++) assert.equal(notes[idOf(i)], `trial ${t} note ${i}`);
      const before = await dbFacts(next, 'wkill');
      // Either moved already (all in packs) or not at all (all v1): never half.
      assert.ok((before.v1.length === N && Object.keys(before.records).length === 0) || (before.v1.length === 0 && Object.keys(before.records).length === N),
        `trial ${t}: ${before.v1.length} v1 records and ${Object.keys(before.records).length} in packs`);
      await next.evaluate(() => window.profilaStore.compaction());
      const after = await dbFacts(next, 'wkill');
      assert.equal(after.v1.length, 0);
      assert.equal(Object.keys(after.records).length, N);
      assert.equal(after.misplaced, 0);
    } finally { await close(); }
  }
});
