// Browser benchmark of the store (IndexedDB through web/storage.js): 10,000 customers with
// 100,000 purchases. Measures, median of 5 runs each (PROFILA_RUNS):
//   load  - reopening the page: reading every record from IndexedDB, checking checksums, decoding
//           the cards (core/customer_json) and putting them in the document (goal < 300 ms);
//   save  - one edited customer: CommitCustomer -> one readwrite transaction (durability strict)
//           -> its complete event (goal < 20 ms).
// Usage: PROFILA_SITE=build/web/site node tests/bench/store_bench.mjs [customers=10000] [purchasesPerCustomer=10]
// PROFILA_RUNS=n: n runs of each instead of 5.
// PROFILA_PASSPHRASE=1: the same with the workspace encrypted (issue 18): the passphrase is turned
// on after the restore and typed in (profila.unlock) after each reload; load and save then include
// AES-GCM; also prints the time of the switch and of the key derivation (PBKDF2-SHA-256) alone.
// PROFILA_PACK_TARGET=bytes overrides the store's bytes of records per IndexedDB value (web/storage.js
// packs; 600 KB by default) to compare sizes.
import { startServer, launch, waitReady } from '../e2e/lib.mjs';
import { backupText } from './bench_backup.mjs';

const customers = Number(process.argv[2] || 10000);
const perCustomer = Number(process.argv[3] || 10);
const runs = Number(process.env.PROFILA_RUNS || 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer();
const { context, close } = await launch();
try {
  if (process.env.PROFILA_PACK_TARGET) await context.addInitScript((t) => { window.profilaPackTarget = t; }, Number(process.env.PROFILA_PACK_TARGET));
  const page = context.pages()[0] || (await context.newPage());
  page.on('crash', () => console.log('store bench: the page crashed'));
  page.on('close', () => console.log('store bench: the page closed'));
  context.on('close', () => console.log('store bench: the browser closed'));
  page.on('pageerror', (e) => console.log('store bench: page error: ' + e));
  page.on('console', (m) => { if (m.type() === 'error') console.log('store bench: console: ' + m.text()); });
  const passphrase = process.env.PROFILA_PASSPHRASE ? 'bench passphrase words' : '';
  const open = async () => {
    await page.waitForFunction(() => window.profila && window.profila.ready && window.profila.frame > 2 &&
      (window.profila.storeStatus().loaded || window.profila.storeStatus().locked), null, { timeout: 120000 });
    if (passphrase && (await page.evaluate(() => window.profila.storeStatus().locked))) await page.evaluate((p) => window.profila.unlock(p), passphrase);
    await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 120000 });
  };
  await page.goto(server.url + '?lang=en');
  await open();
  const text = backupText(customers, perCustomer);
  const t0 = Date.now();
  const restored = await page.evaluate((t) => window.profila.restoreBackup(t), text);
  if (!restored.ok) throw new Error('restore failed: ' + restored.error);
  const restoreMs = Date.now() - t0;
  const stored = await page.evaluate(() => window.profila.storeStatus().lastSaveMs);
  let crypt = null;
  if (passphrase) {
    const t1 = Date.now();
    const s = await page.evaluate((p) => window.profila.setPassphrase(p), passphrase);
    if (!s.encrypted) throw new Error('the passphrase could not be turned on: ' + s.passphraseMessage);
    crypt = { switchMs: Date.now() - t1 };
    crypt.derive = await page.evaluate(async (iter) => {
      const out = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const base = await crypto.subtle.importKey('raw', new TextEncoder().encode('bench passphrase words'), 'PBKDF2', false, ['deriveKey']);
        await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: crypto.getRandomValues(new Uint8Array(16)), iterations: iter }, base,
          { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
        out.push(performance.now() - t);
      }
      return out;
    }, await page.evaluate(() => window.profilaStore.iterations));
  }
  // How the records lie in IndexedDB: values per collection and their sizes.
  const layout = await page.evaluate(async () => {
    const ws = window.profila.storeStatus().workspace.id;
    const db = await new Promise((res, rej) => { const r = indexedDB.open('profila'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const v2 = db.objectStoreNames.contains('packs');  // a v1 storage.js (for comparisons) has no packs
    const tx = db.transaction(v2 ? ['packs', 'records'] : ['records'], 'readonly');
    const p = v2 ? tx.objectStore('packs').getAll(IDBKeyRange.bound([ws, 'customers', 0], [ws, 'customers', []])) : { result: [] };
    const r = tx.objectStore('records').count(IDBKeyRange.bound([ws], [ws, []]));
    await new Promise((res) => { tx.oncomplete = res; });
    db.close();
    const sizes = p.result.map((v) => v.data.length).sort((a, b) => a - b);
    return { packs: sizes.length, smallest: sizes[0] || 0, median: sizes[Math.floor(sizes.length / 2)] || 0, largest: sizes[sizes.length - 1] || 0, v1records: r.result, target: window.profilaStore.packTarget || 0 };
  });

  const loads = [], reads = [], parts = [];
  for (let r = 0; r < runs; r++) {
    await page.reload();
    await open();
    const s = await page.evaluate(() => window.profila.storeStatus());
    if (s.customers !== customers) throw new Error(`loaded ${s.customers} customers`);
    loads.push(s.loadMs);
    reads.push(s.readMs);
    parts.push(s.loadParts || {});
  }
  const partNames = Object.keys(parts[0] || {});
  const partText = partNames.map((n) => `${n} ${median(parts.map((p) => p[n] || 0)).toFixed(1)}`).join(', ');

  console.log(`  load: median ${median(loads).toFixed(1)} ms (medians: ${partText} ms) runs [${loads.map((x) => x.toFixed(1)).join(', ')}]  goal < 300 ms`);
  const saves = [], txs = [];
  for (let r = 0; r < runs; r++) {
    const res = await page.evaluate(async (n) => {
      const c = JSON.parse(window.profila.exportStore()).customers[n];
      c.notes = 'edited ' + performance.now();
      c.schema = 2;  // a backup's customers carry the schema once, at the top; a record carries its own
      const json = JSON.stringify(c);
      const saved = new Promise((resolve, reject) => {
        window.addEventListener('profila-store-saved', resolve, { once: true });
        setTimeout(() => reject(new Error('no save completed in 30 s: ' + JSON.stringify(window.profila.storeStatus(), (k, v) => (k === 'revisions' ? undefined : v)))), 30000);
      });
      const t = performance.now();
      const id = window.profila.commitCustomer(json);
      if (id.startsWith('error')) throw new Error('commitCustomer: ' + id);
      window.Module._profila_store_flush();
      await saved;
      const ms = performance.now() - t;
      await window.profila.saveNow();
      return { ms, tx: window.profila.storeStatus().lastSaveMs };
    }, 40 + r);
    saves.push(res.ms);
    txs.push(res.tx);
  }
  // The disk's part of a save: the same one-record readwrite transaction on a scratch database,
  // durability "strict" (what the store uses) against "relaxed", alternated, 9 of each.
  const dur = await page.evaluate(async () => {
    const db = await new Promise((res, rej) => {
      const q = indexedDB.open('profila-bench-durability', 1);
      q.onupgradeneeded = () => q.result.createObjectStore('r');
      q.onsuccess = () => res(q.result);
      q.onerror = () => rej(q.error);
    });
    const value = { rev: 1, schema: 2, sum: '0123456789abcdef', data: new Uint8Array(2500).fill(65) };
    const one = (durability) => new Promise((res) => {
      const t = performance.now();
      const tx = db.transaction('r', 'readwrite', { durability });
      tx.objectStore('r').put(value, 'k' + Math.random());
      tx.oncomplete = () => res(performance.now() - t);
    });
    const out = { strict: [], relaxed: [] };
    for (let i = 0; i < 9; i++) { out.strict.push(await one('strict')); out.relaxed.push(await one('relaxed')); }
    db.close();
    indexedDB.deleteDatabase('profila-bench-durability');
    return out;
  });
  const f = (x) => x.toFixed(1);
  console.log(`store bench: ${customers} customers, ${customers * perCustomer} purchases (backup ${(text.length / 1048576).toFixed(1)} MB)`);
  console.log(`  write all (restore, one transaction): ${restoreMs} ms end to end, ${f(stored)} ms transaction`);
  if (crypt) console.log(`  passphrase on: ${crypt.switchMs} ms (key derivation + the one transaction rewriting the store); PBKDF2-SHA-256 ` +
                         `${await page.evaluate(() => window.profilaStore.iterations)} iterations alone: median ${f(median(crypt.derive))} ms [${crypt.derive.map(f).join(', ')}]`);
  const kb = (x) => (x / 1024).toFixed(0) + ' KB';
  console.log(`  layout: ${layout.packs} packs of customers (target ${kb(layout.target)}): smallest ${kb(layout.smallest)}, median ${kb(layout.median)}, largest ${kb(layout.largest)}; v1 records ${layout.v1records}`);
  console.log(`  bare one-record transaction: strict median ${f(median(dur.strict))} ms [${dur.strict.map(f).join(', ')}], relaxed median ${f(median(dur.relaxed))} ms [${dur.relaxed.map(f).join(', ')}]`);
  console.log(`  save one edited customer: median ${f(median(saves))} ms commit->complete (transaction ${f(median(txs))} ms) runs [${saves.map(f).join(', ')}]  goal < 20 ms`);
} catch (e) {
  console.log('store bench FAILED: ' + (e && e.stack || e));
  process.exitCode = 1;
} finally {
  await close().catch(() => {});
  server.stop();
}
