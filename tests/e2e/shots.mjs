// Screenshots for looking at what was built: node tests/e2e/shots.mjs <out-dir> (desktop 1280x800,
// tablets 1024x768 and 768x1024): the customers list with the example shop and its toast, the
// save state at the foot of the rail, Settings.
import { startServer, launch, openApp, frames, click } from './lib.mjs';

const out = process.argv[2] || '/tmp/shots';
const server = await startServer();
try {
  for (const [name, viewport, lang] of [['desktop', { width: 1280, height: 800 }, 'en'], ['tablet-landscape', { width: 1024, height: 768 }, 'it'],
                                        ['tablet-portrait', { width: 768, height: 1024 }, 'es']]) {
    const { context, close } = await launch({ viewport, deviceScaleFactor: name === 'desktop' ? 1 : 2, hasTouch: name !== 'desktop' });
    try {
      const { page } = await openApp(context, server.url + '?lang=' + lang);
      await page.waitForFunction(() => window.profila.storeStatus().loaded);
      await click(page, 'nav.customers');
      await click(page, 'customers.example');
      await frames(page, 10);
      await page.screenshot({ path: `${out}/${name}-example-loaded.png` });
      await click(page, 'customers.new');
      await click(page, 'card.name');
      await page.keyboard.type('Ada');
      await frames(page, 2);
      await page.screenshot({ path: `${out}/${name}-pending.png` });
      await page.evaluate(() => window.profila.saveNow());
      await click(page, 'nav.settings');
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-settings.png` });
    } finally { await close(); }
  }
} finally { server.stop(); }
