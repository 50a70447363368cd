// The analysis against lifetimes + pandas on the same purchase log, in the same run (issue 15, item 7).
//   PROFILA_SITE=$PWD/build/web/site PROFILA_LIFETIMES=tests/bench/lifetimes_bench.py \
//     node tests/bench/versus_lifetimes.mjs FILE.csv [analysis-date=1998-06-30] [runs=3]
// (PROFILA_LIFETIMES: a command; tests/bench/lifetimes_bench.py, or a wrapper that runs it with the
// Python that has lifetimes 0.11.3 and pandas)
// Each run, alternately:
//  - Profila in headless Chromium, on a fresh page: the file imported through window.profila.importFile
//    (outside the timing), then the analysis: the date set and both exports (the analysis CSV and the
//    model report), the first time and as the median of 5 date changes (date-1 day and back) - what
//    every date change on the Analysis screen costs: facts, RFM, types, value, concentration, both
//    models fitted on every customer with their standard errors, CLV, holdout, both exports;
//  - the command in PROFILA_LIFETIMES, if set, given FILE, the date and --json: it must print one JSON
//    line (lifetimes_bench.py's) {"seconds": {"read_csv", "summary", "bgf_fit", "gg_fit", "predict", "total_wo_read", ...},
//    "bgf_params": {r, alpha, a, b}, "gg_params": {p, q, v}, "bgf_note", "gg_note"} (a fit lifetimes
//    refuses with its defaults is timed, then redone with a small penalizer, and both are said). Its total without
//    the file read (the summary, both fits, the predictions for every customer) is set against
//    Profila's analysis, whose import is outside it too.
// lifetimes is not a dependency of Profila and is not installed by the README's commands: PyPI is out
// of reach here, so the closing note says how the reference was set up for a measurement.
// Prints each run, the medians, the ratio, and both fits' parameters side by side.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { startServer, launch, openApp, siteDir } from '../e2e/lib.mjs';

const file = process.argv[2];
const date = process.argv[3] || '1998-06-30';
const runs = Number(process.argv[4] || 3);
if (!file || !fs.existsSync(file)) {
  console.error('usage: node tests/bench/versus_lifetimes.mjs FILE.csv [analysis-date] [runs]');
  process.exit(2);
}
const reference = process.env.PROFILA_LIFETIMES || '';
const bytes = fs.readFileSync(file);
const dayBefore = new Date(Date.parse(date + 'T00:00:00Z') - 86400000).toISOString().slice(0, 10);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function profila() {
  const server = await startServer(siteDir);
  const { context, close } = await launch();
  try {
    // The page fetches the file from a route of the test's own (as a picked file's bytes, in the page).
    await context.route('**/bench-purchases.csv', (route) => route.fulfill({ status: 200, body: bytes, contentType: 'text/csv' }));
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
    const name = file.split('/').pop();
    const summary = await page.evaluate(async (name) => {
      const data = new Uint8Array(await (await fetch('/bench-purchases.csv')).arrayBuffer());
      const s = await window.profila.importFile(name, data);
      return { customers: s.customers, purchases: s.purchases, errorCount: s.errorCount, saved: s.saved };
    }, name);
    if (summary.errorCount || !summary.saved) throw new Error('import: ' + JSON.stringify(summary) + ' ' + errors.join('; '));
    return { summary, ...await page.evaluate(([date, dayBefore]) => {
      const P = window.profila;
      const analyse = (d) => {
        const t = performance.now();
        P.setAnalysisDate(d);
        P.exportAnalysis();
        const model = P.exportModel();
        return { ms: performance.now() - t, model };
      };
      const first = analyse(date);
      const times = [];
      for (const d of [dayBefore, date, dayBefore, date, dayBefore]) times.push(analyse(d).ms);
      times.sort((a, b) => a - b);
      const last = analyse(date);  // the model at the asked date, for the parameters
      return { firstMs: first.ms, againMs: times[2], model: JSON.parse(last.model) };
    }, [date, dayBefore]) };
  } finally {
    await close();
    server.stop();
  }
}

function lifetimes() {
  const out = execFileSync(reference, [file, date, '--json'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop());
}

const ours = [], theirs = [];
for (let run = 0; run < runs; ++run) {
  const p = await profila();
  ours.push(p);
  let line = `run ${run + 1}: Profila ${p.summary.customers} customers, ${p.summary.purchases} purchases: ` +
             `analysis ${p.firstMs.toFixed(0)} ms the first time, ${p.againMs.toFixed(0)} ms a date change (median of 5)`;
  if (reference) {
    const l = lifetimes();
    theirs.push(l);
    const s = l.seconds;
    line += `; lifetimes ${l.lifetimes} + pandas ${l.pandas}: read_csv ${s.read_csv.toFixed(3)} s, summary ${s.summary.toFixed(3)} s, ` +
            `BG/NBD fit ${s.bgf_fit.toFixed(3)} s${s.bgf_fit_default_failed ? ` (after a failed default fit of ${s.bgf_fit_default_failed.toFixed(3)} s)` : ''}, ` +
            `Gamma-Gamma fit ${s.gg_fit.toFixed(3)} s${s.gg_fit_default_failed ? ` (after a failed default fit of ${s.gg_fit_default_failed.toFixed(3)} s)` : ''}, predictions ${s.predict.toFixed(3)} s; without the read ${s.total_wo_read.toFixed(3)} s`;
  }
  console.log(line);
}

const first = median(ours.map((o) => o.firstMs)), again = median(ours.map((o) => o.againMs));
console.log(`\nmedian of ${runs}: Profila analysis ${first.toFixed(0)} ms the first time, ${again.toFixed(0)} ms a date change`);
if (theirs.length) {
  const m = (k) => median(theirs.map((t) => t.seconds[k] ?? 0));
  const total = m('total_wo_read');
  console.log(`lifetimes + pandas without read_csv ${total.toFixed(3)} s (read_csv ${m('read_csv').toFixed(3)} s more)` +
              (m('bgf_fit_default_failed') ? `, plus a failed default BG/NBD fit of ${m('bgf_fit_default_failed').toFixed(3)} s` : '') +
              (m('gg_fit_default_failed') ? `, plus a failed default Gamma-Gamma fit of ${m('gg_fit_default_failed').toFixed(3)} s` : ''));
  console.log(`ratio lifetimes / Profila: ${(1000 * total / again).toFixed(1)}x against a date change, ` +
              `${(1000 * total / first).toFixed(1)}x against the first analysis`);
  console.log(`lifetimes' BG/NBD: ${theirs[0].bgf_note}; Gamma-Gamma: ${theirs[0].gg_note || 'converged'}`);
}
const bg = ours[0].model.bgnbd, gg = ours[0].model.gamma_gamma;
const fmt = (x) => (typeof x === 'number' ? x.toPrecision(6) : String(x));
console.log(`\nProfila BG/NBD (${bg.status}, ${bg.fit_customers} customers, LL ${fmt(bg.log_likelihood)}): ` +
            `r ${fmt(bg.r)}, alpha ${fmt(bg.alpha)}, a ${fmt(bg.a)}, b ${fmt(bg.b)}` +
            (bg.caveats && bg.caveats.length ? `; caveats: ${bg.caveats.map((c) => c.code).join(', ')}` : ''));
console.log(`Profila Gamma-Gamma (${gg.status}, ${gg.fit_customers} repeat buyers): p ${fmt(gg.p)}, q ${fmt(gg.q)}, gamma ${fmt(gg.gamma)}` +
            (gg.caveats && gg.caveats.length ? `; caveats: ${gg.caveats.map((c) => c.code).join(', ')}` : ''));
if (theirs.length) {
  const b = theirs[0].bgf_params, g = theirs[0].gg_params;
  console.log(`lifetimes BG/NBD: r ${fmt(b.r)}, alpha ${fmt(b.alpha)}, a ${fmt(b.a)}, b ${fmt(b.b)}`);
  console.log(`lifetimes Gamma-Gamma: p ${fmt(g.p)}, q ${fmt(g.q)}, v ${fmt(g.v)}`);
}
process.exit(0);
