// Times the big import as a person does it, phase by phase, in headless Chromium: 5,000 customers
// with 50,000 purchases (Windows-1252, one row per purchase) chosen through the file picker.
//   node tests/bench/import_picker.mjs build/web-X/site [runs=3]
// Phases: pick -> review shown (decode, parse, map, check, duplicates), confirm -> "Imported"
// toast (the one commit), saveNow (the one store transaction), reload -> store loaded.
// Prints each run and the median of each phase.
import path from 'node:path';
import { startServer, launch, openApp, waitReady, click, findItem } from '../e2e/lib.mjs';
import { bigPurchaseFile } from '../e2e/import_files.mjs';

const site = path.resolve(process.argv[2] || 'build/web/site');
const runs = Number(process.argv[3] || 3);
const file = bigPurchaseFile();
const server = await startServer(site);
const results = [];
try {
  for (let run = 0; run < runs; ++run) {
    const { context, close } = await launch();
    try {
      const { page } = await openApp(context, server.url + '?lang=en');
      await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
      await click(page, 'nav.customers');
      await click(page, 'customers.import');
      const chooser = page.waitForEvent('filechooser', { timeout: 15000 });
      await click(page, 'import.choose');
      const t0 = Date.now();
      await (await chooser).setFiles({ name: 'vendite.csv', mimeType: 'text/csv', buffer: file.bytes });
      await findItem(page, 'import.confirm', { timeout: 120000, scroll: false });
      const t1 = Date.now();
      await click(page, 'import.confirm');
      await findItem(page, 'Imported 5,000 customers and 50,000 purchases.', { timeout: 120000, scroll: false });
      const t2 = Date.now();
      const status = await page.evaluate(() => window.profila.saveNow());
      const t3 = Date.now();
      if (status.save !== 'saved') throw new Error('not saved: ' + JSON.stringify(status));
      await page.reload();
      await waitReady(page);
      await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 120000, polling: 50 });
      const t4 = Date.now();
      const n = await page.evaluate(() => JSON.parse(window.profila.exportStore()).customers.length);
      if (n !== 5000) throw new Error('after reload: ' + n);
      const r = { check: t1 - t0, confirm: t2 - t1, save: t3 - t2, reload: t4 - t3 };
      console.log(`run ${run + 1}: ` + Object.entries(r).map(([k, v]) => `${k} ${v} ms`).join(', '));
      results.push(r);
    } finally { await close(); }
  }
} finally { server.stop(); }
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('median: ' + Object.keys(results[0]).map((k) => `${k} ${median(results.map((r) => r[k]))} ms`).join(', '));
