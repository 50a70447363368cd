// Customers' privacy in the browser (issue 18): after "forget", the person's name, phone and e-mail
// are nowhere in IndexedDB (every store read raw, kept-aside copies included) nor in an export, and
// neither an older backup nor the old CSV brings them back; consent withdrawn takes a customer out
// of this week's actions and of the contact list export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, click, frames, rawIndexedDb } from './lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

const person = { name: 'Zelda Quintavalle', phone: '+39 347 111 2233', email: 'zelda.q@example.it' };
const traces = ['Zelda', 'Quintavalle', '347 111 2233', '3471112233', 'zelda.q@example.it'];

test('forget: the person is gone from every store and export; an older backup and the old CSV do not bring them back', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    const ids = await page.evaluate((p) => {
      const ids = [];
      ids.push(window.profila.commitCustomer({ schema: 2, id: 'P-ZELDA', kind: 'private', name: p.name, phone: p.phone, email: p.email,
        notes: 'likes green', purchases: [{ id: 'P-ZELDA-1', date: '2025-03-04', amount: 42 }] }));
      ids.push(window.profila.commitCustomer({ schema: 2, id: 'P-OTHER', kind: 'private', name: 'Bruno Rossi', phone: '051 22 33 44' }));
      return ids;
    }, person);
    assert.deepEqual(ids, ['P-ZELDA', 'P-OTHER']);
    await page.evaluate(() => window.profila.saveNow());
    const oldBackup = await page.evaluate(() => window.profila.exportStore());
    assert.ok(oldBackup.includes(person.name));
    const oldCsv = 'customer_id;name;phone;email\nP-ZELDA;Zelda Quintavalle;+39 347 111 2233;zelda.q@example.it\nP-OTHER;Bruno Rossi;051 22 33 44;\n';
    // A copy kept aside after a conflict, as the store keeps one (quarantine, with its bytes).
    await page.evaluate(async (p) => {
      const ws = window.profila.storeStatus().workspace.id;
      const bytes = new TextEncoder().encode(JSON.stringify({ schema: 2, id: 'P-ZELDA', name: p.name, phone: p.phone, email: p.email }));
      await window.profilaStore.keepAside(ws, [{ c: 'customers', k: 'P-ZELDA', reason: 'kept after a conflict', rev: 1, schema: 2, sum: '0', bytes }]);
    }, person);
    const before = await rawIndexedDb(page);
    for (const t of ['Zelda', 'zelda.q@example.it']) assert.ok(before.includes(t), 'stored before: ' + t);

    const status = await page.evaluate(() => window.profila.forgetCustomer('P-ZELDA'));
    assert.equal(status.save, 'saved');
    let raw = await rawIndexedDb(page);
    for (const t of traces) assert.ok(!raw.includes(t), 'left in IndexedDB: ' + t);
    assert.ok(raw.includes('Bruno Rossi'));
    const backup = await page.evaluate(() => window.profila.exportStore());
    for (const t of traces) assert.ok(!backup.includes(t), 'left in the backup: ' + t);

    const restored = await page.evaluate((text) => window.profila.restoreBackup(text), oldBackup);
    assert.deepEqual(restored, { ok: true, error: '' });
    assert.equal(await page.evaluate(() => window.profila.storeStatus().customers), 1);
    const imported = await page.evaluate((csv) => window.profila.importFile('old.csv', csv), oldCsv);
    assert.equal(imported.skippedForgotten, 1);
    assert.equal(imported.saved, true);
    raw = await rawIndexedDb(page);
    for (const t of traces) assert.ok(!raw.includes(t), 'brought back: ' + t);
    assert.equal(await page.evaluate(() => window.profila.storeStatus().customers), 1);
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('consent withdrawn: out of this week\'s actions and of the contact list export, with the reason', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    await click(page, 'nav.customers');
    await click(page, 'customers.example');
    await page.evaluate(() => window.profila.saveNow());
    // Everyone agrees to e-mail; then the first of this week's actions withdraws.
    const first = await page.evaluate(() => {
      const cards = JSON.parse(window.profila.exportStore()).customers;
      const refused = [];
      for (const c of cards) {
        c.schema = 2;
        c.email = c.email || c.id.toLowerCase() + '@example.it';
        c.privacy = { email: { state: 'given', date: '2025-01-02', how: 'shop' } };
        const r = window.profila.commitCustomer(c);
        if (r !== c.id) refused.push(r);
      }
      return { ...window.profila.weeklyActions(), refused };
    });
    assert.deepEqual(first.refused, []);
    assert.ok(first.actions.length > 0);
    assert.equal(first.leftOut.length, 0);
    const target = first.actions.find((a) => a.name);
    assert.ok((await page.evaluate(() => window.profila.exportContacts('email'))).csv.includes(target.name));
    const after = await page.evaluate((id) => {
      const card = JSON.parse(window.profila.exportStore()).customers.find((c) => c.id === id);
      card.schema = 2;
      card.privacy = { email: { state: 'withdrawn', date: '2026-01-05', how: 'email' } };
      window.profila.commitCustomer(card);
      return { week: window.profila.weeklyActions(), contacts: window.profila.exportContacts('email') };
    }, target.id);
    assert.ok(!after.week.actions.some((a) => a.id === target.id));
    const left = after.week.leftOut.find((l) => l.id === target.id);
    assert.equal(left.reason, 'privacy.withdrawn_channel');
    assert.match(left.why, /Said no to E-mail/);
    assert.ok(!after.contacts.csv.includes(target.name));
    assert.ok(after.contacts.leftOut.some((l) => l.startsWith(target.name + ': Said no')));
    await frames(page, 2);
    assert.deepEqual(errors, []);
  } finally { await close(); }
});
