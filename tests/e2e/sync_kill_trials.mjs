// Kill during sync (issue 17 item 9): the page is crashed or closed (tests/e2e/kill_page.mjs) at a
// random moment while it pushes to or pulls from a real CouchDB-compatible server (pouchdb-server,
// tests/e2e/couch.mjs, behind web/serve.mjs --couchdb as in production), then reopened; it must
// finish syncing with nothing lost, nothing doubled, and its stored checkpoint never ahead of what
// it stored.
//
// Each trial: a fresh database on the server, a fresh IndexedDB in the browser (deleted from a
// probe page once no app page runs), one device.
// - push: the device joins the empty database, goes offline, saves N customers (each stored with
//   its outbox entry), goes online and is killed at a random moment after its first _bulk_docs
//   request left. Reopened, it finishes; then on the server (as admin) every customer is there
//   exactly once (no other document, no conflicting revision) with the latest content, and the
//   device's outbox is empty.
// - pull: the server holds N customers in the app's document format (written by _bulk_docs as
//   another device would, sync.cpp's shape); the device is fresh (joins now) or behind (joined when
//   the server held a few, then offline while the N arrived), and is killed at a random moment
//   after its first _changes request of the trial left. Reopened (joined again if it died before
//   its config was stored), it finishes; its store holds every server customer exactly once, with
//   the server's content.
// - edits during sync (half the trials): once the push or pull is under way, 1-3 cards are edited
//   on the device and stored (the save's transaction completed) just before the kill; each edit
//   must be on the server at the end.
//
// The checkpoint check, at every kill, before reopening. Sequence values are opaque (strings on a
// cluster) and never compared; "ahead" is judged by documents. Right after the page died, the raw
// IndexedDB is read from a probe page of the same origin (no app runs there): the stored checkpoint
// C (sync/checkpoint), the customers stored, and the base of each (sync/base/customers/<id>: the
// server _rev the device last took in, written in the same transaction as the card). Then the
// server is asked for _changes?since=C (C sent exactly as stored) and for every document's current
// _rev. A document the feed does NOT return has not changed on the server since C, so its current
// _rev is the one it had at C, and a device whose checkpoint says "everything up to C is applied"
// must hold that card at exactly that _rev. So: every customer on the server and not in the feed
// since C must be stored on the device with base _rev equal to the server's; anything else is a
// checkpoint ahead of what was applied. (A document the feed does return may or may not have been
// taken in: no constraint. No checkpoint stored yet: nothing can be ahead.) Documents the device
// pushed itself are covered too: their own change is in the feed after C unless a pull took it in.
// Used by sync_kill.test.mjs (a few trials) and sync_kill_longrun.mjs (100 trials).
import assert from 'node:assert/strict';
import { launch, startServer, waitReady } from './lib.mjs';
import { startCouch } from './couch.mjs';
import { killPage, watchAppPages } from './kill_page.mjs';

const USER = { name: 'ada', password: 'bread-and-roses' };
const PURCHASES = 3;
const EARLY = 20;  // customers a "behind" device already holds before the trial's N arrive

const idOf = (t, i) => `T${String(t).padStart(3, '0')}C${String(i).padStart(4, '0')}`;
function cardBody(id, notes) {
  const purchases = [];
  for (let i = 0; i < PURCHASES; i++) purchases.push({ id: `${id}-p${i}`, date: `2025-0${1 + (i % 9)}-1${i % 9}`, amount: 10 + i, category: 'coffee', channel: 'shop' });
  return { schema: 2, id, kind: 'private', name: 'Customer ' + id, notes, purchases };
}

// The raw store as the probe page reads it: per collection, key -> {rev, text} (records beside the
// packs win on a higher or equal revision, as web/storage.js loads them). Texts are decoded as UTF-8
// (the sync and outbox records are JSON; customers are MessagePack and only their keys matter here).
function readRawStore(probe) {
  return probe.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'profila')) return {};
    const db = await new Promise((res, rej) => { const r = indexedDB.open('profila'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const all = async (name) => new Promise((res, rej) => {
      const r = db.transaction(name, 'readonly').objectStore(name).getAll();
      r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error);
    });
    const out = {};
    const dec = new TextDecoder();
    const u8 = (d) => (d instanceof Uint8Array ? d : d instanceof ArrayBuffer ? new Uint8Array(d) : typeof d === 'string' ? new TextEncoder().encode(d) : new Uint8Array(0));
    const put = (col, key, rev, bytes, tie) => {
      const c = (out[col] = out[col] || {});
      if (c[key] && (tie ? rev < c[key].rev : rev <= c[key].rev)) return;
      c[key] = { rev, text: col === 'customers' ? '' : dec.decode(bytes) };
    };
    for (const p of await all('packs')) {
      if (p.n === -1 || !Array.isArray(p.keys)) continue;
      const data = u8(p.data);
      let off = 0;
      p.keys.forEach((k, i) => { put(p.col, k, Number(p.revs[i]) || 0, data.subarray(off, off + p.lens[i]), false); off += p.lens[i]; });
    }
    for (const r of await all('records')) put(r.col, r.key, Number(r.rev) || 0, u8(r.data), true);
    db.close();
    return out;
  });
}

// What a killed device left: checkpoint (undefined: none stored), bases, customers, outbox.
function syncStateOf(raw) {
  const sync = raw.sync || {};
  const bases = new Map();
  for (const [k, v] of Object.entries(sync)) if (k.startsWith('base/customers/')) bases.set(k.slice(15), JSON.parse(v.text).rev);
  return {
    since: sync.checkpoint ? JSON.parse(sync.checkpoint.text).since : undefined,
    configured: !!sync.config,
    bases,
    customers: new Set(Object.keys(raw.customers || {})),
    outbox: Object.keys(raw.outbox || {}),
    raw,
  };
}

// The check described at the top: customers the feed since the stored checkpoint does not return
// must be stored at the server's _rev. Returns {checked, ahead: [ids]}.
async function checkpointCheck(couch, db, state) {
  if (state.since === undefined) return { checked: 0, ahead: [] };
  const since = encodeURIComponent(typeof state.since === 'string' ? state.since : JSON.stringify(state.since));
  const feed = await couch.request('GET', `/${db}/_changes?style=all_docs&since=${since}`);
  assert.equal(feed.status, 200, 'changes since the stored checkpoint: ' + feed.text.slice(0, 200));
  const changed = new Set(feed.json.results.map((r) => r.id));
  const rows = (await couch.request('GET', `/${db}/_all_docs`)).json.rows;
  let checked = 0;
  const ahead = [];
  for (const row of rows) {
    if (!row.id.startsWith('customer:') || changed.has(row.id)) continue;
    const id = row.id.slice(9);
    checked++;
    if (!state.customers.has(id) || state.bases.get(id) !== row.value.rev)
      ahead.push(`${id} (server ${row.value.rev}, stored ${state.customers.has(id) ? 'base ' + state.bases.get(id) : 'no card'})`);
  }
  return { checked, ahead };
}

// Every customer on the server: id -> {notes, conflicts}; and any other non-design document.
async function serverCustomers(couch, db) {
  const rows = (await couch.request('GET', `/${db}/_all_docs?include_docs=true&conflicts=true`)).json.rows;
  const out = new Map();
  const others = [];
  for (const r of rows) {
    if (r.id.startsWith('_design/')) continue;
    if (!r.id.startsWith('customer:')) { others.push(r.id); continue; }
    out.set(r.id.slice(9), { notes: r.doc.notes || '', conflicts: (r.doc._conflicts || []).length, rev: r.value.rev });
  }
  return { customers: out, others };
}
const serverCount = async (couch, db) => (await couch.request('GET', `/${db}`)).json.doc_count - 1;  // less the design document

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : 0; };

// Runs n trials (kinds alternate push, pull unless `kinds` says otherwise: e.g. ['pull']); returns
// the figures. N customers per trial (default 400: two _bulk_docs of 200, one _changes page of up
// to 1,000, stored in one transaction with its checkpoint);
// windowMs {push, pull}: kill moments are drawn in [0, window) after the first request.
export async function runSyncKillTrials(n, { log = () => {}, seed = 4242, customers: N = 400, kinds = ['push', 'pull'], windowMs = null } = {}) {
  // Kill moments drawn over about the time the sync takes here on loopback (400 cards: the push
  // ~0.4-0.7 s, the pull ~0.2-0.4 s in one page), so most land inside it.
  windowMs = windowMs || { push: Math.round(N * 1.75), pull: Math.round(N * 1.0) };
  let rng = seed >>> 0;
  const random = () => {  // mulberry32: a plain LCG's draws taken a few apart here made every kill a close
    rng = (rng + 0x6d2b79f5) >>> 0;
    let x = Math.imul(rng ^ (rng >>> 15), 1 | rng);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const couch = await startCouch();
  await couch.createUser(USER.name, USER.password);
  const server = await startServer(undefined, ['--couchdb', couch.url]);
  const { context, close } = await launch({ viewport: { width: 480, height: 360 } });
  const stats = { trials: 0, push: 0, pull: 0, crashes: 0, closes: 0, edits: 0, lost: 0, doubled: 0, ahead: 0,
                  checkpointDocs: 0, midPush: 0, midPull: 0, trialMs: [], killMs: [], atKill: [] };
  const url = server.url;
  try {
    const waitDeath = await watchAppPages(context, url);
    const probe = await context.newPage();
    await probe.goto(url + 'version.json');
    const open = async () => {
      const page = await context.newPage();
      page.on('pageerror', (err) => log('page error: ' + err));
      await page.goto(url + '?lang=en');
      await waitReady(page);
      await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
      return page;
    };
    const status = (page) => page.evaluate(() => window.profila.syncStatus());
    const waitSync = async (page, what, timeout = 60000) => {
      try {
        await page.waitForFunction(() => {
          const s = window.profila.syncStatus();
          const st = window.profila.storeStatus();
          return s.conflicts.length > 0 || s.keptAside.length > 0 ||
                 (s.phase === 'ready' && s.waiting === 0 && s.caughtUp && !s.pushing && st.dirty === 0 && st.inFlight === 0 && st.save !== 'saving');
        }, null, { timeout, polling: 100 });
      } catch (e) { throw new Error(`timed out waiting for ${what}; sync: ${JSON.stringify(await status(page)).slice(0, 600)}`); }
      const s = await status(page);
      assert.deepEqual(s.conflicts, [], `${what}: no conflict (an edit of this device's own must never ask the person)`);
      assert.deepEqual(s.keptAside, [], `${what}: nothing kept aside`);
    };
    const connect = async (page, db) => {
      assert.equal(await page.evaluate((r) => window.profila.syncConnect(r), { database: db, user: USER.name, password: USER.password, device: 'Trial tablet' }), '');
    };
    const commitAll = (page, list) => page.evaluate((cards) => {
      for (const c of cards) { const r = window.profila.commitCustomer(JSON.stringify(c)); if (r.startsWith('error')) throw new Error(r); }
      return window.profila.saveNow();
    }, list);
    // Commits the cards and resolves once the transaction holding them has completed (the store's
    // 'profila-store-saved' event), even while other saves (a pull's batches) go on.
    const commitAcked = (page, list) => page.evaluate((cards) => new Promise((resolve, reject) => {
      const want = new Map();
      for (const c of cards) {
        const r = window.profila.commitCustomer(JSON.stringify(c));
        if (r.startsWith('error')) { reject(new Error(r)); return; }
        want.set(c.id, window.profila.storeStatus().revisions[c.id]);
      }
      const on = (e) => {
        for (const p of e.detail.puts || []) if (p.c === 'customers' && want.has(p.k) && p.r >= want.get(p.k)) want.delete(p.k);
        if (!want.size) { window.removeEventListener('profila-store-saved', on); resolve(); }
      };
      window.addEventListener('profila-store-saved', on);
      window.Module._profila_store_flush();
    }), list);
    const localCustomers = (page) => page.evaluate(() => JSON.parse(window.profila.exportStore()).customers.map((c) => [c.id, c.notes || '']));
    const freshStore = () => probe.evaluate(() => new Promise((res, rej) => {
      localStorage.clear();
      const r = indexedDB.deleteDatabase('profila');
      r.onsuccess = () => res(); r.onerror = () => rej(r.error); r.onblocked = () => rej(new Error('IndexedDB delete blocked: a page still has it open'));
    }));

    for (let t = 0; t < n; t++) {
      const kind = kinds[t % kinds.length];
      const t0 = Date.now();
      const db = `${kind}${t}`;
      await couch.createDb(db, [USER.name]);
      await freshStore();
      const expected = new Map();  // id -> notes the server and the device must end with
      let page = await open();
      const fresh = kind === 'pull' && random() < 0.5;
      if (kind === 'push') {
        await connect(page, db);
        await waitSync(page, `trial ${t}: joining the empty database`);
        await context.setOffline(true);
        const cards = [];
        for (let i = 0; i < N; i++) { const c = cardBody(idOf(t, i), `t${t}-v0`); cards.push(c); expected.set(c.id, c.notes); }
        const saved = await commitAll(page, cards);
        assert.equal(saved.save, 'saved', `trial ${t}: the ${N} customers stored`);
        assert.equal((await status(page)).waiting, N, `trial ${t}: ${N} changes waiting in the outbox`);
      } else {
        const seed = async (from, to) => {
          const docs = [];
          for (let i = from; i < to; i++) {
            const c = cardBody(idOf(t, i), `t${t}-server`);
            docs.push({ ...c, _id: 'customer:' + c.id, type: 'customer', device: 'Other tablet', edited: new Date().toISOString() });
            expected.set(c.id, c.notes);
          }
          for (let k = 0; k < docs.length; k += 500) {
            const r = await couch.request('POST', `/${db}/_bulk_docs`, { docs: docs.slice(k, k + 500) });
            assert.ok(r.status < 300 && r.json.every((row) => row.ok), 'seeding: ' + r.text.slice(0, 300));
          }
        };
        if (!fresh) {  // behind: joined when the server held a few, then offline while the rest arrived
          await seed(0, EARLY);
          await connect(page, db);
          await page.waitForFunction((k) => window.profila.storeStatus().customers >= k, EARLY, { timeout: 30000 });
          await waitSync(page, `trial ${t}: joining with ${EARLY} customers`);
          await context.setOffline(true);
          await seed(EARLY, EARLY + N);
        } else {
          await seed(0, N);
        }
      }
      // Armed: the first _bulk_docs (push) or _changes (pull) request of the trial starts the clock.
      // Requests of that kind answered before the kill (and when) show where in the sync it fell.
      let started;
      const going = new Promise((resolve) => { started = resolve; });
      const path = kind === 'push' ? '/_bulk_docs' : '/_changes';
      let armed = false, firstAt = 0;
      const answered = [];
      page.on('request', (req) => {
        if (armed && req.url().includes(path) && !firstAt) { firstAt = Date.now(); started(firstAt); }
      });
      page.on('requestfinished', (req) => { if (firstAt && req.url().includes(path)) answered.push(Date.now() - firstAt); });
      armed = true;
      if (kind === 'push' || !fresh) {
        await context.setOffline(false);
        await page.evaluate(() => window.profila.syncNow());
      } else {
        await connect(page, db);
      }
      await going;
      // The push of 400 cards takes ~0.5-1.5 s here, the pull ~1-2 s: kill within that.
      const delay = Math.floor(random() * (kind === 'push' ? windowMs.push : windowMs.pull));
      const edit = random() < 0.5;
      const editCount = 1 + Math.floor(random() * 3);
      const killAt = Date.now() + delay;
      let edited = [];
      if (edit) {
        await new Promise((r) => setTimeout(r, Math.max(0, killAt - Date.now() - 60)));
        // Cards this device holds now; on a pull, the last ones taken in (the newest batch).
        const held = (await localCustomers(page)).map(([id]) => id).sort();
        const pool = kind === 'pull' ? held.slice(-Math.max(editCount, 10)) : held;
        for (let k = 0; k < editCount && pool.length; k++) edited.push(pool[Math.floor(random() * pool.length)]);
        edited = [...new Set(edited)];
        const cards = edited.map((id) => cardBody(id, `t${t}-edited-${id}`));
        await commitAcked(page, cards);  // stored: from here the edit must reach the server
        for (const c of cards) expected.set(c.id, c.notes);
        stats.edits += cards.length;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, killAt - Date.now())));
      const answeredBefore = answered.slice();
      const killedAt = Date.now() - firstAt;
      const how = await killPage(context, page, random);
      if (how === 'crash') stats.crashes++; else stats.closes++;
      await waitDeath(t);
      // At the kill: what the device stored, what the server holds, and the checkpoint check.
      const left = syncStateOf(await readRawStore(probe));
      const onServer = await serverCount(couch, db);
      const cp = await checkpointCheck(couch, db, left);
      stats.checkpointDocs += cp.checked;
      stats.ahead += cp.ahead.length;
      const localNow = [...left.customers].filter((id) => id.startsWith(`T${String(t).padStart(3, '0')}`)).length;
      const total = kind === 'push' ? N : N + (fresh ? 0 : EARLY);
      if (kind === 'push') {
        stats.push++;
        if (onServer > 0 && left.outbox.length > 0) stats.midPush++;  // some cards up, some acknowledgements not stored
      } else {
        stats.pull++;
        if (localNow > (fresh ? 0 : EARLY) && localNow < total) stats.midPull++;
      }
      stats.atKill.push({ kind, onServer, local: localNow, total, outbox: left.outbox.length, checked: cp.checked, answered: answeredBefore.length });
      assert.deepEqual(cp.ahead, [], `trial ${t} (${kind}): the stored checkpoint is ahead of what was stored for these customers`);

      // Reopened: it finishes.
      const tReopen = Date.now();
      page = await open();
      if (!(await status(page)).enabled) await connect(page, db);  // died before its config was stored
      await waitSync(page, `trial ${t}: finishing after the kill`);
      const finishMs = Date.now() - tReopen;
      await page.evaluate(() => window.profila.saveNow());
      const after = syncStateOf(await readRawStore(probe));
      assert.deepEqual(after.outbox, [], `trial ${t}: the outbox is empty once synced`);
      const srv = await serverCustomers(couch, db);
      const local = await localCustomers(page);
      const localIds = new Map();
      for (const [id, notes] of local) localIds.set(id, (localIds.get(id) || []).concat([notes]));
      const lost = [], doubled = [], stale = [];
      for (const [id, notes] of expected) {
        const s = srv.customers.get(id);
        if (!s) lost.push(id + ' (server)');
        else if (s.notes !== notes) stale.push(`${id} server "${s.notes}" != "${notes}"`);
        if (s && s.conflicts) doubled.push(id + ` (${s.conflicts} conflicting revisions on the server)`);
        const here = localIds.get(id);
        if (!here) lost.push(id + ' (device)');
        else if (here.length > 1) doubled.push(id + ' (device holds it ' + here.length + ' times)');
        else if (here[0] !== notes) stale.push(`${id} device "${here[0]}" != "${notes}"`);
      }
      for (const id of srv.customers.keys()) if (!expected.has(id)) doubled.push(id + ' (server: never made)');
      for (const id of localIds.keys()) if (!expected.has(id)) doubled.push(id + ' (device: never made)');
      stats.lost += lost.length + stale.length;
      stats.doubled += doubled.length + srv.others.length;
      assert.deepEqual(srv.others, [], `trial ${t}: no other document on the server`);
      assert.deepEqual(lost, [], `trial ${t} (${kind}): customers lost`);
      if (stale.length) {  // what the kill left for the edited cards, and their history on the server
        const story = [];
        for (const id of edited) {
          const info = (await couch.request('GET', `/${db}/customer:${id}?revs_info=true`)).json;
          story.push(`${id}: at the kill outbox ${left.outbox.includes('customers/' + id)}, base ${left.bases.get(id)}, card rev ${(left.raw.customers || {})[id] && left.raw.customers[id].rev}; ` +
                     `server now ${info._rev} "${info.notes}" by ${info.device}, revisions ${(info._revs_info || []).map((r) => r.rev).join(' ')}`);
          for (const r of info._revs_info || []) {
            const one = (await couch.request('GET', `/${db}/customer:${id}?rev=${r.rev}`)).json || {};
            story.push(`  ${r.rev}: "${one.notes}" deviceId ${one.deviceId} sum ${one.deviceSum} edited ${one.edited}`);
          }
          const leaves = (await couch.request('GET', `/${db}/customer:${id}?open_revs=all`)).json || [];
          story.push(`  leaves: ${JSON.stringify(leaves.map((l) => l.ok ? [l.ok._rev, l.ok.notes, !!l.ok._deleted] : l))}`);
        }
        stale.push(...story);
      }
      assert.deepEqual(stale, [], `trial ${t} (${kind}): latest content (edits: ${edited.join(', ')})`);
      assert.deepEqual(doubled, [], `trial ${t} (${kind}): customers doubled`);
      await page.close();
      await waitDeath(t);
      stats.trials++;
      stats.trialMs.push(Date.now() - t0);
      stats.killMs.push(killedAt);
      log(`trial ${t + 1}/${n} ${kind}${kind === 'pull' ? (fresh ? ' (fresh)' : ' (behind)') : ''}: ${how} ${killedAt} ms after the first ` +
          `${path} (${answeredBefore.length} answered before it${answeredBefore.length ? ', the last at ' + answeredBefore[answeredBefore.length - 1] + ' ms' : ''})${edited.length ? `, ${edited.length} card(s) edited just before` : ''}; at the kill: ` +
          `server ${onServer}/${total}, device ${localNow}/${total}, outbox ${left.outbox.length}, checkpoint ` +
          `${left.since === undefined ? 'none' : JSON.stringify(left.since)} (${cp.checked} customers behind it checked); ` +
          `reopened and finished in ${finishMs} ms: ${expected.size} customers once each; trial ${Date.now() - t0} ms`);
      await couch.request('DELETE', `/${db}`);
    }
    stats.medianTrialMs = median(stats.trialMs);
    assert.equal(couch.exited, null);
    return stats;
  } finally {
    await close();
    server.stop();
    await couch.close();
  }
}
