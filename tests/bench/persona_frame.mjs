// Benchmark: CPU time to build the persona screen's frame with 5,000 stored points, in headless
// Chromium (1024x768, devicePixelRatio 2). The app times DrawPersonaScreen (all ImGui work of the
// screen: toolbar, canvas with every stroke transformed and tessellated, details panel) and the
// canvas alone with steady_clock (emscripten_get_now); this script reads both every frame through
// exported hooks and reports the median and 95th percentile over many frames, for several runs.
//   PROFILA_SITE=build/web-persona/site node tests/bench/persona_frame.mjs [points] [frames] [runs]
import { startServer, launch, openApp, click, frames, findItem } from '../e2e/lib.mjs';

const points = Number(process.argv[2] || 5000);
const count = Number(process.argv[3] || 300);
const runs = Number(process.argv[4] || 3);

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };

const server = await startServer();
const results = [];
try {
  for (let run = 0; run < runs; run++) {
    const { context, close } = await launch({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2 });
    try {
      const { page } = await openApp(context, server.url + '?lang=en');
      await click(page, 'nav.persona');
      await page.waitForFunction(() => window.profila.personaStatus().loaded, null, { timeout: 30000 });
      await click(page, 'persona.new');
      await findItem(page, 'persona.canvas');
      const stored = await page.evaluate((n) => window.Module._profila_persona_bench_fill(n), points);
      await frames(page, 10);
      // One sample per drawn frame, taken by a frame listener in the page.
      const samples = await page.evaluate((n) => new Promise((resolve) => {
        const screen = [], canvas = [];
        window.profilaShell.onFrame(() => {
          if (screen.length >= n) return;
          screen.push(window.Module._profila_persona_screen_ms());
          canvas.push(window.Module._profila_persona_canvas_ms());
          if (screen.length === n) resolve({ screen, canvas });
        });
      }), count);
      const r = { stored, screenMedian: median(samples.screen), screenP95: pct(samples.screen, 0.95),
        canvasMedian: median(samples.canvas), canvasP95: pct(samples.canvas, 0.95) };
      results.push(r);
      console.log(`run ${run + 1}: ${stored} points, screen median ${r.screenMedian.toFixed(3)} ms (p95 ${r.screenP95.toFixed(3)}), canvas median ${r.canvasMedian.toFixed(3)} ms (p95 ${r.canvasP95.toFixed(3)})`);
    } finally { await close(); }
  }
} finally { server.stop(); }
const m = median(results.map((r) => r.screenMedian));
console.log(`persona frame with ${points} points: median of run medians ${m.toFixed(3)} ms CPU per frame (goal < 4 ms): ${m < 4 ? 'PASS' : 'FAIL'}`);
