// A big base in little memory (issue 15, item 6), in headless Chromium: the base of
// tests/bench/import_data.mjs (100,000 customers with 1,080,000 purchases by default) imported through
// window.profila.importFile (the wizard's decode, parse, map, check and commit), stored, then the
// whole analysis run (Analysis screen's date set, both exports), then five more date changes; each
// run on a fresh page.
//   PROFILA_SITE=$PWD/build/web/site node tests/bench/import_memory.mjs [customers=100000] [purchases|-] [runs=3] [shop|lean|model] [last date=1998-06-30] [other day=the day before]
// ('model': drawn from the models, about 10.6 purchases a customer whatever `purchases` says)
// Prints per run and as medians: import (the synchronous importFile call: copy in, decode, parse,
// check, commit), save (to its transaction's complete event), analysis (date set -> both exports),
// the import's, the save's and the analysis's main-thread CPU time (DevTools Performance ThreadTime: what a
// loaded machine does not inflate as it does wall time),
// and the heap after each step: the allocator's arena (dlmalloc on sbrk, which Emscripten builds
// with MORECORE_CANNOT_TRIM: it never shrinks, so after the last analysis it is the run's heap
// high-water), the wasm memory (never below INITIAL_MEMORY, 64 MB; it grows with the heap) and the
// bytes in live blocks.
import { startServer, launch, openApp, siteDir } from '../e2e/lib.mjs';
import { benchFileExpression } from './import_data.mjs';

const customers = Number(process.argv[2] || 100000);
const purchases = process.argv[3] && process.argv[3] !== '-' ? Number(process.argv[3]) : Math.round(customers * 10.8);
const runs = Number(process.argv[4] || 3);
const shape = process.argv[5] || 'shop';
// The five date changes after the first analysis (on 1998-06-30) go back and forth between this day
// and the one before: by default the end of the data, where most customers' facts are kept from run
// to run (FactsMemo); an earlier day (1998-01-15) has most customers buying after it, read again.
const againLast = process.argv[6] || '1998-06-30';
const dayBefore = (iso) => new Date(Date.parse(iso + 'T00:00:00Z') - 86400000).toISOString().slice(0, 10);
// With another day given (1998-06-30 with 1998-01-15, say), the changes go between the two: every one
// a jump of months, where most customers' purchases are read again.
const againDates = process.argv[7] ? [againLast, process.argv[7]] : [dayBefore(againLast), againLast];
const MB = (b) => (b / 1048576).toFixed(1);
const server = await startServer(siteDir);
const results = [];
try {
  for (let run = 0; run < runs; ++run) {
    const { context, close } = await launch();
    try {
      const { page, errors } = await openApp(context, server.url + '?lang=en');
      await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
      // The file is made in the page (as a picked file's bytes would be there), outside the timing.
      // (an expression evaluated through the DevTools protocol: the page's CSP allows no inline script)
      await page.evaluate(benchFileExpression(customers, purchases, shape));
      // The page's main-thread CPU time (DevTools' ThreadTime) around the import and the analysis: on
      // the shared, loaded machine wall time counts the neighbours too.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const cpuMs = async () => 1000 * (await cdp.send('Performance.getMetrics')).metrics.find((x) => x.name === 'ThreadTime').value;
      const c0 = await cpuMs();
      const part1 = await page.evaluate(() => {
        const P = window.profila;
        const before = P.heap();
        const t0 = performance.now();
        window.benchPending = P.importFile('vendite.csv', window.benchFile);
        const t1 = performance.now();
        return { before, afterImport: P.heap(), importMs: t1 - t0 };
      });
      const c1 = await cpuMs();
      const part2 = await page.evaluate(async () => {
        const P = window.profila;
        const t1 = performance.now();
        const summary = await window.benchPending;
        const t2 = performance.now();
        return { summary: { customers: summary.customers, purchases: summary.purchases, errorCount: summary.errorCount, saved: summary.saved, commitMs: summary.commitMs },
                 bytes: window.benchFile.length, saveMs: t2 - t1, afterSave: P.heap() };
      });
      const c2 = await cpuMs();
      const part3 = await page.evaluate(() => {
        const P = window.profila;
        const t3 = performance.now();
        P.setAnalysisDate('1998-06-30');
        const csv = P.exportAnalysis();
        const model = P.exportModel();
        const t4 = performance.now();
        return { csvBytes: csv.length, rows: csv.split("\n").length, modelOk: model.length > 0, analysisMs: t4 - t3, afterAnalysis: P.heap() };
      });
      const c3 = await cpuMs();
      // The analysis again, five date changes back and forth (what a person exploring dates does):
      // the median of these is less at the mercy of the save's last work and the first run's page faults.
      const c4 = await cpuMs();
      const again = await page.evaluate((pair) => {
        const P = window.profila, times = [];
        for (const date of [pair[0], pair[1], pair[0], pair[1], pair[0]]) {
          const t = performance.now();
          P.setAnalysisDate(date);
          P.exportAnalysis();
          P.exportModel();
          times.push(performance.now() - t);
        }
        const jumpMs = times[0];  // from 1998-06-30: every customer with something dated between read again
        times.sort((a, b) => a - b);
        return { againMs: times[2], jumpMs, afterAgain: P.heap() };
      }, againDates);
      const c5 = await cpuMs();
      const r = { ...part1, ...part2, ...part3, ...again, importCpuMs: c1 - c0, saveCpuMs: c2 - c1, analysisCpuMs: c3 - c2, againCpuMs: (c5 - c4) / 5 };
      if (r.summary.errorCount || !r.summary.saved || (shape !== 'model' && r.summary.purchases !== purchases))
        throw new Error('import: ' + JSON.stringify(r.summary) + ' ' + errors.join('; '));
      console.log(`run ${run + 1}: ${r.summary.customers} customers, ${r.summary.purchases} purchases, ${MB(r.bytes)} MB file: ` +
                  `import ${r.importMs.toFixed(0)} ms (main thread CPU ${r.importCpuMs.toFixed(0)} ms; the commit and the save's start ${r.summary.commitMs.toFixed(0)} ms of it), save ${r.saveMs.toFixed(0)} ms (main thread CPU ${r.saveCpuMs.toFixed(0)} ms), ` +
                  `analysis ${r.analysisMs.toFixed(0)} ms (CPU ${r.analysisCpuMs.toFixed(0)} ms, export ${(r.csvBytes / 1048576).toFixed(1)} MB), ` +
                  `again ${r.againMs.toFixed(0)} ms (median of 5 date changes; CPU ${r.againCpuMs.toFixed(0)} ms, their mean; the first, from 1998-06-30, ${r.jumpMs.toFixed(0)} ms); ` +
                  `wasm MB start ${MB(r.before.wasm)}, after import ${MB(r.afterImport.wasm)}, after save ${MB(r.afterSave.wasm)}, ` +
                  `after analysis ${MB(r.afterAnalysis.wasm)}, after the five more ${MB(r.afterAgain.wasm)}; heap (allocator arena) at the start ${MB(r.before.arena)} (in use ${MB(r.before.inUse)}), after import ${MB(r.afterImport.arena)}, ` +
                  `after save ${MB(r.afterSave.arena)}, after analysis ${MB(r.afterAnalysis.arena)}, after the five more ${MB(r.afterAgain.arena)}; ` +
                  `in use after import ${MB(r.afterImport.inUse)}, at the end ${MB(r.afterAnalysis.inUse)}`);
      results.push({ import: r.importMs, commit: r.summary.commitMs, importCpu: r.importCpuMs, saveCpu: r.saveCpuMs, analysisCpu: r.analysisCpuMs, save: r.saveMs, analysis: r.analysisMs, again: r.againMs, jump: r.jumpMs, againCpu: r.againCpuMs, wasmAfterImport: r.afterImport.wasm,
                     wasmHighWater: r.afterAgain.wasm, heapAfterImport: r.afterImport.arena, heapHighWater: r.afterAgain.arena, inUseAfterImport: r.afterImport.inUse, inUseEnd: r.afterAnalysis.inUse });
    } finally { await close(); }
  }
} finally { server.stop(); }
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = (k) => median(results.map((r) => r[k]));
console.log(`median of ${results.length}: import ${m('import').toFixed(0)} ms (CPU ${m('importCpu').toFixed(0)} ms; commit ${m('commit').toFixed(0)} ms), save ${m('save').toFixed(0)} ms (CPU ${m('saveCpu').toFixed(0)} ms), ` +
            `analysis ${m('analysis').toFixed(0)} ms (CPU ${m('analysisCpu').toFixed(0)} ms), again ${m('again').toFixed(0)} ms (CPU ${m('againCpu').toFixed(0)} ms; the first change, from 1998-06-30, ${m('jump').toFixed(0)} ms); ` +
            `heap high-water ${MB(m('heapHighWater'))} MB (after import ${MB(m('heapAfterImport'))} MB); ` +
            `wasm memory ${MB(m('wasmHighWater'))} MB (after import ${MB(m('wasmAfterImport'))} MB); ` +
            `in use after import ${MB(m('inUseAfterImport'))} MB, at the end ${MB(m('inUseEnd'))} MB`);
