// What a person waits for after reopening the app with 10,000 customers (100,000 purchases):
// the store's load (storeStatus().loadMs: IndexedDB read to cards in the document) and then the
// first frames of the customer list, which derive each row's facts (status, value,
// completeness, search text) once. Prints, median of 5 reopenings: the load, the busiest frame
// CPU (window.profila.frameCpuMs()) among the frames until the list shows its rows, and the
// time from the tap on "Customers" to the list drawn.
//   PROFILA_SITE=build/web/site node tests/bench/list_after_load.mjs [customers=10000] [purchasesPerCustomer=10]
import { startServer, launch, waitReady, click, findItem } from '../e2e/lib.mjs';
import { backupText } from './bench_backup.mjs';

const customers = Number(process.argv[2] || 10000);
const perCustomer = Number(process.argv[3] || 10);
const runs = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer();
const { context, close } = await launch({ viewport: { width: 1024, height: 768 } });
try {
  const page = context.pages()[0] || (await context.newPage());
  const open = async () => {
    await waitReady(page);
    await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 120000 });
  };
  await page.goto(server.url + '?lang=en');
  await open();
  const restored = await page.evaluate((t) => window.profila.restoreBackup(t), backupText(customers, perCustomer));
  if (!restored.ok) throw new Error('restore failed: ' + restored.error);
  const loads = [], busiest = [], toList = [];
  for (let r = 0; r < runs; r++) {
    await page.reload();
    await open();
    loads.push(await page.evaluate(() => window.profila.storeStatus().loadMs));
    // Every frame's CPU from just before the tap (frameCpuMs is the last frame's; read on each animation frame).
    await page.evaluate(() => {
      window.__benchFrames = [];
      const record = () => { window.__benchFrames.push(window.profila.frameCpuMs()); if (window.__benchFrames.length < 2000) requestAnimationFrame(record); };
      requestAnimationFrame(record);
    });
    const t0 = Date.now();
    await click(page, 'nav.customers');
    // The list is drawn when a customer's row is on the canvas.
    await findItem(page, /^Cliente \d+/, { timeout: 60000, scroll: false });
    toList.push(Date.now() - t0);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    busiest.push(await page.evaluate(() => Math.max(...window.__benchFrames)));
  }
  const f = (x) => x.toFixed(1);
  console.log(`list after load: ${customers} customers, ${customers * perCustomer} purchases`);
  console.log(`  load (storeStatus().loadMs): median ${f(median(loads))} ms [${loads.map(f).join(', ')}]`);
  console.log(`  tap on Customers -> list drawn: median ${f(median(toList))} ms [${toList.map(f).join(', ')}]`);
  console.log(`  busiest frame CPU after the tap: median ${f(median(busiest))} ms [${busiest.map(f).join(', ')}]`);
} catch (e) {
  console.log('list after load bench FAILED: ' + (e && e.stack || e));
  process.exitCode = 1;
} finally {
  await close();
  server.stop();
}
