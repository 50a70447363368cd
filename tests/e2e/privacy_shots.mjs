// Screenshots of the privacy screens (issue 18): node tests/e2e/privacy_shots.mjs [out-dir]
// (default /tmp/shots-privacy), tablets 1024x768 (it) and 768x1024 (es), plus 1024x768 in English:
// the card's consent section, the "forget" confirmation, Settings' retention preview.
import { startServer, launch, openApp, frames, click } from './lib.mjs';

const out = process.argv[2] || '/tmp/shots-privacy';
const server = await startServer();
try {
  for (const [name, viewport, lang] of [['landscape-en', { width: 1024, height: 768 }, 'en'], ['landscape-it', { width: 1024, height: 768 }, 'it'],
                                        ['portrait-es', { width: 768, height: 1024 }, 'es']]) {
    const { context, close } = await launch({ viewport, deviceScaleFactor: 1, hasTouch: true });
    try {
      const { page } = await openApp(context, server.url + '?lang=' + lang);
      await page.evaluate(() => window.profila.commitCustomer({ schema: 2, id: 'S1', kind: 'private', name: 'Giulia Bianchi', phone: '+39 333 000 1111',
        email: 'giulia@example.it', address: 'Via Po 3', city: 'Torino',
        privacy: { email: { state: 'given', date: '2019-04-02', how: 'shop' }, messaging: { state: 'withdrawn', date: '2019-05-10', how: 'email' } },
        purchases: [{ id: 'S1-1', date: '2019-03-04', amount: 30 }] }));
      await page.evaluate(() => window.profila.saveNow());
      await click(page, 'nav.customers');
      await click(page, /Giulia Bianchi/);
      await click(page, 'section.privacy');
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-consent.png` });
      await page.mouse.move(viewport.width * 0.6, viewport.height * 0.6);
      await page.mouse.wheel(0, 600);
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-consent-more.png` });
      await click(page, 'card.forget');
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-forget-confirm.png` });
      await click(page, 'forget.cancel');
      await click(page, 'nav.settings');
      await click(page, 'retention.5');
      await frames(page, 5);
      await page.mouse.move(viewport.width * 0.6, viewport.height * 0.5);
      await page.mouse.wheel(0, 4000);
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-retention.png` });
    } finally { await close(); }
  }
} finally { server.stop(); }
