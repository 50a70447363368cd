// Profila's IndexedDB bridge (not IDBFS: Emscripten 3.1.6's IDBFS swallows errors, never calls
// back when a transaction aborts on a full quota, and a sync before the first load deletes what is
// stored). app/platform/storage_web.cpp calls these through web/library_profila.js.
//
// Database "profila" v2:
//   packs       key [ws, col, n]  -> {ws, col, n, keys: [...], revs: [...], schemas: [...], sums: [...],
//                                     lens: [...], data: Uint8Array (the records' bytes, end to end)}
//               key [ws, col, -1] -> {ws, col, n: -1, P, count, bytes, stamps: [a number per pack]}
//                                    the collection's layout
//   records     key [ws, col, key] -> {ws, col, key, rev, schema, sum, data: Uint8Array}  one record
//               per value: small saves since the last fold, and v1 databases' records
//   quarantine  auto key           -> {ws, col, key, reason, at, value}   records set aside, kept
//   workspaces  key id             -> {id, name, created, lastBackup}
// Why packs: Chromium reads small IndexedDB values slowly (10,000 values of 1.15 KB: ~750 ms for one
// getAll) and few big ones fast (96 values of 120 KB: ~30 ms). A record lives in exactly one pack:
// number fnv1a32(key) % P, P = max(1, ceil(collection bytes / PACK_TARGET)). A read splits packs
// into records as views of the pack's bytes (no copies). A key with a copy in "records" too loads at
// the higher revision ("records" on a tie: a copy there is always written after the pack's).
// Each write is one readwrite transaction with durability "strict", under the Web Lock
// "profila-store-write" (one tab writes at a time). Every put/delete with a base revision is
// checked inside it against the stored revision (the pack's record and any copy in "records"):
// refused when the tab's copy is stale or would lower the revision, and then nothing is written.
// A small save (up to SMALL_SAVE records of a collection) stores each record on its own in
// "records" and leaves the packs alone (rewriting a pack of PACK_TARGET bytes per edit would cost a
// save far more); the pack's revisions come from what the tab remembers of the pack under its
// stamp (layout.stamps[n] changes whenever pack n is written), else from reading it. Bigger writes
// rewrite the packs their keys hash to, deleting the keys' copies in "records"; a write that grows
// a collection far past its layout, a replace, and the fold rewrite the whole collection.
// After a full load, a collection with more than OVERLAY_MAX records in "records" or with packs far
// off the target size is folded/laid out again in one transaction under the lock (kill-safe); so is
// one that small saves of this tab took past OVERLAY_MAX records in "records" during a session.
// Completed writes are announced to other tabs on the BroadcastChannel "profila-store".
'use strict';
window.profilaStore = (function () {
  const DB_NAME = 'profila';
  const DB_VERSION = 2;
  const LOCK = 'profila-store-write';
  const WRITE_TIMEOUT_MS = 15000;   // lock wait + transaction: longer means something is stuck
  // Bytes of records per pack. Chromium compresses values before deciding whether one is big
  // enough for a blob file (~64 KB): JSON cards shrink ~4x, so 150 KB packs stayed in LevelDB and
  // read slowly (store bench, 10,000 cards: read 600 ms at 150 KB, 250 ms at 600 KB, 350 ms at
  // 1.2 MB, machine at load 8). window.profilaPackTarget (set before this script runs) overrides it
  // for the store benchmark's size sweep.
  const PACK_TARGET = Number(window.profilaPackTarget) > 0 ? Number(window.profilaPackTarget) : 600 * 1024;
  const LAYOUT = -1;                // n of a collection's layout value in "packs"
  const SMALL_SAVE = 32;            // puts of a collection up to this go to "records" on their own
  const OVERLAY_MAX = 256;          // records of a collection in "records" that a load folds into packs
  const tabId = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const encoder = new TextEncoder();
  let dbPromise = null;
  let channel = null;
  const listeners = { remote: null, hidden: null };
  let compaction = Promise.resolve(null);  // the last compaction started (tests wait for it)
  const knownP = new Map();         // 'ws\0col' -> P this tab last read or wrote (a guess to read ahead)

  function openDb() {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise((resolve, reject) => {
      let req;
      try { req = indexedDB.open(DB_NAME, DB_VERSION); } catch (e) { reject(e); return; }
      req.onupgradeneeded = () => {
        // v1 -> v2 only adds "packs": v1 records stay where they are and are read from there until
        // they are moved (no upgrade-time copy to be killed half way).
        const db = req.result;
        if (!db.objectStoreNames.contains('records')) db.createObjectStore('records', { keyPath: ['ws', 'col', 'key'] });
        if (!db.objectStoreNames.contains('quarantine')) db.createObjectStore('quarantine', { autoIncrement: true });
        if (!db.objectStoreNames.contains('workspaces')) db.createObjectStore('workspaces', { keyPath: 'id' });
        if (!db.objectStoreNames.contains('packs')) db.createObjectStore('packs', { keyPath: ['ws', 'col', 'n'] });
      };
      req.onsuccess = () => {
        const db = req.result;
        // A newer version opened in another tab: step aside so it can upgrade.
        db.onversionchange = () => { db.close(); dbPromise = null; };
        resolve(db);
      };
      req.onerror = () => reject(req.error || new Error('indexedDB.open failed'));
      req.onblocked = () => { /* another tab holds an older version open; it closes on versionchange */ };
    });
    dbPromise.catch(() => { dbPromise = null; });
    return dbPromise;
  }

  function wsRange(ws, col) {
    return col === undefined ? IDBKeyRange.bound([ws], [ws, []]) : IDBKeyRange.bound([ws, col], [ws, col, []]);
  }
  // Packs of one collection (n >= 0; the layout at -1 is left out).
  function packRange(ws, col) { return IDBKeyRange.bound([ws, col, 0], [ws, col, []]); }

  // A request as a promise. Awaiting it inside a transaction keeps the transaction alive (the
  // continuation runs in the request's success event).
  function rq(req) {
    return new Promise((resolve, reject) => { req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error); });
  }

  function errorCode(err) {
    const name = (err && err.name) || '';
    if (name === 'QuotaExceededError') return 'quota';
    if (name === 'TimeoutError') return 'timeout';
    if (name === 'AbortError') return 'aborted';
    if (name === 'NotAllowedError') return 'locked';
    return 'other';
  }
  function describe(err) {
    if (!err) return '';
    return ((err.name ? err.name + ': ' : '') + (err.message || String(err))).slice(0, 300);
  }


  // ---- passphrase (issue 18) -----------------------------------------------------------------------
  // A workspace can be encrypted at rest: AES-GCM 256 with a key derived from the passphrase by
  // PBKDF2-SHA-256 (ITERATIONS, as OWASP advises), a random 96-bit IV per value written, and the
  // value's place as additional data (workspace, collection, key or pack number and the pack's keys):
  // a value moved to another place does not decrypt. What stays readable: keys (ids), revisions,
  // checksums, sizes, layouts, the workspace's name. The workspace's entry in "workspaces" holds
  // crypt: {v, salt, iter, iv, check} (check: a known block encrypted with the key, to tell a wrong
  // passphrase). The passphrase is never stored; the key lives in this tab's memory until lock().
  // WebCrypto is asynchronous: inside a write transaction hold() keeps it alive while it works.
  const ITERATIONS = 310000;
  const CHECK_TEXT = 'Profila passphrase check 1';
  const unlocked = new Map();       // ws -> {key, salt, iter} of an unlocked workspace
  function lockedError() { return new DOMException('the workspace is locked: its passphrase is needed', 'NotAllowedError'); }
  function sameBytes(a, b) {
    if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  async function deriveKey(pass, salt, iter) {
    const base = await crypto.subtle.importKey('raw', encoder.encode(pass), 'PBKDF2', false, ['deriveKey']);
    return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: iter }, base,
      { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  }
  async function sealBytes(key, bytes, aad) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, bytes));
    return { iv, data };
  }
  async function openBytes(key, iv, bytes, aad) {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, bytes));
  }
  const checkAad = (ws) => encoder.encode(JSON.stringify(['profila-check', ws]));
  // The additional data of a stored value: where it belongs (its own readable fields).
  function placeOf(v) {
    return encoder.encode(JSON.stringify(['profila', v.ws === undefined ? null : v.ws, v.col === undefined ? null : v.col,
      v.n === undefined ? null : v.n, v.key === undefined ? null : v.key, Array.isArray(v.keys) ? v.keys : null]));
  }
  // A value as stored encrypted: a record's or pack's bytes sealed in place (its readable fields
  // kept); any other value (a foreign one kept in quarantine) sealed whole as JSON. Values already
  // sealed, null and layouts (no bytes) are left as they are.
  async function sealValue(key, v) {
    if (!v || typeof v !== 'object' || v.iv instanceof Uint8Array) return v;
    let d = v.data;
    if (d instanceof ArrayBuffer) d = new Uint8Array(d);
    else if (typeof d === 'string') d = encoder.encode(d);
    if (d instanceof Uint8Array) {
      const s = await sealBytes(key, d, placeOf(v));
      return Object.assign({}, v, { iv: s.iv, data: s.data });
    }
    if (Number(v.n) === LAYOUT && v.keys === undefined) return v;
    const s = await sealBytes(key, encoder.encode(JSON.stringify(v)), encoder.encode('profila-box'));
    return { box: 1, ws: v.ws, col: v.col, key: v.key, iv: s.iv, data: s.data };
  }
  // The plain value; a value that does not decrypt comes back with no bytes (set aside as damaged).
  async function openValue(key, v) {
    if (!v || typeof v !== 'object' || !(v.iv instanceof Uint8Array)) return v;
    try {
      if (v.box) return JSON.parse(new TextDecoder().decode(await openBytes(key, v.iv, v.data, encoder.encode('profila-box'))));
      const plain = Object.assign({}, v, { data: await openBytes(key, v.iv, v.data, placeOf(v)) });
      delete plain.iv;
      return plain;
    } catch (e) {
      const bad = Object.assign({}, v, { data: null });
      delete bad.iv;
      return bad;
    }
  }
  const sealQuarantine = async (key, q) => (q && typeof q === 'object' && q.value ? Object.assign({}, q, { value: await sealValue(key, q.value) }) : q);
  const openQuarantine = async (key, q) => (q && typeof q === 'object' && q.value ? Object.assign({}, q, { value: await openValue(key, q.value) }) : q);

  // Keeps a transaction alive while promise settles (a transaction with no request pending commits
  // at the end of the task): one cheap read of a key that is never stored after another. The
  // result comes back inside a request's success event, where the transaction takes requests.
  const SPIN_KEY = ['', '', -2];
  function hold(tx, promise) {
    return new Promise((resolve, reject) => {
      let state = null;
      promise.then((v) => { state = { v }; }, (e) => { state = { e: e || new Error('failed') }; });
      const store = tx.objectStore('packs');
      const spin = () => {
        if (state) { if (state.e) reject(state.e); else resolve(state.v); return; }
        const r = store.get(SPIN_KEY);
        r.onsuccess = spin;
        r.onerror = () => reject(r.error);
      };
      spin();
    });
  }
  // The key for writing or reading ws in this transaction (its entry read inside it): null when the
  // workspace is not encrypted; throws when it is and this tab does not hold its key.
  async function txKey(tx, ws) {
    const info = await rq(tx.objectStore('workspaces').get(ws));
    return keyFor(ws, info);
  }
  function keyFor(ws, info) {
    const c = info && info.crypt;
    if (!c) { unlocked.delete(ws); return null; }
    const u = unlocked.get(ws);
    if (!u || !sameBytes(u.salt, c.salt)) throw lockedError();
    return u.key;
  }
  // Writes of one transaction on an encrypted workspace wait here to be sealed together (flush).
  function makeSink(tx, key) {
    const queue = [];
    return {
      key,
      put(store, v) { if (key) queue.push([store, v, false]); else store.put(v); },
      add(store, q) { if (key) queue.push([store, q, true]); else store.add(q); },
      async flush() {
        if (!queue.length) return;
        const sealed = await hold(tx, Promise.all(queue.map(([, v, q]) => (q ? sealQuarantine(key, v) : sealValue(key, v)))));
        queue.forEach(([store, , q], i) => { if (q) store.add(sealed[i]); else store.put(sealed[i]); });
        queue.length = 0;
      },
      open(tx2, vals) { return key ? hold(tx, Promise.all(vals.map((v) => openValue(key, v)))) : Promise.resolve(vals); },
    };
  }

  // Unlocks ws with a passphrase: {ok, wrong, ms}. The key is kept in this tab's memory only.
  async function unlock(ws, pass) {
    const t0 = performance.now();
    const db = await openDb();
    const info = await new Promise((resolve, reject) => {
      const r = db.transaction('workspaces', 'readonly').objectStore('workspaces').get(ws);
      r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error);
    });
    const c = info && info.crypt;
    if (!c) return { ok: true, wrong: false, ms: performance.now() - t0 };
    const key = await deriveKey(pass, c.salt, c.iter);
    const deriveMs = performance.now() - t0;
    try {
      const text = new TextDecoder().decode(await openBytes(key, c.iv, c.check, checkAad(ws)));
      if (text !== CHECK_TEXT) throw new Error('check');
    } catch (e) {
      return { ok: false, wrong: true, ms: performance.now() - t0, deriveMs };
    }
    unlocked.set(ws, { key, salt: c.salt, iter: c.iter });
    return { ok: true, wrong: false, ms: performance.now() - t0, deriveMs };
  }
  function lock(ws) { unlocked.delete(ws); }
  function isUnlocked(ws) { return unlocked.has(ws); }

  // Turns encryption on (pass: a string) or off (pass: null) for ws: every value of the workspace
  // in packs, records and quarantine rewritten, and its crypt entry, in ONE transaction: a crash
  // leaves the store all encrypted or all not. Off needs the workspace unlocked. Resolves {ok, code, error, ms}.
  // One readwrite transaction over stores under the write lock: fn(tx) makes its requests (its
  // throw aborts it). Resolves {ok, code, error}.
  async function runTx(ws, stores, fn) {
    try {
      const db = await openDb();
      return await withWriteLock(() => new Promise((resolve) => {
        const tx = db.transaction(stores, 'readwrite', txOptions());
        let failure = null;
        tx.oncomplete = () => resolve({ ok: true, code: 'none', error: '' });
        tx.onabort = () => { const e = failure || tx.error; resolve({ ok: false, code: errorCode(e), error: describe(e) }); };
        fn(tx).catch((e) => { failure = e; try { tx.abort(); } catch (err) { /* aborting already */ } });
      }));
    } catch (e) {
      return { ok: false, code: errorCode(e), error: describe(e) };
    }
  }

  async function setPassphrase(ws, pass) {
    const t0 = performance.now();
    let next = null;
    if (pass !== null) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const key = await deriveKey(pass, salt, ITERATIONS);
      const check = await sealBytes(key, encoder.encode(CHECK_TEXT), checkAad(ws));
      next = { key, salt, iter: ITERATIONS, crypt: { v: 1, salt, iter: ITERATIONS, iv: check.iv, check: check.data } };
    }
    // The key is derived: the rewrite starts (tests/e2e/passphrase_kill.mjs kills the page around it).
    try { window.dispatchEvent(new CustomEvent('profila-store-switching', { detail: { ws } })); } catch (e) { /* no listeners */ }
    const res = await runTx(ws, ['packs', 'records', 'quarantine', 'workspaces'], async (tx) => {
      const wss = tx.objectStore('workspaces');
      const info = await rq(wss.get(ws));
      if (!info) throw new DOMException('no such workspace', 'NotFoundError');
      const old = keyFor(ws, info);  // throws when encrypted and locked
      if (!old && !next) return;     // off already
      const packs = tx.objectStore('packs'), records = tx.objectStore('records'), q = tx.objectStore('quarantine');
      const [packVals, recVals, qVals, qKeys] = await Promise.all([rq(packs.getAll(wsRange(ws))), rq(records.getAll(wsRange(ws))),
        rq(q.getAll()), rq(q.getAllKeys())]);
      const mine = [];
      qVals.forEach((v, i) => { if (v && v.ws === ws) mine.push([qKeys[i], v]); });
      const convert = async (v, quarantine) => {
        let plain = v;
        if (old) {
          plain = quarantine ? await openQuarantine(old, v) : await openValue(old, v);
          if ((quarantine ? plain.value : plain) && (quarantine ? plain.value.data : plain.data) === null) throw new Error('a stored value does not decrypt');
        }
        return next ? (quarantine ? sealQuarantine(next.key, plain) : sealValue(next.key, plain)) : plain;
      };
      const [p2, r2, q2] = await hold(tx, Promise.all([
        Promise.all(packVals.map((v) => convert(v, false))), Promise.all(recVals.map((v) => convert(v, false))),
        Promise.all(mine.map(([, v]) => convert(v, true)))]));
      for (const v of p2) packs.put(v);
      for (const v of r2) records.put(v);
      mine.forEach(([k], i) => q.put(q2[i], k));
      const updated = Object.assign({}, info);
      if (next) updated.crypt = next.crypt; else delete updated.crypt;
      wss.put(updated);
    });
    if (res.ok) {
      if (next) unlocked.set(ws, { key: next.key, salt: next.salt, iter: next.iter }); else unlocked.delete(ws);
      knownP.clear();
      packCache.clear();
      announce({ type: 'changed', ws, everything: true });
    }
    res.ms = performance.now() - t0;
    return res;
  }

  // Backups of an encrypted workspace: the file carries the salt, iterations, IV and ciphertext
  // (base64); restoring derives the key from the passphrase typed and the file's salt.
  const b64 = (u8) => { let s = ''; for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000)); return btoa(s); };
  const unb64 = (t) => Uint8Array.from(atob(t), (c) => c.charCodeAt(0));
  async function sealText(ws, text) {
    const u = unlocked.get(ws);
    if (!u) return null;
    const s = await sealBytes(u.key, encoder.encode(text), encoder.encode('profila-backup'));
    return JSON.stringify({ profilaEncryptedBackup: 1, kdf: 'PBKDF2-SHA-256', iterations: u.iter, salt: b64(u.salt), iv: b64(s.iv), data: b64(s.data) });
  }
  async function openText(pass, fileText) {
    let f;
    try { f = JSON.parse(fileText); } catch (e) { return { ok: false, wrong: false, text: '' }; }
    if (!f || f.profilaEncryptedBackup !== 1) return { ok: false, wrong: false, text: '' };
    try {
      const key = await deriveKey(pass, unb64(f.salt), Number(f.iterations) || ITERATIONS);
      return { ok: true, wrong: false, text: new TextDecoder().decode(await openBytes(key, unb64(f.iv), unb64(f.data), encoder.encode('profila-backup'))) };
    } catch (e) {
      return { ok: false, wrong: true, text: '' };
    }
  }

  // ---- packs --------------------------------------------------------------------------------------
  // The pack a key lives in: FNV-1a 32 of the key's UTF-16 code units, modulo P (stable: stored
  // data depends on it).
  function packOf(key, P) {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) { h ^= key.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return (h >>> 0) % P;
  }
  function packCount(bytes) { return Math.max(1, Math.ceil(bytes / PACK_TARGET)); }
  function validLayout(v) { return !!v && typeof v === 'object' && Number.isInteger(v.P) && v.P > 0; }

  // A pack's records as {key, rev, schema, sum, bytes (a view of the pack's data), at}; null when
  // the value is not a well-formed pack.
  function packEntries(v) {
    if (!v || typeof v !== 'object') return null;
    let data = v.data;
    if (data instanceof ArrayBuffer) data = new Uint8Array(data);
    const { keys, revs, schemas, sums, lens } = v;
    if (!(data instanceof Uint8Array) || !Array.isArray(keys)) return null;
    const n = keys.length;
    for (const a of [revs, schemas, sums, lens]) if (!Array.isArray(a) || a.length !== n) return null;
    const list = new Array(n);
    let off = 0;
    for (let i = 0; i < n; i++) {
      const len = lens[i], key = keys[i];
      if (typeof key !== 'string' || !Number.isInteger(len) || len < 0 || off + len > data.length) return null;
      list[i] = { key, rev: Number(revs[i]) || 0, schema: Number(schemas[i]) || 0,
        sum: typeof sums[i] === 'string' ? sums[i] : '', bytes: data.subarray(off, off + len), at: off };
      off += len;
    }
    if (off !== data.length) return null;
    return { data, list };
  }

  // A pack value from records {key, rev, schema, sum, bytes}: the bytes copied into one exact
  // buffer (a view would store its whole underlying buffer).
  function makePack(ws, col, n, list) {
    let total = 0;
    for (const e of list) total += e.bytes.length;
    const data = new Uint8Array(total);
    const keys = new Array(list.length), revs = new Array(list.length), schemas = new Array(list.length);
    const sums = new Array(list.length), lens = new Array(list.length);
    let off = 0;
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      data.set(e.bytes, off);
      off += e.bytes.length;
      keys[i] = e.key; revs[i] = e.rev; schemas[i] = e.schema; sums[i] = e.sum; lens[i] = e.bytes.length;
    }
    return { ws, col, n, keys, revs, schemas, sums, lens, data };
  }

  // Writes a whole collection as packs (the caller deleted the old ones in this transaction).
  function writeCollection(sink, packs, ws, col, list) {
    let bytes = 0;
    for (const e of list) bytes += e.bytes.length;
    const P = packCount(bytes);
    const buckets = Array.from({ length: P }, () => []);
    for (const e of list) buckets[packOf(e.key, P)].push(e);
    const stamps = new Array(P);
    for (let n = 0; n < P; n++) {
      stamps[n] = newStamp();
      if (!buckets[n].length) continue;
      const pack = makePack(ws, col, n, buckets[n]);
      sink.put(packs, pack);
      remember(ws, col, stamps[n], pack);
    }
    sink.put(packs, { ws, col, n: LAYOUT, P, count: list.length, bytes, stamps });
    return { P, count: list.length, bytes };
  }

  // Each pack's stamp, kept in the layout, changes whenever the pack is written (a random number:
  // never reused). A tab remembers the keys, revisions and checksums of the packs it read or wrote
  // under their stamps; a small save whose layout still shows the same stamp checks its
  // revisions against that instead of reading the pack again.
  function newStamp() { return Math.floor(Math.random() * 0x10000000000000); }
  const packCache = new Map();  // 'ws\0col\0n' -> {stamp, keys, revs, sums}
  function remember(ws, col, stamp, pack) {
    packCache.set(ws + '\u0000' + col + '\u0000' + pack.n, { stamp, keys: pack.keys, revs: pack.revs, sums: pack.sums });
  }

  // A v1 record's bytes, whatever shape the stored value has; null when it is not one of ours.
  function recordBytes(value) {
    if (!value || typeof value !== 'object') return null;
    const d = value.data;
    if (d instanceof Uint8Array) return d;
    if (d instanceof ArrayBuffer) return new Uint8Array(d);
    if (typeof d === 'string') return encoder.encode(d);
    return null;
  }
  function toEntry(key, value) {
    const col = String(key[1]), k = String(key[2]);
    const bytes = recordBytes(value);
    if (!bytes) return { col, key: k, bad: 'not a Profila record (' + (value === null ? 'null' : typeof value) + ')' };
    return {
      col, key: k, bytes,
      rev: Number(value.rev) || 0,
      schema: Number(value.schema) || 0,
      sum: typeof value.sum === 'string' ? value.sum : '',
    };
  }
  function damagedKeys(v) {
    return v && Array.isArray(v.keys) && v.keys.length && v.keys.every((k) => typeof k === 'string') ? v.keys : null;
  }
  const damagedName = (n) => '(pack ' + n + ')';

  // ---- reading -------------------------------------------------------------------------------------
  // Reads records: resolves to {entries: [{col,key,rev,schema,sum,bytes}|{col,key,bad}], ms}. A full
  // read's entries from packs also carry pack (the pack's bytes) and at (offset of bytes in it), so
  // the copy into wasm can move a pack at a time.
  async function readAll(ws, refs) {
    const t0 = performance.now();
    const db = await openDb();
    const out = refs ? await readSome(db, ws, refs) : await readEverything(db, ws);
    out.ms = performance.now() - t0;
    if (!refs && out.stats) {
      for (const [col, st] of out.stats) if (validLayout(st.layout)) knownP.set(ws + '\u0000' + col, st.layout.P);
      scheduleCompaction(ws, out.stats);
    }
    delete out.stats;
    return out;
  }

  // fn(tx, key) reads in the transaction; on an encrypted workspace (key: the unlocked key) it
  // decrypts what it read after its last request (the transaction completes meanwhile).
  function readTx(db, ws, fn) {
    let done;
    const complete = new Promise((resolve, reject) => {
      const tx = db.transaction(['packs', 'records', 'workspaces'], 'readonly');
      done = (async () => fn(tx, await txKey(tx, ws)))();
      done.catch(() => { try { tx.abort(); } catch (err) { /* finishing */ } });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new DOMException('read aborted', 'AbortError'));
    });
    return Promise.all([done, complete.catch((e) => done.then(() => { throw e; }))]).then(([r]) => r);
  }
  const openAll = (key, vals) => (key ? Promise.all(vals.map((v) => openValue(key, v))) : vals);

  function readEverything(db, ws) {
    return readTx(db, ws, async (tx, key) => {
      const records = tx.objectStore('records');
      const packReq = rq(tx.objectStore('packs').getAll(wsRange(ws)));
      const legacyReq = rq(records.getAll(wsRange(ws)));
      const [packVals, legacyVals] = await Promise.all([packReq, legacyReq]);
      // v1 values carry their own ws/col/key; only when some does not (a foreign or damaged value)
      // are the keys read too, in the same transaction, to name it.
      const own = (v) => v && typeof v === 'object' && v.ws === ws && typeof v.col === 'string' && typeof v.key === 'string';
      let legacyKeys = null;
      if (legacyVals.length && !legacyVals.every(own)) legacyKeys = await rq(records.getAllKeys(wsRange(ws)));
      const [packsOpen, legacyOpen] = await Promise.all([openAll(key, packVals), openAll(key, legacyVals)]);
      return splitAll(ws, packsOpen, legacyOpen, legacyKeys);
    });
  }

  // Entries of a full read, and per collection what compaction looks at.
  function splitAll(ws, packVals, legacyVals, legacyKeys) {
    const entries = [];
    const stats = new Map();
    const stat = (col) => {
      let s = stats.get(col);
      if (!s) stats.set(col, (s = { layout: null, packs: 0, bytes: 0, largest: 0, legacy: 0, damaged: false }));
      return s;
    };
    for (const v of packVals) {
      const col = String(v.col), n = v.n;
      const s = stat(col);
      if (n === LAYOUT) { s.layout = v; continue; }
      const parsed = packEntries(v);
      if (!parsed) {
        s.damaged = true;
        const keys = damagedKeys(v);
        if (keys) for (const key of keys) entries.push({ col, key, bad: 'damaged storage pack ' + n });
        else entries.push({ col, key: damagedName(n), bad: 'damaged storage pack' });
        continue;
      }
      if (s.layout && Array.isArray(s.layout.stamps) && s.layout.stamps[n] !== undefined) remember(ws, col, s.layout.stamps[n], v);
      s.packs++;
      s.bytes += parsed.data.length;
      if (parsed.data.length > s.largest) s.largest = parsed.data.length;
      for (const e of parsed.list) {
        entries.push({ col, key: e.key, rev: e.rev, schema: e.schema, sum: e.sum, bytes: e.bytes, pack: parsed.data, at: e.at });
      }
    }
    if (legacyVals.length) {
      // A key in a pack and in "records": the higher revision loads ("records" on a tie: a copy
      // there was written after the pack's).
      const index = new Map();
      for (let i = 0; i < entries.length; i++) index.set(entries[i].col + '\u0000' + entries[i].key, i);
      for (let i = 0; i < legacyVals.length; i++) {
        const v = legacyVals[i];
        const e = toEntry(legacyKeys ? legacyKeys[i] : [ws, v.col, v.key], v);
        if (e.bytes) stat(e.col).legacy++;
        const id = e.col + '\u0000' + e.key;
        const at = index.get(id);
        if (at === undefined) { index.set(id, entries.length); entries.push(e); }
        else if ((e.rev || 0) >= (entries[at].rev || 0)) entries[at] = e;
      }
    }
    return { entries, stats };
  }

  function readSome(db, ws, refs) {
    return readTx(db, ws, async (tx, key) => {
      const packs = tx.objectStore('packs'), records = tx.objectStore('records');
      const cols = [...new Set(refs.map((r) => r.c))];
      const legacyReq = Promise.all(refs.map((r) => rq(records.get([ws, r.c, r.k]))));
      const layouts = await Promise.all(cols.map((c) => rq(packs.get([ws, c, LAYOUT]))));
      const packReqs = new Map();  // 'col\0n' -> promise of the pack
      const where = refs.map((r) => {
        const layout = layouts[cols.indexOf(r.c)];
        if (!validLayout(layout)) return null;
        const n = packOf(r.k, layout.P);
        const id = r.c + '\u0000' + n;
        if (!packReqs.has(id)) packReqs.set(id, rq(packs.get([ws, r.c, n])));
        return id;
      });
      const ids = [...packReqs.keys()];
      const vals = await Promise.all(ids.map((id) => packReqs.get(id)));
      const legacyRaw = await legacyReq;
      const [opened, legacy] = await Promise.all([openAll(key, vals), openAll(key, legacyRaw)]);
      const parsed = new Map(ids.map((id, i) => [id, opened[i] === undefined ? null : { value: opened[i], split: packEntries(opened[i]) }]));
      const entries = [];
      refs.forEach((r, i) => {
        let best = null;
        const p = where[i] && parsed.get(where[i]);
        if (p && p.split) {
          const e = p.split.list.find((x) => x.key === r.k);
          if (e) best = { col: r.c, key: r.k, rev: e.rev, schema: e.schema, sum: e.sum, bytes: e.bytes };
        } else if (p) {
          const keys = damagedKeys(p.value);
          if (keys && keys.includes(r.k)) best = { col: r.c, key: r.k, bad: 'damaged storage pack' };
        }
        if (legacy[i] !== undefined) {
          const e = toEntry([ws, r.c, r.k], legacy[i]);
          if (!best || (e.rev || 0) >= (best.rev || 0)) best = e;
        }
        if (best) entries.push(best);
      });
      return { entries };
    });
  }

  // ---- writing -------------------------------------------------------------------------------------
  // Runs fn(signal) under the write lock; rejects with TimeoutError when the lock is not granted in time.
  function withWriteLock(fn) {
    if (!(navigator.locks && navigator.locks.request)) return fn();
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), WRITE_TIMEOUT_MS);
    return navigator.locks.request(LOCK, { mode: 'exclusive', signal: ac.signal }, () => {
      clearTimeout(timer);
      return fn();
    }).catch((err) => {
      if (err && err.name === 'AbortError' && ac.signal.aborted) throw new DOMException('another tab held the storage lock too long', 'TimeoutError');
      throw err;
    });
  }

  function txOptions() { return { durability: 'strict' }; }

  // Is a put or delete allowed over what is stored? cur: the stored record ({rev, sum}), a value
  // that is not a record (null), or undefined (none). Allowed: the copy we started from is what is
  // stored, or this exact write already landed (a retry after a timeout that completed after
  // all). A put never lowers the stored revision: an older copy of this tab's (a kill test once saw
  // revision 23 stored over an acknowledged 25) is a conflict, so the acknowledged version stays.
  function allowed(cur, base, rev, sum) {
    if (base < 0) return true;
    const curRev = cur ? cur.rev : (cur === undefined ? -1 : 0);
    const same = !!cur && rev !== undefined && curRev === rev && cur.sum === sum;
    const newer = rev === undefined || cur === undefined || rev > curRev;
    const fresh = (cur === undefined ? base === 0 : curRev === base) && newer;
    return fresh || same;
  }
  // The stored version of a key: the pack's record or the v1 value, the higher revision.
  function storedOf(packEntry, legacyValue) {
    let cur = packEntry ? { rev: packEntry.rev, sum: packEntry.sum } : undefined;
    if (legacyValue !== undefined) {
      const l = legacyValue && typeof legacyValue === 'object' ? { rev: Number(legacyValue.rev) || 0, sum: legacyValue.sum } : null;
      if (cur === undefined || (l ? l.rev : 0) >= cur.rev) cur = l;
    }
    return cur;
  }

  // One readwrite transaction. ops: {puts: [{c,k,rev,base,schema,sum,bytes}], dels: [{c,k,base,purge}] (purge: kept copies go too),
  // replace: col or [cols] (delete those whole collections first)}. Resolves {ok, code, error, conflicts, ms}.
  function writeTx(ws, ops) {
    return runWrite(ws, ops).then((res) => {
      if (res.ok) noteSmallPuts(ws, ops);
      return res;
    });
  }

  function runWrite(ws, ops) {
    const t0 = performance.now();
    return withWriteLock(async () => {
      const db = await openDb();
      return new Promise((resolve) => {
        let tx;
        try { tx = db.transaction(['packs', 'records', 'quarantine', 'workspaces'], 'readwrite', txOptions()); } catch (e) {
          resolve({ ok: false, code: errorCode(e), error: describe(e), conflicts: [] });
          return;
        }
        const conflicts = [];
        const marks = { tx: performance.now(), planned: NaN, written: NaN, done: NaN };
        let settled = false;
        let timedOut = false;
        let failure = null;
        const timer = setTimeout(() => {
          if (settled) return;
          timedOut = true;
          try { tx.abort(); } catch (e) { /* already finishing */ }
        }, WRITE_TIMEOUT_MS);
        const finish = (result) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          result.ms = performance.now() - t0;
          // Where the time went (ms): waiting for the lock and the database, reading and checking
          // what the write touches, building and handing over the values, committing to disk.
          marks.done = performance.now();
          result.parts = { lock: marks.tx - t0, read: marks.planned - marks.tx, write: marks.written - marks.planned, commit: marks.done - marks.written };
          resolve(result);
        };
        tx.oncomplete = () => finish({ ok: true, code: 'none', error: '', conflicts: [] });
        tx.onabort = () => {
          if (conflicts.length) finish({ ok: false, code: 'conflict', error: '', conflicts });
          else if (timedOut) finish({ ok: false, code: 'timeout', error: 'the save took longer than ' + WRITE_TIMEOUT_MS / 1000 + ' s', conflicts: [] });
          else if (tx.error || !failure) finish({ ok: false, code: errorCode(tx.error), error: describe(tx.error), conflicts: [] });
          else finish({ ok: false, code: errorCode(failure), error: describe(failure), conflicts: [] });
        };
        tx.onerror = (e) => { e.preventDefault && e.preventDefault(); try { tx.abort(); } catch (err) { /* aborting already */ } };
        applyWrite(tx, ws, ops, conflicts, marks).catch((e) => {
          failure = e;
          try { tx.abort(); } catch (err) { /* aborting already */ }
        });
      });
    }).catch((err) => ({ ok: false, code: errorCode(err), error: describe(err), conflicts: [], ms: performance.now() - t0 }));
  }

  async function applyWrite(tx, ws, ops, conflicts, marks) {
    const groups = new Map();  // col -> {puts, dels, replace, compact}
    const group = (c) => {
      let g = groups.get(c);
      if (!g) groups.set(c, (g = { puts: [], dels: [], replace: false, compact: false }));
      return g;
    };
    for (const p of ops.puts || []) group(p.c).puts.push(p);
    for (const d of ops.dels || []) group(d.c).dels.push(d);
    for (const c of [].concat(ops.replace ?? [])) group(c).replace = true;
    for (const c of ops.compact || []) group(c).compact = true;
    // Every collection's reads and checks first; nothing is written unless all pass. On an
    // encrypted workspace the sink seals what the plans write, together, before it is put.
    const sink = makeSink(tx, await txKey(tx, ws));
    const plans = await Promise.all([...groups].map(([col, g]) => planCollection(tx, sink, ws, col, g, conflicts)));
    marks.planned = performance.now();
    if (conflicts.length) { tx.abort(); return; }
    for (const plan of plans) plan();
    await sink.flush();
    purgeKept(tx, ws, (ops.dels || []).filter((d) => d.purge));
    marks.written = performance.now();
  }

  // A forgotten customer (issue 18): every copy kept in quarantine goes too, in the write's own
  // transaction - set aside at load, kept after a conflict, or inside a damaged pack set aside whole
  // (such a pack goes with it: it cannot be cut, and no copy of the person may stay).
  function purgeKept(tx, ws, purge) {
    if (!purge.length) return;
    const keys = new Set(purge.map((d) => d.c + '\u0000' + d.k));
    const cur = tx.objectStore('quarantine').openCursor();
    cur.onsuccess = () => {
      const c = cur.result;
      if (!c) return;
      const v = c.value;
      if (v && v.ws === ws && (keys.has(v.col + '\u0000' + v.key) ||
          (v.value && Array.isArray(v.value.keys) && v.value.keys.some((k) => keys.has(v.col + '\u0000' + k))))) c.delete();
      c.continue();
    };
  }

  // Reads what a collection's write needs and checks it; returns the function that writes it.
  async function planCollection(tx, sink, ws, col, g, conflicts) {
    const packs = tx.objectStore('packs'), records = tx.objectStore('records'), quarantine = tx.objectStore('quarantine');
    let putBytes = 0;
    for (const p of g.puts) putBytes += p.bytes.length;
    const keepDamaged = (value, n) => sink.add(quarantine, { ws, col, key: damagedName(n), reason: 'damaged storage pack, moved aside by a write', at: Date.now(), value });

    if (g.replace) {
      // Everything of the collection goes; the puts are the new collection.
      const current = new Map();
      checkOps(g, (k) => undefined, conflicts);
      return () => {
        packs.delete(wsRange(ws, col));
        records.delete(wsRange(ws, col));
        for (const p of g.puts) current.set(p.k, recordOf(p));
        for (const d of g.dels) current.delete(d.k);
        knownP.set(ws + '\u0000' + col, writeCollection(sink, packs, ws, col, [...current.values()]).P);
      };
    }

    // A small save (a few customers edited) puts each record on its own in "records", checked
    // against the stored version (its pack's record and any copy in "records"); the pack stays as
    // it is, the copy in "records" overrides it (higher revision) until the next compaction folds it
    // in. Rewriting a pack of ~600 KB for every edit would cost a save far more than the record does.
    const small = g.puts.length <= SMALL_SAVE && !g.compact;
    const known = knownP.get(ws + '\u0000' + col);
    if (small) {
      const touched = [...new Set([...g.puts.map((p) => p.k), ...g.dels.map((d) => d.k)])];
      // One round of reads: the layout, the keys' copies in "records", and the packs the keys hash
      // to under the layout this tab last saw, unless it remembers them (read below if that was
      // wrong: another layout, or a stamp that moved on).
      const cached = (n) => packCache.get(ws + '\u0000' + col + '\u0000' + n);
      const guess = known ? [...new Set(touched.map((k) => packOf(k, known)))].filter((n) => !cached(n)) : [];
      const [layout, legacyVals, guessedRaw] = await Promise.all([
        rq(packs.get([ws, col, LAYOUT])),
        Promise.all(touched.map((k) => rq(records.get([ws, col, k])))),
        Promise.all(guess.map((n) => rq(packs.get([ws, col, n])))),
      ]);
      const guessed = await sink.open(tx, guessedRaw);
      const legacy = new Map();
      touched.forEach((k, i) => { if (legacyVals[i] !== undefined) legacy.set(k, legacyVals[i]); });
      const P = validLayout(layout) ? layout.P : 0;
      if (P) knownP.set(ws + '\u0000' + col, P);
      const ns = P ? [...new Set(touched.map((k) => packOf(k, P)))] : [];
      const got = new Map(P === known ? guess.map((n, i) => [n, guessed[i]]) : []);
      const stamps = P && Array.isArray(layout.stamps) ? layout.stamps : null;
      const light = new Map();  // n -> the remembered {keys, revs, sums} of a pack unchanged since
      for (const n of ns) {
        const c = got.has(n) ? null : cached(n);
        if (!c || !stamps || c.stamp !== stamps[n]) continue;
        // A pack one of whose records the write must change (a delete, or a put not above the
        // pack's revision) is read whole after all.
        const rewrite = g.dels.some((d) => packOf(d.k, P) === n && c.keys.includes(d.k)) || g.puts.some((p) => {
          const i = packOf(p.k, P) === n ? c.keys.indexOf(p.k) : -1;
          return i >= 0 && !(p.rev > (Number(c.revs[i]) || 0));
        });
        if (!rewrite) light.set(n, c);
      }
      const missing = ns.filter((n) => !got.has(n) && !light.has(n));
      const more = await sink.open(tx, await Promise.all(missing.map((n) => rq(packs.get([ws, col, n])))));
      missing.forEach((n, i) => got.set(n, more[i]));
      return planPacks(tx, sink, ws, col, g, conflicts, { layout: P ? layout : null, P, ns, got, legacy, overlay: true, light });
    }

    const [layout, legacyKeyList] = await Promise.all([rq(packs.get([ws, col, LAYOUT])), rq(records.getAllKeys(wsRange(ws, col)))]);
    const legacyKeys = new Set(legacyKeyList.map((k) => String(k[2])));
    const rebuild = g.compact || !validLayout(layout) || (Number(layout.bytes) + putBytes) / layout.P > 4 * PACK_TARGET;

    if (rebuild) {
      // The whole collection: every pack and v1 record read, merged, the ops applied, written anew.
      const [packRaw, legacyRaw] = await Promise.all([rq(packs.getAll(packRange(ws, col))), rq(records.getAll(wsRange(ws, col)))]);
      const opened = await sink.open(tx, packRaw.concat(legacyRaw));
      const packVals = opened.slice(0, packRaw.length), legacyVals = opened.slice(packRaw.length);
      const current = new Map();   // key -> record {key, rev, schema, sum, bytes}
      const damaged = [];
      for (const v of packVals) {
        const parsed = packEntries(v);
        if (!parsed) { damaged.push(v); continue; }
        for (const e of parsed.list) current.set(e.key, e);
      }
      const moved = [];            // keys in "records" taken into the packs (or superseded): deleted
      const badLegacy = new Map(); // values there that are not records: left for the load to set aside
      legacyVals.forEach((v, i) => {
        const key = String(legacyKeyList[i][2]);
        const bytes = recordBytes(v);
        if (!bytes) { badLegacy.set(key, v); return; }
        moved.push(key);
        const rec = { key, rev: Number(v.rev) || 0, schema: Number(v.schema) || 0, sum: typeof v.sum === 'string' ? v.sum : '', bytes };
        const have = current.get(key);
        if (!have || rec.rev >= have.rev) current.set(key, rec);
      });
      checkOps(g, (k) => storedOf(current.get(k), badLegacy.has(k) && !current.has(k) ? badLegacy.get(k) : undefined), conflicts);
      return () => {
        for (const v of damaged) keepDamaged(v, v.n);
        packs.delete(wsRange(ws, col));
        for (const key of moved) records.delete([ws, col, key]);
        for (const p of g.puts) { current.set(p.k, recordOf(p)); if (badLegacy.has(p.k)) records.delete([ws, col, p.k]); }
        for (const d of g.dels) { current.delete(d.k); if (badLegacy.has(d.k)) records.delete([ws, col, d.k]); }
        const written = writeCollection(sink, packs, ws, col, [...current.values()]);
        knownP.set(ws + '\u0000' + col, written.P);
      };
    }

    // A bigger write (an import): into the packs the keys hash to.
    const P = layout.P;
    knownP.set(ws + '\u0000' + col, P);
    const touched = [...new Set([...g.puts.map((p) => p.k), ...g.dels.map((d) => d.k)])];
    const ns = [...new Set(touched.map((k) => packOf(k, P)))];
    const legacyTouched = touched.filter((k) => legacyKeys.has(k));
    const [packRaw, legacyVals] = await Promise.all([
      Promise.all(ns.map((n) => rq(packs.get([ws, col, n])))),
      Promise.all(legacyTouched.map((k) => rq(records.get([ws, col, k])))),
    ]);
    const packVals = await sink.open(tx, packRaw);
    return planPacks(tx, sink, ws, col, g, conflicts, { layout, P, ns, got: new Map(ns.map((n, i) => [n, packVals[i]])),
      legacy: new Map(legacyTouched.map((k, i) => [k, legacyVals[i]])), overlay: false });
  }

  // Checks puts and deletes against the packs read (got: n -> value) and the keys' copies in
  // "records" (legacy: key -> value); returns the function that writes them. overlay: a put whose
  // revision is above its pack's record goes to "records" on its own (the pack is not rewritten).
  function planPacks(tx, sink, ws, col, g, conflicts, { layout, P, ns, got, legacy, overlay, light = new Map() }) {
    const packs = tx.objectStore('packs'), records = tx.objectStore('records'), quarantine = tx.objectStore('quarantine');
    const lists = new Map();     // n -> Map(key -> record), the pack's content in order
    const oldSize = new Map();   // n -> {count, bytes} before the write
    const damaged = [];
    for (const n of ns) {
      if (light.has(n)) {
        const c = light.get(n);
        lists.set(n, new Map(c.keys.map((key, i) => [key, { key, rev: Number(c.revs[i]) || 0, sum: typeof c.sums[i] === 'string' ? c.sums[i] : '' }])));
        continue;
      }
      const v = got.get(n);
      const parsed = v === undefined ? null : packEntries(v);
      if (v !== undefined && !parsed) damaged.push(v);
      lists.set(n, new Map(parsed ? parsed.list.map((e) => [e.key, e]) : []));
      oldSize.set(n, parsed ? { count: parsed.list.length, bytes: parsed.data.length } : { count: 0, bytes: 0 });
    }
    const inPack = (k) => (P ? lists.get(packOf(k, P)).get(k) : undefined);
    checkOps(g, (k) => storedOf(inPack(k), legacy.get(k)), conflicts);
    return () => {
      for (const v of damaged) sink.add(quarantine, { ws, col, key: damagedName(v.n), reason: 'damaged storage pack, moved aside by a write', at: Date.now(), value: v });
      const changed = new Set(damaged.map((v) => v.n));
      for (const p of g.puts) {
        const e = inPack(p.k);
        if (overlay && (!e || p.rev > e.rev) && !damaged.some((v) => v.n === packOf(p.k, P))) {
          sink.put(records, { ws, col, key: p.k, rev: p.rev, schema: p.schema, sum: p.sum, data: ownBytes(p.bytes) });
        } else {
          lists.get(packOf(p.k, P)).set(p.k, recordOf(p));
          changed.add(packOf(p.k, P));
          if (legacy.has(p.k)) records.delete([ws, col, p.k]);
        }
      }
      for (const d of g.dels) {
        if (inPack(d.k)) { lists.get(packOf(d.k, P)).delete(d.k); changed.add(packOf(d.k, P)); }
        if (legacy.has(d.k)) records.delete([ws, col, d.k]);
      }
      if (!changed.size) return;
      let count = Number(layout.count) || 0, bytes = Number(layout.bytes) || 0;
      const stamps = Array.isArray(layout.stamps) && layout.stamps.length === P ? layout.stamps.slice() : Array.from({ length: P }, newStamp);
      for (const n of changed) {
        if (light.has(n)) throw new Error('a remembered pack cannot be rewritten');  // never: read whole above
        const list = [...lists.get(n).values()];
        const before = oldSize.get(n);
        const pack = makePack(ws, col, n, list);
        count += list.length - before.count;
        bytes += pack.data.length - before.bytes;
        stamps[n] = newStamp();
        if (list.length) { sink.put(packs, pack); remember(ws, col, stamps[n], pack); } else packs.delete([ws, col, n]);
      }
      sink.put(packs, { ws, col, n: LAYOUT, P, count: Math.max(0, count), bytes: Math.max(0, bytes), stamps });
    };
  }

  // Bytes that own their buffer: a put handed over in a part is a view of the part's one copy,
  // and IndexedDB would store the whole buffer behind a view.
  function ownBytes(b) { return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : b.slice(); }
  function recordOf(p) { return { key: p.k, rev: p.rev, schema: p.schema, sum: p.sum, bytes: p.bytes }; }

  function checkOps(g, stored, conflicts) {
    for (const p of g.puts) {
      const cur = stored(p.k);
      if (!allowed(cur, p.base, p.rev, p.sum)) conflicts.push({ c: p.c, k: p.k, rev: cur ? cur.rev : (cur === undefined ? -1 : 0) });
    }
    for (const d of g.dels) {
      const cur = stored(d.k);
      if (!allowed(cur, d.base, undefined, undefined)) conflicts.push({ c: d.c, k: d.k, rev: cur ? cur.rev : (cur === undefined ? -1 : 0) });
    }
  }

  // ---- compaction ------------------------------------------------------------------------------------
  // After a full load, and after many small saves in one session: collections with more than OVERLAY_MAX records in "records" (v1 records, or
  // small saves since the last compaction), or packs far off the target size, are rewritten as
  // packs in one transaction under the write lock (re-read inside it: what the load saw may be
  // stale by then).
  function needsCompaction(s) {
    if (s.damaged) return false;  // the load sets the damaged records aside first
    if (s.legacy > OVERLAY_MAX) return true;
    if (!s.packs) return false;
    if (!validLayout(s.layout)) return true;
    // Off target: far too many or too few packs, or a pack grown far past the target (rewriting
    // at the same P would change nothing: one big record, or a key set that happens to collide).
    const want = packCount(s.bytes), P = s.layout.P;
    return P !== want && (P > 2 * want || want > 2 * P || s.largest > 4 * PACK_TARGET);
  }
  function scheduleCompaction(ws, stats) {
    const cols = [...stats].filter(([, s]) => needsCompaction(s)).map(([col]) => col);
    if (!cols.length) return;
    compaction = new Promise((resolve) => setTimeout(resolve, 0)).then(() => compact(ws, cols));
  }
  // A long session: small saves pile up in "records" with no load to fold them. Every
  // OVERLAY_MAX / 4 small puts this tab makes to a collection, it counts the collection's copies
  // there; past OVERLAY_MAX it folds them as a load would (its own transaction, under the lock).
  const smallPuts = new Map();  // 'ws\0col' -> small puts since the last count
  function noteSmallPuts(ws, ops) {
    if (ops.replace !== undefined) return;
    const per = new Map();
    for (const p of ops.puts || []) per.set(p.c, (per.get(p.c) || 0) + 1);
    for (const [col, n] of per) {
      if (n > SMALL_SAVE) continue;
      const id = ws + '\u0000' + col;
      const since = (smallPuts.get(id) || 0) + n;
      smallPuts.set(id, since >= OVERLAY_MAX / 4 ? 0 : since);
      if (since < OVERLAY_MAX / 4) continue;
      // compaction(): this check, then the fold if one was needed (null if not).
      compaction = compaction.then(() => countBeside(ws, col))
        .then((count) => (count > OVERLAY_MAX ? compact(ws, [col]) : null), () => null);
    }
  }
  async function countBeside(ws, col) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const tx = db.transaction('records', 'readonly');
      const req = tx.objectStore('records').count(wsRange(ws, col));
      tx.oncomplete = () => resolve(req.result);
      tx.onabort = () => reject(tx.error);
    });
  }
  // Rewrites the collections as packs now (what a load schedules; for tests and maintenance).
  async function compact(ws, cols) {
    const res = await runWrite(ws, { compact: cols });
    res.ws = ws;
    res.cols = cols;
    if (!res.ok) console.warn('profila store: compaction of ' + cols.join(', ') + ' not done: ' + res.code + ' ' + res.error);
    return res;
  }

  // ---- announcements, quarantine, workspaces ---------------------------------------------------------
  // This tab's event has the whole message; the other tabs get no key lists when they are told to
  // read everything again.
  function announce(msg) {
    msg.tab = tabId;
    const wire = msg.everything && (msg.puts || msg.dels) ? { type: msg.type, ws: msg.ws, everything: true, tab: tabId } : msg;
    try { if (channel) channel.postMessage(wire); } catch (e) { /* the other tabs reload on their next start */ }
    try { window.dispatchEvent(new CustomEvent('profila-store-saved', { detail: msg })); } catch (e) { /* no listeners */ }
  }

  // Moves records into quarantine: out of their pack (or v1 record) in the same transaction. A
  // damaged pack goes to quarantine whole, with the first of its keys set aside.
  async function setAside(ws, items) {
    const db = await openDb();
    return withWriteLock(() => new Promise((resolve) => {
      const tx = db.transaction(['packs', 'records', 'quarantine', 'workspaces'], 'readwrite', txOptions());
      tx.oncomplete = () => resolve(true);
      tx.onabort = () => resolve(false);
      (async () => {
        const packs = tx.objectStore('packs'), records = tx.objectStore('records'), q = tx.objectStore('quarantine');
        const sink = makeSink(tx, await txKey(tx, ws));
        const cols = [...new Set(items.map((it) => it.c))];
        const layouts = new Map();
        const got = await Promise.all(cols.map((c) => rq(packs.get([ws, c, LAYOUT]))));
        cols.forEach((c, i) => layouts.set(c, validLayout(got[i]) ? got[i] : null));
        const pseudo = (k) => { const m = /^\(pack (\d+)\)$/.exec(k); return m ? Number(m[1]) : -1; };
        const packIds = new Map();  // 'col\0n' -> {col, n}
        const packId = (c, n) => { const id = c + '\u0000' + n; packIds.set(id, { col: c, n }); return id; };
        // Where each item may be: the pack its key hashes to, and the pack a "(pack n)" name names.
        const where = items.map((it) => (layouts.get(it.c) ? packId(it.c, packOf(it.k, layouts.get(it.c).P)) : null));
        const named = items.map((it) => (pseudo(it.k) >= 0 ? packId(it.c, pseudo(it.k)) : null));
        const ids = [...packIds.keys()];
        const [vals, legacy] = await Promise.all([
          Promise.all(ids.map((id) => rq(packs.get([ws, packIds.get(id).col, packIds.get(id).n])))),
          Promise.all(items.map((it) => rq(records.get([ws, it.c, it.k])))),
        ]);
        const opened = await sink.open(tx, vals);  // a damaged pack is kept as it was stored (vals)
        const state = new Map(ids.map((id, i) => {
          const split = opened[i] === undefined ? null : packEntries(opened[i]);
          return [id, { value: vals[i], split, list: split ? new Map(split.list.map((e) => [e.key, e])) : null, dirty: false, gone: false }];
        }));
        items.forEach((it, i) => {
          const add = (value) => sink.add(q, { ws, col: it.c, key: it.k, reason: it.reason, at: Date.now(), value });
          let kept = false;
          if (legacy[i] !== undefined) { add(legacy[i]); records.delete([ws, it.c, it.k]); kept = true; }
          const p = where[i] && state.get(where[i]);
          if (p && p.list && p.list.has(it.k)) {
            const e = p.list.get(it.k);
            add({ ws, col: it.c, key: it.k, rev: e.rev, schema: e.schema, sum: e.sum, data: e.bytes.slice() });
            p.list.delete(it.k);
            p.dirty = true;
            kept = true;
          } else {
            // A damaged pack: kept whole, once, with the first of its records set aside.
            for (const d of [where[i] && !named[i] ? p : null, named[i] && state.get(named[i])]) {
              if (kept || !d || d.value === undefined || d.list || d.gone) continue;
              if (named[i] || (damagedKeys(d.value) || []).includes(it.k)) {
                add(d.value);
                packs.delete([ws, it.c, d.value.n]);
                d.gone = true;
                kept = true;
              }
            }
          }
          if (!kept) add(null);
        });
        // Packs that lost records are written back, and their collection's layout follows.
        const delta = new Map();
        for (const [id, p] of state) {
          if (!p.dirty && !p.gone) continue;
          const { col, n } = packIds.get(id);
          const d = delta.get(col) || { count: 0, bytes: 0, changed: [] };
          d.changed.push(n);
          delta.set(col, d);
          if (!p.dirty) continue;
          const list = [...p.list.values()];
          const pack = makePack(ws, col, n, list);
          if (list.length) sink.put(packs, pack); else packs.delete([ws, col, n]);
          d.count += list.length - p.split.list.length;
          d.bytes += pack.data.length - p.split.data.length;
        }
        for (const [col, d] of delta) {
          const l = layouts.get(col);
          if (!l) continue;
          const stamps = Array.isArray(l.stamps) && l.stamps.length === l.P ? l.stamps.slice() : Array.from({ length: l.P }, newStamp);
          for (const n of d.changed) if (n < l.P) stamps[n] = newStamp();
          sink.put(packs, { ws, col, n: LAYOUT, P: l.P, count: Math.max(0, (Number(l.count) || 0) + d.count), bytes: Math.max(0, (Number(l.bytes) || 0) + d.bytes), stamps });
        }
        await sink.flush();
      })().catch(() => { try { tx.abort(); } catch (e) { /* aborting already */ } });
    })).catch(() => false);
  }

  async function keepAside(ws, items) {
    // Copies that lost a conflict: kept in quarantine as they were, nothing removed from the records.
    const db = await openDb();
    return new Promise((resolve) => {
      const tx = db.transaction(['quarantine', 'workspaces', 'packs'], 'readwrite', txOptions());
      const q = tx.objectStore('quarantine');
      tx.oncomplete = () => resolve(true);
      tx.onabort = () => resolve(false);
      (async () => {
        const sink = makeSink(tx, await txKey(tx, ws));
        for (const it of items) sink.add(q, { ws, col: it.c, key: it.k, reason: it.reason, at: Date.now(),
          value: { ws, col: it.c, key: it.k, rev: it.rev, schema: it.schema, sum: it.sum, data: it.bytes } });
        await sink.flush();
      })().catch(() => { try { tx.abort(); } catch (e) { /* aborting already */ } });
    }).catch(() => false);
  }

  async function listSetAside(ws) {
    const db = await openDb();
    return new Promise((resolve) => {
      const tx = db.transaction('quarantine', 'readonly');
      const req = tx.objectStore('quarantine').getAll();
      tx.oncomplete = () => resolve(req.result.filter((v) => v && v.ws === ws).map((v) => ({ c: v.col, k: v.key, reason: v.reason, at: v.at })));
      tx.onabort = () => resolve([]);
    }).catch(() => []);
  }

  async function listWorkspaces() {
    const db = await openDb();
    return new Promise((resolve) => {
      const tx = db.transaction('workspaces', 'readonly');
      const req = tx.objectStore('workspaces').getAll();
      // The crypt entry stays here: the app only learns whether a workspace is encrypted.
      tx.oncomplete = () => resolve(req.result.map((v) => { const o = Object.assign({}, v, { encrypted: !!v.crypt }); delete o.crypt; return o; }));
      tx.onabort = () => resolve([]);
    }).catch(() => []);
  }

  async function putWorkspace(info) {
    const db = await openDb();
    return withWriteLock(() => new Promise((resolve) => {
      const tx = db.transaction('workspaces', 'readwrite', txOptions());
      const store = tx.objectStore('workspaces');
      // A rename or backup date keeps the workspace's crypt entry (the app never sends it).
      const cur = store.get(info.id);
      cur.onsuccess = () => {
        const next = Object.assign({}, info);
        delete next.encrypted;
        if (cur.result && cur.result.crypt) next.crypt = cur.result.crypt;
        store.put(next);
      };
      tx.oncomplete = () => { announce({ type: 'workspaces' }); resolve(true); };
      tx.onabort = () => resolve(false);
    })).catch(() => false);
  }

  async function deleteWorkspace(ws) {
    const db = await openDb();
    return withWriteLock(() => new Promise((resolve) => {
      const tx = db.transaction(['packs', 'records', 'quarantine', 'workspaces'], 'readwrite', txOptions());
      tx.objectStore('packs').delete(wsRange(ws));
      tx.objectStore('records').delete(wsRange(ws));
      tx.objectStore('workspaces').delete(ws);
      const q = tx.objectStore('quarantine');
      const cur = q.openCursor();
      cur.onsuccess = () => {
        const c = cur.result;
        if (!c) return;
        if (c.value && c.value.ws === ws) c.delete();
        c.continue();
      };
      tx.oncomplete = () => { announce({ type: 'workspaces', ws, everything: true }); resolve(true); };
      tx.onabort = () => resolve(false);
    })).catch(() => false);
  }

  function start(onRemote, onHidden, onLeave) {
    listeners.remote = onRemote;
    listeners.hidden = onHidden;
    if (typeof BroadcastChannel === 'function') {
      channel = new BroadcastChannel('profila-store');
      channel.onmessage = (e) => {
        const m = e.data;
        if (!m || m.tab === tabId || !listeners.remote) return;
        listeners.remote(m);
      };
    }
    const hidden = () => { if (listeners.hidden) listeners.hidden(); };
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') hidden(); });
    window.addEventListener('pagehide', hidden);
    // Leaving with something unsaved: the app saves at once and the browser asks the person to stay.
    window.addEventListener('beforeunload', (e) => {
      if (onLeave && onLeave()) { e.preventDefault(); e.returnValue = ''; }
    });
    openDb().catch(() => { /* reported by the first load */ });
  }

  return {
    tabId, start, readAll, writeTx, setAside, keepAside, listSetAside, listWorkspaces, putWorkspace,
    deleteWorkspace, announce, describe, errorCode,
    // Passphrase (issue 18): unlock, lock, turn on (a string) or off (null), backups sealed.
    unlock, lock, isUnlocked, setPassphrase, sealText, openText, iterations: ITERATIONS,
    // For tests and benchmarks: the pack a key lives in, the target pack size, the last compaction.
    packOf, packTarget: PACK_TARGET, compaction: () => compaction, compact,
  };
})();
