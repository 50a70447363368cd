// Profila's IndexedDB bridge (not IDBFS: Emscripten 3.1.6's IDBFS swallows errors, never calls
// back when a transaction aborts on a full quota, and a sync before the first load deletes what is
// stored). app/platform/storage_web.cpp calls these through web/library_profila.js.
//
// Database "profila" v1:
//   records     key [ws, col, key] -> {ws, col, key, rev, schema, sum, data: Uint8Array (UTF-8 JSON)}
//   quarantine  auto key           -> {ws, col, key, reason, at, value}   records set aside, kept
//   workspaces  key id             -> {id, name, created, lastBackup}
// Each write is one readwrite transaction with durability "strict", under the Web Lock
// "profila-store-write" (one tab writes at a time); a put/delete with a base revision is refused
// when the stored revision differs (the tab's copy is stale), so newer data is never overwritten.
// Completed writes are announced to other tabs on the BroadcastChannel "profila-store".
'use strict';
window.profilaStore = (function () {
  const DB_NAME = 'profila';
  const DB_VERSION = 1;
  const LOCK = 'profila-store-write';
  const WRITE_TIMEOUT_MS = 15000;   // lock wait + transaction: longer means something is stuck
  const tabId = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const encoder = new TextEncoder();
  let dbPromise = null;
  let channel = null;
  const listeners = { remote: null, hidden: null };

  function openDb() {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise((resolve, reject) => {
      let req;
      try { req = indexedDB.open(DB_NAME, DB_VERSION); } catch (e) { reject(e); return; }
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains('records')) db.createObjectStore('records', { keyPath: ['ws', 'col', 'key'] });
        if (!db.objectStoreNames.contains('quarantine')) db.createObjectStore('quarantine', { autoIncrement: true });
        if (!db.objectStoreNames.contains('workspaces')) db.createObjectStore('workspaces', { keyPath: 'id' });
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

  function errorCode(err) {
    const name = (err && err.name) || '';
    if (name === 'QuotaExceededError') return 'quota';
    if (name === 'TimeoutError') return 'timeout';
    if (name === 'AbortError') return 'aborted';
    return 'other';
  }
  function describe(err) {
    if (!err) return '';
    return ((err.name ? err.name + ': ' : '') + (err.message || String(err))).slice(0, 300);
  }

  // A record's bytes, whatever shape the stored value has; null when it is not one of ours.
  function recordBytes(value) {
    if (!value || typeof value !== 'object') return null;
    const d = value.data;
    if (d instanceof Uint8Array) return d;
    if (d instanceof ArrayBuffer) return new Uint8Array(d);
    if (typeof d === 'string') return encoder.encode(d);
    return null;
  }

  // Reads records: resolves to {entries: [{col,key,rev,schema,sum,bytes}|{col,key,bad}], ms}.
  async function readAll(ws, refs) {
    const t0 = performance.now();
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const tx = db.transaction('records', 'readonly');
      const store = tx.objectStore('records');
      const entries = [];
      if (refs) {
        for (const r of refs) {
          const req = store.get([ws, r.c, r.k]);
          req.onsuccess = () => { if (req.result !== undefined) entries.push(toEntry([ws, r.c, r.k], req.result)); };
        }
      } else {
        // One getAll: our values carry their own ws/col/key. Only when some value does not (a
        // foreign or damaged record) are the keys read too, in the same transaction, to name it.
        const valsReq = store.getAll(wsRange(ws));
        valsReq.onsuccess = () => {
          const vals = valsReq.result;
          const own = (v) => v && typeof v === 'object' && v.ws === ws && typeof v.col === 'string' && typeof v.key === 'string';
          if (vals.every(own)) {
            for (let i = 0; i < vals.length; i++) entries.push(toEntry([ws, vals[i].col, vals[i].key], vals[i]));
            return;
          }
          const keysReq = store.getAllKeys(wsRange(ws));
          keysReq.onsuccess = () => {
            const keys = keysReq.result;
            for (let i = 0; i < vals.length; i++) entries.push(toEntry(keys[i], vals[i]));
          };
        };
      }
      tx.oncomplete = () => resolve({ entries, ms: performance.now() - t0 });
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new DOMException('read aborted', 'AbortError'));
    });
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

  // One readwrite transaction. ops: {puts: [{c,k,rev,base,schema,sum,bytes}], dels: [{c,k,base}],
  // replace: col (delete the whole collection first)}. Resolves {ok, code, error, conflicts, ms}.
  function writeTx(ws, ops) {
    const t0 = performance.now();
    return withWriteLock(async () => {
      const db = await openDb();
      return new Promise((resolve) => {
        let tx;
        try { tx = db.transaction(['records'], 'readwrite', txOptions()); } catch (e) {
          resolve({ ok: false, code: errorCode(e), error: describe(e), conflicts: [] });
          return;
        }
        const store = tx.objectStore('records');
        const conflicts = [];
        let settled = false;
        let timedOut = false;
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
          resolve(result);
        };
        tx.oncomplete = () => finish({ ok: true, code: 'none', error: '', conflicts: [] });
        tx.onabort = () => {
          if (conflicts.length) finish({ ok: false, code: 'conflict', error: '', conflicts });
          else if (timedOut) finish({ ok: false, code: 'timeout', error: 'the save took longer than ' + WRITE_TIMEOUT_MS / 1000 + ' s', conflicts: [] });
          else finish({ ok: false, code: errorCode(tx.error), error: describe(tx.error), conflicts: [] });
        };
        tx.onerror = (e) => { e.preventDefault && e.preventDefault(); try { tx.abort(); } catch (err) { /* aborting already */ } };

        // Puts and deletes with a base revision check the stored one first (inside this transaction).
        const check = (c, k, base, rev, sum, then) => {
          if (base < 0) { then(); return; }
          const req = store.get([ws, c, k]);
          req.onsuccess = () => {
            const cur = req.result;
            const curRev = cur && typeof cur === 'object' ? Number(cur.rev) || 0 : (cur === undefined ? -1 : 0);
            // Allowed: the copy we started from is what is stored, or this exact write already landed
            // (a retry after a timeout that completed after all). A put never lowers the stored
            // revision: an older copy of this tab's (a kill test once saw revision 23 stored over an
            // acknowledged 25) is a conflict, so the acknowledged version stays.
            const same = cur && typeof cur === 'object' && rev !== undefined && curRev === rev && cur.sum === sum;
            const newer = rev === undefined || cur === undefined || rev > curRev;
            const fresh = (cur === undefined ? base === 0 : curRev === base) && newer;
            if (fresh || same) then();
            else {
              conflicts.push({ c, k, rev: curRev });
              try { tx.abort(); } catch (e) { /* already aborting */ }
            }
          };
        };
        try {
          if (ops.replace !== undefined) store.delete(wsRange(ws, ops.replace));
          for (const p of ops.puts || []) {
            const value = { ws, col: p.c, key: p.k, rev: p.rev, schema: p.schema, sum: p.sum, data: p.bytes };
            check(p.c, p.k, p.base, p.rev, p.sum, () => store.put(value));
          }
          for (const d of ops.dels || []) check(d.c, d.k, d.base, undefined, undefined, () => store.delete([ws, d.c, d.k]));
        } catch (e) {
          try { tx.abort(); } catch (err) { /* aborting already */ }
          finish({ ok: false, code: errorCode(e), error: describe(e), conflicts: [] });
        }
      });
    }).catch((err) => ({ ok: false, code: errorCode(err), error: describe(err), conflicts: [], ms: performance.now() - t0 }));
  }

  function announce(msg) {
    msg.tab = tabId;
    try { if (channel) channel.postMessage(msg); } catch (e) { /* the other tabs reload on their next start */ }
    try { window.dispatchEvent(new CustomEvent('profila-store-saved', { detail: msg })); } catch (e) { /* no listeners */ }
  }

  async function setAside(ws, items) {
    const db = await openDb();
    return withWriteLock(() => new Promise((resolve) => {
      const tx = db.transaction(['records', 'quarantine'], 'readwrite', txOptions());
      const records = tx.objectStore('records'), q = tx.objectStore('quarantine');
      for (const it of items) {
        const req = records.get([ws, it.c, it.k]);
        req.onsuccess = () => {
          q.add({ ws, col: it.c, key: it.k, reason: it.reason, at: Date.now(), value: req.result === undefined ? null : req.result });
          records.delete([ws, it.c, it.k]);
        };
      }
      tx.oncomplete = () => resolve(true);
      tx.onabort = () => resolve(false);
    })).catch(() => false);
  }

  async function keepAside(ws, items) {
    // Copies that lost a conflict: kept in quarantine as they were, nothing removed from records.
    const db = await openDb();
    return new Promise((resolve) => {
      const tx = db.transaction(['quarantine'], 'readwrite', txOptions());
      const q = tx.objectStore('quarantine');
      for (const it of items) q.add({ ws, col: it.c, key: it.k, reason: it.reason, at: Date.now(),
        value: { ws, col: it.c, key: it.k, rev: it.rev, schema: it.schema, sum: it.sum, data: it.bytes } });
      tx.oncomplete = () => resolve(true);
      tx.onabort = () => resolve(false);
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
      tx.oncomplete = () => resolve(req.result);
      tx.onabort = () => resolve([]);
    }).catch(() => []);
  }

  async function putWorkspace(info) {
    const db = await openDb();
    return withWriteLock(() => new Promise((resolve) => {
      const tx = db.transaction('workspaces', 'readwrite', txOptions());
      tx.objectStore('workspaces').put(info);
      tx.oncomplete = () => { announce({ type: 'workspaces' }); resolve(true); };
      tx.onabort = () => resolve(false);
    })).catch(() => false);
  }

  async function deleteWorkspace(ws) {
    const db = await openDb();
    return withWriteLock(() => new Promise((resolve) => {
      const tx = db.transaction(['records', 'quarantine', 'workspaces'], 'readwrite', txOptions());
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

  function start(onRemote, onHidden) {
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
    openDb().catch(() => { /* reported by the first load */ });
  }

  return {
    tabId, start, readAll, writeTx, setAside, keepAside, listSetAside, listWorkspaces, putWorkspace,
    deleteWorkspace, announce, describe, errorCode,
  };
})();
