// Runs the analysis benchmark (tests/bench/analysis_bench.cpp built for wasm as
// bench_analysis_wasm) in headless Chromium (wall time) and under node (CPU time), prints each
// stage, and, when the native program is given, the wasm/native ratio per stage (CPU to CPU).
//   cmake --build build/web-X --target bench_analysis_wasm
//   node tests/bench/analysis_bench_wasm.mjs build/web-X [build/native-X/bench_analysis_bench]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launch, startServer } from '../e2e/lib.mjs';

const buildDir = path.resolve(process.argv[2] || 'build/web');
const nativeBench = process.argv[3];
if (!fs.existsSync(path.join(buildDir, 'bench_analysis_wasm.wasm'))) {
  console.error(`missing ${buildDir}/bench_analysis_wasm.wasm: cmake --build ${buildDir} --target bench_analysis_wasm`);
  process.exit(2);
}
fs.writeFileSync(path.join(buildDir, 'analysis_bench.html'), `<!doctype html><meta charset="utf-8"><title>analysis bench</title>
<script>window.benchLines = []; window.benchDone = false;
var Module = { print: (t) => window.benchLines.push(t), printErr: (t) => window.benchLines.push('err: ' + t),
  onExit: () => { window.benchDone = true; } };</script>
<script src="bench_analysis_wasm.js"></script>`);

const server = await startServer(buildDir);
const { context, close } = await launch();
let lines = [];
try {
  const page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(server.url + 'analysis_bench.html');
  await page.waitForFunction(() => window.benchDone || window.benchLines.some((l) => l.startsWith('fit100000')), null, { timeout: 900000 });
  lines = await page.evaluate(() => window.benchLines);
} finally {
  await close();
  server.stop();
}
console.log('--- wasm (headless Chromium) ---');
for (const l of lines) console.log(l);

const stageMs = (text, cpu) => {
  const out = {};
  for (const m of text.matchAll(/^stage (\S+)\s+([\d.]+) ms wall\s+([\d.]+) ms cpu/gm)) out[m[1]] = Number(cpu ? m[3] : m[2]);
  const t = /^total \(median of 5\)\s+([\d.]+) ms wall\s+([\d.]+) ms cpu/m.exec(text);
  if (t) out.total = Number(cpu ? t[2] : t[1]);
  const f = /^fit2500 ([\d.]+) ms/m.exec(text);
  if (f) out.fit2500 = Number(f[1]);
  return out;
};
// The same wasm under node (V8 as in Chromium), timed in the process's CPU time: on a shared, loaded
// machine the browser's wall clock counts the neighbours' work too, so the fair ratio is CPU to CPU.
// (Emscripten 3.1.6 would fetch() the .wasm when fetch exists, which node's cannot do from a path.)
const nodeRun = execFileSync(process.execPath, ['-e', 'globalThis.fetch = undefined; require(process.argv[1])', path.join(buildDir, 'bench_analysis_wasm.js')],
                             { encoding: 'utf8', maxBuffer: 1 << 24, cwd: buildDir });
console.log('--- wasm (node, CPU) ---');
console.log(nodeRun.trim());
if (nativeBench) {
  const native = execFileSync(nativeBench, { encoding: 'utf8', maxBuffer: 1 << 24 });
  console.log('--- native ---');
  console.log(native.trim());
  const w = stageMs(lines.join('\n'), false);
  const wc = stageMs(nodeRun, true);
  const n = stageMs(native, true);
  console.log('--- wasm in Chromium (wall), wasm in node (cpu), native (cpu); ratio wasm cpu / native cpu ---');
  for (const k of Object.keys(w))
    if (n[k]) console.log(`${k.padEnd(16)} ${w[k].toFixed(2).padStart(9)} ms  ${(wc[k] ?? NaN).toFixed(2).padStart(9)} ms  ${n[k].toFixed(2).padStart(9)} ms  = ${((wc[k] ?? NaN) / n[k]).toFixed(2)}`);
}
