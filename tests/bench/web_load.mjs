// Benchmark: what a browser downloads (raw and gzip sizes of each served file) and the time from
// navigation to Profila's first frame in headless Chromium, median of N cold loads (fresh profile
// each time, so nothing comes from a cache or service worker).
// Usage: node tests/bench/web_load.mjs [runs=5]     (after bash web/scripts/build.sh web)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, launch, siteDir } from '../e2e/lib.mjs';

const runs = Number(process.argv[2] || 5);
const groups = { html: [], js: [], wasm: [], data: [], css: [], other: [] };
let rawTotal = 0, gzTotal = 0;
console.log('file'.padEnd(34), 'raw'.padStart(10), 'gzip'.padStart(10));
for (const name of fs.readdirSync(siteDir).sort()) {
  const file = path.join(siteDir, name);
  if (!fs.statSync(file).isFile()) continue;
  const raw = fs.statSync(file).size;
  const gz = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  rawTotal += raw; gzTotal += gz;
  console.log(name.padEnd(34), String(raw).padStart(10), String(gz).padStart(10));
}
const pkg = path.join(siteDir, '..', 'pkg', 'fonts');
if (fs.existsSync(pkg)) {
  for (const name of fs.readdirSync(pkg)) {
    const f = path.join(pkg, name);
    console.log(('  (in profila.data) fonts/' + name).padEnd(34), String(fs.statSync(f).size).padStart(10),
                String(zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length).padStart(10));
  }
}
console.log('TOTAL'.padEnd(34), String(rawTotal).padStart(10), String(gzTotal).padStart(10));

const server = await startServer();
const times = [];
for (let i = 0; i < runs; ++i) {
  const { context, close } = await launch();
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(server.url + '?lang=en');
  await page.waitForFunction(() => window.profila && window.profila.ready, null, { timeout: 60000 });
  times.push(await page.evaluate(() => window.profila.firstFrameMs));
  await close();
}
server.stop();
times.sort((a, b) => a - b);
console.log('first frame ms (cold loads):', times.map((t) => t.toFixed(0)).join(' '), ' median', times[Math.floor(times.length / 2)].toFixed(0));
