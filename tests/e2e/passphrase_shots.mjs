// Screenshots of the passphrase for a shared tablet (issue 18): node tests/e2e/passphrase_shots.mjs
// [out-dir] (default /tmp/shots-passphrase), tablets 1024x768 (en, it) and 768x1024 (es): the
// Settings section before it is set (the warning) and once on (the idle lock), the prompt after a
// reload (with the tablet's other business), and the prompt after a wrong passphrase.
import { startServer, launch, openApp, frames, click, findItem } from './lib.mjs';

const out = process.argv[2] || '/tmp/shots-passphrase';
const PASS = 'green tea at noon';
const server = await startServer();
try {
  for (const [name, viewport, lang] of [['landscape-en', { width: 1024, height: 768 }, 'en'], ['landscape-it', { width: 1024, height: 768 }, 'it'],
                                        ['portrait-es', { width: 768, height: 1024 }, 'es']]) {
    const { context, close } = await launch({ viewport, deviceScaleFactor: 1, hasTouch: true });
    try {
      const { page } = await openApp(context, server.url + '?lang=' + lang);
      await page.evaluate(() => window.profila.commitCustomer({ schema: 2, id: 'S1', kind: 'private', name: 'Giulia Bianchi', phone: '+39 333 000 1111' }));
      await page.evaluate(() => window.profila.saveNow());
      await click(page, 'nav.settings');
      // The section in view: its button brought to the middle of the height.
      const place = async (key, at) => {
        const item = await findItem(page, key);
        await page.mouse.move(viewport.width * 0.6, viewport.height * 0.5);
        await page.mouse.wheel(0, item.y - viewport.height * at);
        await frames(page, 8);
      };
      await place('lock.turn_on', 0.5);
      await click(page, 'lock.new');
      await page.keyboard.type(PASS);
      await click(page, 'lock.repeat');
      await page.keyboard.type(PASS);
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-setting-off.png` });
      await page.evaluate((p) => window.profila.setPassphrase(p), PASS);
      await frames(page, 5);
      await place('lock.now', 0.6);
      await page.screenshot({ path: `${out}/${name}-setting-on.png` });
      // A second business on the tablet: the prompt offers it.
      await page.evaluate(() => window.profilaStore.putWorkspace({ id: 'wSECOND', name: 'Bottega del centro', created: Date.now() + 1, lastBackup: 0 }));
      await page.reload();
      await page.waitForFunction(() => window.profila && window.profila.ready && window.profila.storeStatus().locked, null, { timeout: 60000 });
      await findItem(page, 'lock.passphrase');
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-prompt.png` });
      await click(page, 'lock.passphrase');
      await page.keyboard.type('green tea at night');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.profila.storeStatus().unlockMessage !== '', null, { timeout: 20000 });
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-prompt-wrong.png` });
    } finally { await close(); }
  }
} finally { server.stop(); }
