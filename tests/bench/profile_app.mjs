// Where a date change's time goes in Chromium: the base of import_data.mjs imported as in
// import_memory.mjs, then a DevTools CPU profile of `changes` date changes (each with both exports),
// its self time summed by function, the top `top` printed. Function names need a build linked with
// --profiling-funcs (the served build strips them), in a build directory of its own:
//   emcmake cmake -S . -B build/web-profile -DCMAKE_BUILD_TYPE=Release -DPROFILA_PROFILING_FUNCS=ON
//   cmake --build build/web-profile -j2
//   PROFILA_SITE=$PWD/build/web-profile/site node tests/bench/profile_app.mjs [customers=100000] [changes=20] [top=40] [lean|shop|model] [changes|import|analysis|first] [other day=1998-06-29]
// "import" profiles the synchronous import instead (the window.profila.importFile call; its save runs after), once
// on each of `changes` fresh pages, and sums them; "analysis" the first analysis after the import (1998-06-30,
// both exports: nothing kept yet, the result's memory touched for the first time), and "first" the first
// change after it (to the other day), each likewise once a page.
// (Sampling every 0.2 ms adds a little to each change: the total it gives is above the median.)
import { startServer, launch, openApp, siteDir } from '../e2e/lib.mjs';
import { benchFileExpression } from './import_data.mjs';

const customers = Number(process.argv[2] || 100000);
const changes = Number(process.argv[3] || 20);
const top = Number(process.argv[4] || 40);
const shape = process.argv[5] || 'lean';
const what = process.argv[6] || 'changes';
// The changes go back and forth between two days: by default the data's last and the one before (most
// customers' kept facts serve); '1998-01-15' for the other makes each change a jump of five months,
// where nearly every customer's purchases are read again.
const otherDay = process.argv[7] || '1998-06-29';
const server = await startServer(siteDir);

// Self time by function of a CPU profile, added into `self`; the profile's total. The functions
// named in PROFILE_CALLERS (comma-separated) are counted by caller too, as "callee <- caller".
const callersOf = new Set((process.env.PROFILE_CALLERS || '').split(',').filter(Boolean));
function addSelfTimes(profile, self) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n);
  const nameOf = (n) => n.callFrame.functionName || `(anonymous ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber})`;
  let total = 0;
  for (let i = 0; i < profile.samples.length; ++i) {
    const node = byId.get(profile.samples[i]);
    let name = nameOf(node);
    if (callersOf.has(name) && parent.has(node.id)) name += ' <- ' + nameOf(parent.get(node.id));
    self.set(name, (self.get(name) || 0) + profile.timeDeltas[i]);
    total += profile.timeDeltas[i];
  }
  return total;
}
function printTop(self, total, runs) {
  for (const [name, t] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${(t / 1000 / runs).toFixed(2).padStart(8)} ms  ${(100 * t / total).toFixed(1).padStart(5)}%  ${name.slice(0, 120)}`);
}

if (what === 'import' || what === 'analysis' || what === 'first') {
  try {
    const self = new Map(), times = [];
    let total = 0;
    for (let run = 0; run < changes; ++run) {
      const { context, close } = await launch();
      try {
        const { page } = await openApp(context, server.url + '?lang=en');
        await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
        await page.evaluate(benchFileExpression(customers, Math.round(customers * 10.8), shape));
        if (what !== 'import') await page.evaluate(() => window.profila.importFile('vendite.csv', window.benchFile));
        if (what === 'first') await page.evaluate(() => { window.profila.setAnalysisDate('1998-06-30'); window.profila.exportAnalysis(); window.profila.exportModel(); });
        // console.profile / profileEnd around the call itself: the save's work in the frames after
        // it stays out of the profile.
        const cdp = await context.newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        const finished = new Promise((resolve) => cdp.once('Profiler.consoleProfileFinished', (e) => resolve(e.profile)));
        times.push(await page.evaluate(([kind, other]) => {
          const P = window.profila;
          console.profile(kind);
          const t = performance.now();
          if (kind === 'import') {
            window.benchPending = P.importFile('vendite.csv', window.benchFile);
          } else {
            P.setAnalysisDate(kind === 'first' ? other : '1998-06-30');
            P.exportAnalysis();
            P.exportModel();
          }
          const ms = performance.now() - t;
          console.profileEnd(kind);
          return ms;
        }, [what, otherDay]));
        total += addSelfTimes(await finished, self);
        if (what === 'import') await page.evaluate(() => window.benchPending);
      } finally { await close(); }
    }
    times.sort((a, b) => a - b);
    console.log(`${changes} runs (${what}): median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, fastest ${times[0].toFixed(0)} ms; ` +
                `self time a run, by function (profile total ${(total / 1000 / changes).toFixed(0)} ms a run):`);
    printTop(self, total, changes);
  } finally { server.stop(); }
  process.exit(0);
}
try {
  const { context, close } = await launch();
  try {
    const { page } = await openApp(context, server.url + '?lang=en');
    await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
    await page.evaluate(benchFileExpression(customers, Math.round(customers * 10.8), shape));
    await page.evaluate(async () => { await window.profila.importFile('vendite.csv', window.benchFile); window.profila.setAnalysisDate('1998-06-30'); });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const ms = await page.evaluate(([n, other]) => {
      const P = window.profila, times = [];
      for (let i = 0; i < n; ++i) {
        const t = performance.now();
        P.setAnalysisDate(i % 2 ? '1998-06-30' : other);
        P.exportAnalysis();
        P.exportModel();
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b);
    }, [changes, otherDay]);
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map();
    const total = addSelfTimes(profile, self);
    console.log(`${changes} date changes: median ${ms[Math.floor(ms.length / 2)].toFixed(1)} ms, fastest ${ms[0].toFixed(1)} ms; ` +
                `self time a change, by function (profile total ${(total / 1000 / changes).toFixed(1)} ms a change):`);
    printTop(self, total, changes);
  } finally { await close(); }
} finally { server.stop(); }
