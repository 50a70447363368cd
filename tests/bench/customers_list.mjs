// Frame CPU time of the customer list with 10,000 customers (goal: under 4 ms per frame).
// Loads 10,000 customers with 100,000 purchases through window.profila.importFile, opens the
// list and reads window.profila.frameCpuMs() (ImGui NewFrame to Render, measured in C++ with
// emscripten_get_now) over many frames: idle, scrolling with the mouse wheel, and typing a search.
// Prints the median and 90th percentile of each. Chromium renders through SwiftShader here, which
// does not enter this number (it is the UI's own CPU work).
//   PROFILA_SITE=build/web/site node tests/bench/customers_list.mjs
import { startServer, launch, openApp, click, frames } from '../e2e/lib.mjs';

function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const at = (q) => v[Math.min(v.length - 1, Math.floor(q * v.length))];
  return { frames: v.length, median: +at(0.5).toFixed(3), p90: +at(0.9).toFixed(3), max: +v[v.length - 1].toFixed(3) };
}

async function sample(page, n, during) {
  const out = [];
  let last = await page.evaluate(() => window.profila.frame);
  while (out.length < n) {
    if (during) await during(out.length);
    await page.waitForFunction((f) => window.profila.frame > f, last);
    const s = await page.evaluate(() => ({ f: window.profila.frame, ms: window.profila.frameCpuMs() }));
    last = s.f;
    out.push(s.ms);
  }
  return out;
}

const server = await startServer();
const { context, close } = await launch({ viewport: { width: 1024, height: 768 } });
try {
  const { page } = await openApp(context, server.url + '?lang=it');
  await page.waitForFunction(() => !window.profila.storeStatus || window.profila.storeStatus().loaded, null, { timeout: 30000 });
  const lines = ['Codice cliente;Nome;Azienda;Telefono;Email;Comune;Data acquisto;Importo;Categoria'];
  for (let c = 1; c <= 10000; ++c) {
    for (let p = 0; p < 10; ++p)
      lines.push(`B${c};Cliente ${c};${c % 3 ? '' : 'Ditta ' + c};0342 ${100000 + c};c${c}@example.it;Comune ${c % 50};${1 + (p * 3 + c) % 28}/${1 + (c + p) % 12}/2024;${(c % 97) + p},50;Cat ${p}`);
  }
  const t0 = Date.now();
  const result = await page.evaluate((text) => window.profila.importFile('bench.csv', text), lines.join('\n'));
  console.log(`import: ${result.customers} customers, ${result.purchases} purchases, ${Date.now() - t0} ms`);
  await click(page, 'nav.customers');
  await frames(page, 10);
  const idle = stats(await sample(page, 300));
  await page.mouse.move(600, 500);
  const scrolling = stats(await sample(page, 300, async (i) => { if (i % 2 === 0) await page.mouse.wheel(0, i % 120 < 60 ? 120 : -120); }));
  await click(page, 'customers.search');
  const word = 'cliente 12';
  const typing = stats(await sample(page, 120, async (i) => {
    if (i % 6 === 0) {
      const k = (i / 6) % (word.length * 2);
      if (k < word.length) await page.keyboard.type(word[k]); else await page.keyboard.press('Backspace');
    }
  }));
  console.log(JSON.stringify({ customers: 10000, idle, scrolling, typing }, null, 1));
} finally {
  await close();
  server.stop();
}
