// Screenshots of the Analysis Model tab for looking at what was built: node tests/e2e/shots_model.mjs
// <out-dir> (tablets 1024x768 and 768x1024): the example shop analysed six months before its last
// purchase (standard errors, the spend model's caveat, the forecast against what happened), and its
// This week tab (the actions with their reasons).
import { startServer, launch, openApp, frames, click, findItem } from './lib.mjs';

const out = process.argv[2] || '/tmp/shots-models';
const server = await startServer();
try {
  for (const [name, viewport, lang] of [['tablet-landscape', { width: 1024, height: 768 }, 'en'], ['tablet-portrait', { width: 768, height: 1024 }, 'it']]) {
    const { context, close } = await launch({ viewport, deviceScaleFactor: 2, hasTouch: true });
    try {
      const { page } = await openApp(context, server.url + '?lang=' + lang);
      await page.waitForFunction(() => window.profila.storeStatus().loaded);
      await click(page, 'nav.customers');
      await click(page, 'customers.example');
      await frames(page, 5);
      await click(page, 'nav.analysis');
      const past = new Date(Date.now() - 182 * 86400000).toISOString().slice(0, 10);
      await page.evaluate((d) => window.profila.setAnalysisDate(d), past);
      await page.waitForFunction(() => !window.profila.analysisStatus().running, null, { timeout: 60000 });
      await click(page, 'analysis.tab_model');
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-model-top.png` });
      await findItem(page, 'analysis.holdout_chart');
      await page.mouse.wheel(0, 600);  // the whole chart and its caption in view
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-model-holdout.png` });
      await click(page, 'analysis.tab_week');  // each action's reason, made again from the row's figures
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-this-week.png` });
    } finally { await close(); }
  }
} finally { server.stop(); }
