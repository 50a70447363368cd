// Kill while the passphrase is turned on or off (issue 18): each trial opens the app (typing the
// passphrase when the store is encrypted), checks every customer, checks that the store is all
// encrypted or all not (every value of the workspace in every object store sealed exactly when the
// workspace's entry says it is encrypted; no name readable when it is), then turns the passphrase on
// (or off) while editing customers, and crashes or closes the page at a random moment: in 4 trials
// of 5 during the switch's transaction (0 to 1.3 times how long the last one took, from the moment
// storage.js starts it, its key derived), else in the first 100 ms (while the key is derived). No change reported saved may be lost; a switch reported
// done must be what the next trial finds.
// Used by passphrase.test.mjs (3 trials) and passphrase_kill_longrun.mjs (50 trials).
import assert from 'node:assert/strict';
import { launch, waitReady } from './lib.mjs';
import { killPage, watchAppPages } from './kill_page.mjs';

const CUSTOMERS = 1500;           // ~2.5 MB of records: the switch's transaction rewrites several packs
const PURCHASES = 12;
const PASS = 'kill trials passphrase';

function cardJson(id, notes) {
  const purchases = [];
  for (let i = 0; i < PURCHASES; i++) purchases.push({ id: `${id}-p${i}`, date: `2025-0${1 + (i % 9)}-1${i % 9}`, amount: 10 + i, category: 'coffee', channel: 'shop' });
  return JSON.stringify({ schema: 2, id, kind: 'private', name: 'Customer ' + id, notes, purchases });
}

// The store's state, read raw in one transaction: {encrypted, sealed, plain, names} (values with
// bytes sealed and not; values where a customer's name is readable).
function storeState(page, ws) {
  return page.evaluate(async (ws) => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open('profila'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const tx = db.transaction(['packs', 'records', 'quarantine', 'workspaces'], 'readonly');
    const get = (req) => new Promise((res, rej) => { req.onsuccess = () => res(req.result); req.onerror = () => rej(req.error); });
    const range = IDBKeyRange.bound([ws], [ws, []]);
    const [packs, records, quarantine, info] = await Promise.all([get(tx.objectStore('packs').getAll(range)), get(tx.objectStore('records').getAll(range)),
      get(tx.objectStore('quarantine').getAll()), get(tx.objectStore('workspaces').get(ws))]);
    db.close();
    const out = { encrypted: !!(info && info.crypt), sealed: 0, plain: 0, names: 0 };
    const latin = (u8) => { let s = ''; for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000)); return s; };
    const look = (v) => {
      if (!v || typeof v !== 'object' || !(v.data instanceof Uint8Array)) return;
      if (v.iv instanceof Uint8Array) out.sealed++; else out.plain++;
      if (latin(v.data).includes('Customer K')) out.names++;
    };
    packs.forEach(look);
    records.forEach(look);
    quarantine.filter((q) => q && q.ws === ws).forEach((q) => look(q.value));
    return out;
  }, ws);
}

// Runs n trials against the served site at url; returns {trials, crashes, closes, checked, ...}.
export async function runPassphraseKillTrials(url, n, { log = () => {}, seed = 12345, customers = CUSTOMERS } = {}) {
  let rng = seed >>> 0;
  const random = () => ((rng = (Math.imul(rng, 1664525) + 1013904223) >>> 0) / 4294967296);
  const { context, close } = await launch({ viewport: { width: 480, height: 360 } });
  const attempted = new Map();  // id -> Set(notes) of every edit sent
  const acked = new Map();      // id -> highest revision reported saved
  const stats = { trials: 0, crashes: 0, closes: 0, checked: 0, switchesDone: 0, killedBeforeDone: 0, encryptedFound: 0, plainFound: 0,
    switchMs: [], txMs: [], unlockMs: [], killsInTx: 0 };
  let switchAck = null;         // {encrypted} of the last switch reported done
  let switching = null;         // resolves when the page's switch transaction starts
  const dead = new WeakSet();
  await context.exposeBinding('__profilaAck', (src, puts) => {
    for (const p of puts) if (p.c === 'customers') acked.set(p.k, Math.max(acked.get(p.k) || 0, p.r));
  });
  await context.exposeBinding('__profilaSwitched', (src, r) => {
    if (dead.has(src.page)) return;
    switchAck = r;
    stats.switchesDone++;
    stats.switchMs.push(r.ms);
    if (r.txMs > 0) stats.txMs.push(r.txMs);
  });
  await context.exposeBinding('__profilaSwitching', (src) => { if (!dead.has(src.page) && switching) switching.resolve(); });
  const waitDeath = await watchAppPages(context, url);
  await context.addInitScript(() => {
    if (location.pathname.endsWith('.json')) return;
    window.addEventListener('profila-store-saved', (e) => { window.__profilaAck(e.detail.puts || []); });
    window.addEventListener('profila-store-switching', () => { window.__profilaSwitchStart = performance.now(); window.__profilaSwitching(); });
  });
  const ids = Array.from({ length: customers }, (_, i) => 'K' + String(i).padStart(4, '0'));
  const commit = (page, batch) => page.evaluate((list) => {
    for (const [, json] of list) {
      const r = window.profila.commitCustomer(json);
      if (r.startsWith('error')) throw new Error(r);
    }
    window.Module._profila_store_flush();
  }, batch);
  const open = async () => {
    const page = await context.newPage();
    await page.goto(url + '?lang=en');
    await page.waitForFunction(() => window.profila && window.profila.ready && window.profila.frame > 2 &&
      (window.profila.storeStatus().loaded || window.profila.storeStatus().locked || window.profila.storeStatus().loadFailed), null, { timeout: 60000 });
    let s = await page.evaluate(() => window.profila.storeStatus());
    if (s.locked) {
      const t0 = Date.now();
      s = await page.evaluate((p) => window.profila.unlock(p), PASS);
      stats.unlockMs.push(Date.now() - t0);
      assert.equal(s.unlockMessage, '', 'the passphrase opens the store');
    }
    await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 60000 });
    return page;
  };
  try {
    let page = await open();
    const ws = (await page.evaluate(() => window.profila.storeStatus())).workspace.id;
    for (let i = 0; i < ids.length; i += 250) await commit(page, ids.slice(i, i + 250).map((id) => [id, cardJson(id, 'v0')]));
    for (const id of ids) attempted.set(id, new Set(['v0']));
    await page.evaluate(() => window.profila.saveNow());
    await page.close();
    dead.add(page);
    await waitDeath(-1);
    let lastTxMs = 150;
    for (let t = 0; t <= n; t++) {
      page = await open();
      // Check every customer: present, a version that was sent, never older than acknowledged.
      const state = await page.evaluate(() => {
        const s = window.profila.storeStatus();
        const notes = Object.fromEntries(JSON.parse(window.profila.exportStore()).customers.map((c) => [c.id, c.notes || '']));
        return { problems: s.problems, revisions: s.revisions, notes, encrypted: s.encrypted };
      });
      assert.deepEqual(state.problems, [], `trial ${t}: no record set aside`);
      for (const id of ids) {
        const rev = state.revisions[id];
        assert.ok(rev !== undefined, `trial ${t}: customer ${id} is missing`);
        assert.ok(attempted.get(id).has(state.notes[id]), `trial ${t}: ${id} holds "${state.notes[id]}", never sent`);
        assert.ok(rev >= (acked.get(id) || 0), `trial ${t}: ${id} lost an acknowledged save (rev ${rev} < acked ${acked.get(id)})`);
        stats.checked++;
      }
      // All encrypted or all not, and as the last switch reported done left it.
      const raw = await storeState(page, ws);
      assert.equal(raw.encrypted, state.encrypted, `trial ${t}: the app and the store agree on encryption`);
      if (raw.encrypted) assert.ok(raw.plain === 0 && raw.names === 0, `trial ${t}: encrypted, yet ${raw.plain} values plain, ${raw.names} with names`);
      else assert.ok(raw.sealed === 0, `trial ${t}: not encrypted, yet ${raw.sealed} values sealed`);
      if (switchAck) assert.equal(raw.encrypted, switchAck.encrypted, `trial ${t}: a switch reported done was undone`);
      if (raw.encrypted) stats.encryptedFound++; else stats.plainFound++;
      switchAck = null;
      if (t === n) { await page.close(); break; }

      // Switch while editing, and kill at a random moment around it.
      const doneBefore = stats.switchesDone;
      let started;
      switching = { promise: new Promise((r) => { started = r; }), resolve: () => started() };
      const inTx = random() < 0.8;
      const t0 = Date.now();
      page.evaluate((p) => {
        const t0 = performance.now();
        return window.profila.setPassphrase(p).then((s) => {
          if (s.passphraseMessage === 'lock.on_done' || s.passphraseMessage === 'lock.off_done')
            window.__profilaSwitched({ encrypted: s.encrypted, ms: performance.now() - t0, txMs: performance.now() - (window.__profilaSwitchStart || t0) });
        });
      }, raw.encrypted ? null : PASS).catch(() => {});
      if (inTx) await Promise.race([switching.promise, new Promise((r) => setTimeout(r, 5000))]);
      const killAfter = inTx ? Math.floor(random() * lastTxMs * 1.3) : Math.floor(random() * 100);
      const killAt = Date.now() + killAfter;
      if (inTx) stats.killsInTx++;
      let burst = 0;
      const editing = (async () => {
        while (Date.now() < killAt) {
          const batch = [];
          for (let k = 0; k < 8; k++) {
            const id = ids[Math.floor(random() * ids.length)];
            batch.push([id, cardJson(id, `t${t}-b${burst}-${id}`)]);
          }
          for (const [id, json] of batch) attempted.get(id).add(JSON.parse(json).notes);
          try { await commit(page, batch); } catch (e) { return; }
          burst++;
          await new Promise((r) => setTimeout(r, Math.floor(random() * 40)));
        }
      })();
      await new Promise((r) => setTimeout(r, Math.max(0, killAt - Date.now())));
      if (await killPage(context, page, random) === 'crash') stats.crashes++;
      else stats.closes++;
      dead.add(page);
      await editing;
      await waitDeath(t);
      if (stats.switchesDone === doneBefore) stats.killedBeforeDone++;
      else if (stats.txMs.length) lastTxMs = stats.txMs[stats.txMs.length - 1];
      stats.trials++;
      log(`trial ${t}: killed ${killAfter} ms after ${inTx ? 'the switch transaction started' : 'the switch was asked for'} (${Date.now() - t0} ms in all; ` +
          `${stats.switchesDone === doneBefore ? 'switch not reported done' : 'switch done, transaction ' + Math.round(lastTxMs) + ' ms'}), ${burst} edit bursts`);
    }
  } finally {
    await close();
  }
  return stats;
}
