// The heap the Analysis screen holds on a big base (issue 15, item 6), in headless Chromium: the base
// of tests/bench/import_data.mjs (100,000 customers, 1,080,000 purchases, shape lean) imported through
// window.profila.importFile, then the screen opened by a click (its staged run for today) and the
// analysis date set (a second run). Prints the bytes in live blocks after the import and after each
// run, and the allocator's arena (its high-water: Emscripten's dlmalloc never gives memory back).
//   PROFILA_SITE=$PWD/build/web/site node tests/bench/analysis_screen_memory.mjs [customers=100000]
import { startServer, launch, openApp, click, siteDir } from '../e2e/lib.mjs';
import { benchFileExpression } from './import_data.mjs';

const customers = Number(process.argv[2] || 100000);
const server = await startServer(siteDir);
const { context, close } = await launch();
try {
  const { page } = await openApp(context, server.url + '?lang=en');
  await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
  await page.evaluate(benchFileExpression(customers, Math.round(customers * 10.8), 'lean'));
  await page.evaluate(() => window.profila.importFile('vendite.csv', window.benchFile));
  await page.evaluate(() => { window.benchFile = null; });
  const heap = () => page.evaluate(() => window.profila.heap());
  const runsDone = (n) => page.waitForFunction((k) => { const s = window.profila.analysisStatus(); return !s.running && s.runs >= k; }, n, { timeout: 120000 });
  const afterImport = await heap();
  await click(page, 'nav.analysis');
  await runsDone(1);
  const afterFirst = await heap();
  await page.evaluate(() => window.profila.setAnalysisDate('1998-06-30'));
  await runsDone(2);
  const afterSecond = await heap();
  const MB = (b) => (b / 1048576).toFixed(1) + ' MB';
  console.log(`${customers} customers: in use after the import ${MB(afterImport.inUse)}, after the screen's first run ${MB(afterFirst.inUse)}, ` +
              `after the second (date set) ${MB(afterSecond.inUse)}; arena (high-water) after the import ${MB(afterImport.arena)}, ` +
              `after the first run ${MB(afterFirst.arena)}, after the second ${MB(afterSecond.arena)}; wasm memory ${MB(afterSecond.wasm)}`);
} finally { await close(); server.stop(); }
