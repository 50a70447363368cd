// A passphrase for a shared tablet (issue 18) in the browser: turned on in Settings > Privacy, no
// customer's name is left in the raw IndexedDB bytes (every store of every database read raw); a
// reload shows the prompt; a wrong passphrase is refused with nothing changed; the right one opens
// the data; turned off, the data is stored readable again. Then 3 kill trials while it is turned on
// (the long run of 50 is tests/e2e/passphrase_kill_longrun.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, click, frames, findItem, rawIndexedDb } from './lib.mjs';
import { runPassphraseKillTrials } from './passphrase_kill.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

const traces = ['Zelda', 'Quintavalle', '347 111 2233', 'zelda.q@example.it', 'likes green', 'Bruno Rossi'];
const PASS = 'green tea at noon';

// Types into a field as a person would: a click on it, then the keys.
async function typeInto(page, key, text) {
  await click(page, key);
  await page.keyboard.type(text);
  await frames(page, 3);
}

test('passphrase: encrypted at rest, asked after a reload, a wrong one changes nothing, off restores plaintext', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    await page.evaluate(() => {
      window.profila.commitCustomer({ schema: 2, id: 'P-ZELDA', kind: 'private', name: 'Zelda Quintavalle', phone: '+39 347 111 2233',
        email: 'zelda.q@example.it', notes: 'likes green', purchases: [{ id: 'P-ZELDA-1', date: '2025-03-04', amount: 42 }] });
      window.profila.commitCustomer({ schema: 2, id: 'P-OTHER', kind: 'private', name: 'Bruno Rossi', phone: '051 22 33 44' });
    });
    await page.evaluate(() => window.profila.saveNow());
    // A copy kept aside after a conflict (quarantine holds record bytes too).
    await page.evaluate(async () => {
      const ws = window.profila.storeStatus().workspace.id;
      const bytes = new TextEncoder().encode(JSON.stringify({ schema: 2, id: 'P-ZELDA', name: 'Zelda Quintavalle', notes: 'likes green' }));
      await window.profilaStore.keepAside(ws, [{ c: 'customers', k: 'P-ZELDA', reason: 'kept after a conflict', rev: 1, schema: 2, sum: '0', bytes }]);
    });
    assert.ok((await rawIndexedDb(page)).includes('Zelda'));

    // Turned on as Settings > Privacy's button does (its fields and button: tests/app/passphrase_test.cpp).
    const on = await page.evaluate((p) => window.profila.setPassphrase(p), PASS);
    assert.equal(on.passphraseMessage, 'lock.on_done');
    assert.equal(on.encrypted, true);
    // An edit after it is on (a small save, its own record) is stored encrypted too.
    await page.evaluate(() => {
      window.profila.commitCustomer({ schema: 2, id: 'P-OTHER', kind: 'private', name: 'Bruno Rossi', phone: '051 22 33 44', notes: 'likes green too' });
    });
    await page.evaluate(() => window.profila.saveNow());
    let raw = await rawIndexedDb(page);
    for (const t of traces) assert.ok(!raw.includes(t), 'readable in IndexedDB: ' + t);
    // A backup of it is sealed (what Export downloads): salt, iterations and ciphertext; only the passphrase opens it.
    const sealed = await page.evaluate(async (p) => {
      const ws = window.profila.storeStatus().workspace.id;
      const text = await window.profilaStore.sealText(ws, window.profila.exportStore());
      return { text, wrong: await window.profilaStore.openText('green tea at night', text), right: await window.profilaStore.openText(p, text) };
    }, PASS);
    assert.ok(sealed.text.startsWith('{"profilaEncryptedBackup":1') && sealed.text.includes('"iterations":310000'));
    for (const t of traces) assert.ok(!sealed.text.includes(t), 'readable in the sealed backup: ' + t);
    assert.equal(sealed.wrong.wrong, true);
    assert.ok(sealed.right.ok && sealed.right.text.includes('Zelda Quintavalle'));

    // Reload: the prompt, nothing loaded.
    await page.reload();
    await page.waitForFunction(() => window.profila && window.profila.ready && window.profila.storeStatus().locked, null, { timeout: 60000 });
    await findItem(page, 'lock.passphrase');
    assert.equal((await page.evaluate(() => window.profila.storeStatus())).customers, 0);
    assert.equal(await findItem(page, 'nav.customers', { timeout: 300, scroll: false }).catch(() => null), null);

    // A wrong passphrase (typed, Enter): refused, said so, nothing stored changed.
    const before = await rawIndexedDb(page);
    await typeInto(page, 'lock.passphrase', 'green tea at night');
    await page.keyboard.press('Enter');
    let s = await page.waitForFunction(() => { const s = window.profila.storeStatus(); return !s.unlocking && s.unlockMessage && s; }, null, { timeout: 20000 }).then((h) => h.jsonValue());
    assert.equal(s.unlockMessage, 'lock.wrong');
    assert.equal(s.locked, true);
    await findItem(page, /passphrase is not right/);
    assert.equal(await rawIndexedDb(page), before);

    // The right one (typed, the Open button): the data opens.
    await typeInto(page, 'lock.passphrase', PASS);
    await click(page, 'lock.open');
    s = await page.waitForFunction(() => { const s = window.profila.storeStatus(); return s.loaded && s; }, null, { timeout: 20000 }).then((h) => h.jsonValue());
    assert.equal(s.customers, 2);
    assert.equal(s.locked, false);
    const backup = await page.evaluate(() => window.profila.exportStore());
    assert.ok(backup.includes('Zelda Quintavalle') && backup.includes('likes green too'));

    // Off: the whole store readable again, and a reload opens without the prompt.
    s = await page.evaluate(() => window.profila.setPassphrase(null));
    assert.equal(s.passphraseMessage, 'lock.off_done');
    assert.equal(s.encrypted, false);
    raw = await rawIndexedDb(page);
    for (const t of ['Zelda Quintavalle', 'likes green too', 'Bruno Rossi']) assert.ok(raw.includes(t), 'stored readable again: ' + t);
    assert.ok(!raw.includes('"iv"') && !/\biv:/.test(raw), 'no value left encrypted');
    await page.reload();
    await page.waitForFunction(() => window.profila && window.profila.ready && window.profila.storeStatus().loaded, null, { timeout: 60000 });
    assert.equal((await page.evaluate(() => window.profila.storeStatus())).customers, 2);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('passphrase: 3 kill trials while it is turned on or off: nothing lost, the store all encrypted or all not', async () => {
  const stats = await runPassphraseKillTrials(server.url, 3, { seed: 7, customers: 200 });
  assert.equal(stats.trials, 3);
});
