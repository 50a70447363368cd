// Times the issue-16 imports as a person does them, in headless Chromium, on a fresh page each run:
// 2,000 FatturaPA invoices in one zip and a 100,000-row workbook, chosen through the file picker.
//   python3 tests/gen/make_import_files.py build/gen --bench
//   node tests/bench/import_files_bench.mjs [build/web/site] [build/gen] [runs=3] [only=xlsx|zip]
// Phases: pick -> review shown (read, parse, match, check), confirm -> "Imported ... Saved on this
// device." (the one commit and its store transaction). While it works, every animation frame is
// sampled: how many showed the wizard's progress bar and the longest gap between two frames (the
// main thread held by one piece of work). Heap: the wasm memory (it never shrinks: the high-water)
// and the allocator's arena after the save. Medians of the runs.
import path from 'node:path';
import { startServer, launch, openApp, click, findItem } from '../e2e/lib.mjs';

const site = path.resolve(process.argv[2] || 'build/web/site');
const gen = path.resolve(process.argv[3] || 'build/gen');
const runs = Number(process.argv[4] || 3);
const inputs = [
  { file: 'bench_2000_invoices.zip', goalMs: 5000 },
  { file: 'bench_100k.xlsx', goalMs: 3000 },
].filter((input) => !process.argv[5] || input.file.endsWith(process.argv[5]));
const server = await startServer(site);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MB = (b) => (b / 1048576).toFixed(0) + ' MB';
try {
  for (const input of inputs) {
    const results = [];
    for (let run = 0; run < runs; ++run) {
      const { context, close } = await launch();
      try {
        const { page } = await openApp(context, server.url + '?lang=en');
        await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
        await click(page, 'nav.customers');
        await click(page, 'customers.import');
        const chooser = page.waitForEvent('filechooser', { timeout: 15000 });
        await click(page, 'import.choose');
        // Every frame from now on: its time and whether the progress bar or the review is on screen.
        await page.evaluate(() => {
          const s = (window.__frames = []);
          const tick = () => {
            const all = window.profila.items();
            const keys = all.map((i) => i.key);
            s.push({ t: performance.now(), progress: all.some((i) => /^progress -?\d+%$/.test(i.label)), review: keys.includes('import.confirm') || keys.includes('import.check'),
                     saving: all.some((i) => i.label === 'Saving the import…') });
            if (!window.__stop) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        });
        const t0 = Date.now();
        await (await chooser).setFiles(path.join(gen, input.file));
        let next = await Promise.race([findItem(page, 'import.confirm', { timeout: 120000, scroll: false }),
                                       findItem(page, 'import.check', { timeout: 120000, scroll: false })]);
        const t1 = Date.now();
        if (next.key === 'import.check') {  // the column step: its suggestion taken as it is
          await click(page, 'import.check');
          next = await findItem(page, 'import.confirm', { timeout: 120000, scroll: false });
        }
        const t2 = Date.now();
        await page.evaluate(() => { window.__confirmAt = performance.now(); });
        await click(page, 'import.confirm');
        await findItem(page, /^Imported .* Saved on this device\.$/, { timeout: 120000, scroll: false });
        const t3 = Date.now();
        const frames = await page.evaluate(() => { window.__stop = true; return window.__frames; });
        // How soon the press of Import was answered on screen ("Saving the import…" and a moving bar).
        const confirmAt = await page.evaluate(() => window.__confirmAt);
        const answered = frames.find((f) => f.t > confirmAt && f.saving);
        // The frames from the first that showed the progress bar to the review.
        const first = frames.findIndex((f) => f.progress);
        const reviewAt = frames.findIndex((f, i) => i > first && f.review);
        const working = first < 0 ? [] : frames.slice(first, reviewAt < 0 ? undefined : reviewAt);
        let gap = 0;
        for (let i = 1; i < frames.length; ++i) gap = Math.max(gap, frames[i].t - frames[i - 1].t);
        const heap = await page.evaluate(() => window.profila.heap());
        const status = await page.evaluate(() => window.profila.storeStatus());
        const r = { review: t1 - t0, confirm: t3 - t2, total: t1 - t0 + t3 - t2, gap: Math.round(gap), progressFrames: working.filter((f) => f.progress).length,
                    answer: answered ? Math.round(answered.t - confirmAt) : -1,
                    workFrames: working.length, wasm: heap.wasm, arena: heap.arena, customers: status.customers };
        console.log(`${input.file} run ${run + 1}: pick->review ${r.review} ms, confirm->saved ${r.confirm} ms, total ${r.total} ms; ` +
                    `${r.progressFrames}/${r.workFrames} frames from the first progress bar to the review showed it, longest frame gap ${r.gap} ms; ` +
                    `Import answered on screen after ${r.answer} ms; ` +
                    `wasm memory ${MB(r.wasm)}, arena ${MB(r.arena)}; ${r.customers} customers`);
        results.push(r);
      } finally { await close(); }
    }
    const m = (k) => median(results.map((r) => r[k]));
    console.log(`${input.file} median of ${runs}: pick->review ${m('review')} ms, confirm->saved ${m('confirm')} ms, total ${m('total')} ms ` +
                `(goal ${input.goalMs} ms), longest frame gap ${m('gap')} ms, Import answered after ${m('answer')} ms, heap high-water (wasm memory) ${MB(m('wasm'))}, arena ${MB(m('arena'))}`);
  }
} finally { server.stop(); }
