// Customers: a card created through the UI with real clicks and typing is there after a reload;
// a date that is not real is refused with a red message naming the field and changes nothing;
// search as you type and the filters narrow the list; delete asks first and can be undone; a
// purchase is added, edited and deleted in the card's table; the card shows how complete it is
// and what to ask next; the example shop loads from the empty list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, waitReady, click, findItem, frames, items, typeField } from './lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

// Scrolls with the mouse wheel (as a person would) until the widget is fully in view and not
// under the undo toast (a click there would press the toast's Undo instead).
async function scrollTo(page, key) {
  const view = page.viewportSize();
  let direction = 1;
  for (let i = 0; i < 40; ++i) {
    const all = await items(page);
    const hit = all.find((it) => it.key === key);
    // The toast sits at the bottom: its Undo button, or its message (a status near the bottom edge).
    const toast = all.filter((it) => it.key === 'toast.undo' || (it.role === 'status' && it.y + it.h > view.height - 110));
    const bottom = toast.length ? Math.min(...toast.map((it) => it.y)) - 24 : view.height - 8;
    if (hit && hit.h >= 24 && hit.y + hit.h <= bottom) return hit;
    if (i === 20) direction = -1;  // not below: look above
    await page.mouse.move(view.width * 0.62, view.height * 0.55);
    await page.mouse.wheel(0, 240 * direction);
    await frames(page, 3);
  }
  throw new Error('could not scroll to ' + key);
}

// Clicks a text field, waits for the on-screen-keyboard agent, types, and leaves with Enter.
async function typeInto(page, key, text, { clear = false } = {}) {
  await scrollTo(page, key);
  await typeField(page, key, text, { replace: clear, enter: true });
}

const customers = (page) => page.evaluate(() => JSON.parse(window.profila.exportStore()).customers);
const saved = (page) => page.evaluate(() => window.profila.saveNow());
const statuses = async (page) => (await items(page)).filter((i) => i.role === 'status').map((i) => i.label);

async function openCustomers(context, url) {
  const { page, errors } = await openApp(context, url);
  await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
  await click(page, 'nav.customers');
  return { page, errors };
}

test('a customer created with clicks and typing is there after a reload; a wrong date is refused by name', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openCustomers(context, server.url + '?lang=en');
    await findItem(page, 'No customers yet');
    await click(page, 'customers.new');
    await findItem(page, 'card.name');
    await typeInto(page, 'card.name', 'Giulia Bianchi');
    await typeInto(page, 'card.phone', '0331 123456');
    await typeInto(page, 'card.email', 'giulia@example.it');
    // An impossible date: a red message names the field, the stored date is not touched.
    const before = (await customers(page))[0].acquired;
    await typeInto(page, 'card.acquired', '31/02/2024', { clear: true });
    const bad = (await statuses(page)).find((s) => s.startsWith('Customer since'));
    assert.ok(bad, 'a message names the field: ' + (await statuses(page)).join(' | '));
    assert.match(bad, /31\/02\/2024/);
    assert.equal((await customers(page))[0].acquired, before, 'the stored date is unchanged');
    await typeInto(page, 'card.acquired', '15/03/2024', { clear: true });
    assert.ok(!(await statuses(page)).some((s) => s.startsWith('Customer since')), 'the message goes away');
    // The place section: the city and a postcode with a leading zero.
    await click(page, 'section.place');
    await typeInto(page, 'card.city', 'Varese');
    await typeInto(page, 'card.postcode', '00184');
    // The sections a card keeps on demand (made when first written): the profile and the mind.
    await click(page, 'section.profile');
    await typeInto(page, 'card.occupation', 'architetta');
    await click(page, 'section.mind');
    await typeInto(page, 'card.interests', 'ceramica');
    // Completeness is shown with questions for what is still unknown.
    await findItem(page, /^Card \d+% complete$/);
    await click(page, 'card.back');
    const row = await findItem(page, 'Giulia Bianchi');
    assert.ok(row.h >= 44, `rows are tall enough to tap (${row.h})`);
    const status = await saved(page);
    assert.equal(status.save, 'saved');

    await page.reload();
    await waitReady(page);
    await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
    await click(page, 'nav.customers');
    await click(page, 'Giulia Bianchi');
    const stored = (await customers(page)).find((c) => c.name === 'Giulia Bianchi');
    assert.ok(stored, 'the customer is stored');
    assert.equal(stored.phone, '0331 123456');
    assert.equal(stored.email, 'giulia@example.it');
    assert.equal(stored.acquired, '2024-03-15');
    assert.equal(stored.place ? stored.place.postcode : stored.postcode, '00184');
    assert.equal(stored.people && stored.people.occupation, 'architetta', 'the profile section is stored');
    assert.equal(stored.mind && stored.mind.interests, 'ceramica', 'the mind section is stored');
    assert.equal(stored.business, undefined, 'a section never written is not written');
    await findItem(page, 'card.name');
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('the example shop loads from the empty list; search as you type and filters narrow it', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openCustomers(context, server.url + '?lang=en');
    await click(page, 'customers.example');
    const count = await findItem(page, /^\d+ customers$/);
    const total = Number(count.label.split(' ')[0]);
    assert.ok(total >= 60, `example shop has customers (${total})`);
    assert.equal((await customers(page)).length, total);
    // The least known among the most valuable are offered.
    assert.ok((await items(page)).some((i) => i.key.startsWith('known.')), 'least known valuable customers are listed');
    // Search for one customer's surname, typed letter by letter.
    const all = await customers(page);
    const target = all.find((c) => c.name && c.name.includes(' ') && c.city);
    const surname = target.name.split(' ').pop();
    await click(page, 'customers.search');
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'text-agent');
    await page.keyboard.type(surname.toLowerCase(), { delay: 30 });
    await frames(page, 3);
    const filtered = await findItem(page, /^\d+ of \d+ customers$/);
    const shown = Number(filtered.label.split(' ')[0]);
    const expected = all.filter((c) => [c.name, c.company, c.email, c.phone, c.city].concat(c.tags || [])
      .some((v) => v && v.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').includes(surname.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')))).length;
    assert.equal(shown, expected, `search for ${surname}`);
    assert.ok(shown >= 1 && shown < total);
    await findItem(page, `row.${target.id}`);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await frames(page, 3);
    // Filter by type: businesses only.
    await scrollTo(page, 'filter.type');
    await click(page, 'filter.type');
    await click(page, 'filter.type.business');
    const businesses = all.filter((c) => c.kind === 'business').length;
    const byType = await findItem(page, /^\d+ of \d+ customers$/);
    assert.equal(Number(byType.label.split(' ')[0]), businesses);
    // Filter by status: the five statuses split the customers with none left over.
    await click(page, 'filter.type');
    await click(page, 'filter.type.all');
    let sum = 0;
    const counts = {};
    for (const status of ['current', 'active', 'inactive', 'potential', 'probable']) {
      await click(page, 'filter.status');
      await click(page, `filter.status.${status}`);
      const shownStatus = await findItem(page, /^\d+ of \d+ customers$|^No customer matches/);
      counts[status] = shownStatus.label.startsWith('No') ? 0 : Number(shownStatus.label.split(' ')[0]);
      sum += counts[status];
    }
    assert.equal(sum, total, JSON.stringify(counts));
    assert.ok(counts.potential > 0 && counts.active > 0 && counts.inactive > 0, JSON.stringify(counts));
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('delete asks for confirmation and can be undone; duplicate copies the profile', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openCustomers(context, server.url + '?lang=en');
    await page.evaluate(() => window.profila.importFile('two.csv', 'Nome;Telefono;Comune\nAnna Verdi;0332 111222;Como\nLuca Neri;0332 333444;Lecco\n'));
    await frames(page, 3);
    await click(page, 'Anna Verdi');
    await click(page, 'card.delete');
    await findItem(page, 'confirm.delete');
    await click(page, 'confirm.cancel');
    assert.equal((await customers(page)).length, 2, 'cancel keeps the customer');
    await click(page, 'card.delete');
    await click(page, 'confirm.delete');
    await findItem(page, 'Anna Verdi deleted.');
    assert.deepEqual((await customers(page)).map((c) => c.name), ['Luca Neri']);
    assert.ok(!(await items(page)).some((i) => i.label === 'Anna Verdi'), 'the row is gone');
    await click(page, 'toast.undo');
    await findItem(page, 'Anna Verdi');
    const back = (await customers(page)).find((c) => c.name === 'Anna Verdi');
    assert.equal(back.phone, '0332 111222');
    // Duplicate: a new card with the same profile.
    await click(page, 'Luca Neri');
    await click(page, 'card.duplicate');
    await findItem(page, 'Luca Neri (copy)');
    const list = await customers(page);
    assert.equal(list.length, 3);
    assert.equal(list.find((c) => c.name === 'Luca Neri (copy)').city, 'Lecco');
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('purchases: add, edit and delete in the card; a bad amount names the field', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openCustomers(context, server.url + '?lang=it');
    await page.evaluate(() => window.profila.importFile('one.csv', 'Nome;Comune\nMarta Gialli;Varese\n'));
    await frames(page, 3);
    await click(page, 'Marta Gialli');
    await click(page, 'section.purchases');
    await click(page, 'purchase.add');
    await typeInto(page, 'purchase.amount', '12,50', { clear: true });
    await typeInto(page, 'purchase.category', 'Formaggi');
    let marta = (await customers(page))[0];
    assert.equal(marta.purchases.length, 1);
    assert.equal(marta.purchases[0].amount, 12.5);
    // Amounts that are not one, or below zero, are refused by the field's name; the stored one stays.
    for (const bad of ['12,5x', '12,3,4', '-5']) {
      await typeInto(page, 'purchase.amount', bad, { clear: true });
      const shown = await statuses(page);
      assert.ok(shown.some((s) => s.startsWith('Importo pagato') && s.includes(`"${bad}"`)), `the amount field is named for ${bad}: ${shown.join(' | ')}`);
      marta = (await customers(page))[0];
      assert.equal(marta.purchases[0].amount, 12.5, `the stored amount keeps the last good value after ${bad}`);
      assert.equal(marta.purchases[0].category, 'Formaggi');
    }
    await typeInto(page, 'purchase.amount', '30', { clear: true });
    assert.ok(!(await statuses(page)).some((s) => s.startsWith('Importo pagato')), 'the message goes once the amount is good');
    await scrollTo(page, 'purchase.done');
    await click(page, 'purchase.done');
    await findItem(page, '€ 30,00');
    assert.equal((await customers(page))[0].purchases[0].amount, 30);

    // Edit from the table row: the form opens on that purchase.
    let rows = (await items(page)).filter((i) => i.key.startsWith('purchase.row.'));
    assert.equal(rows.length, 1);
    await scrollTo(page, rows[0].key);
    await click(page, rows[0].key);
    await typeInto(page, 'purchase.amount', '45,20', { clear: true });
    await scrollTo(page, 'purchase.done');
    await click(page, 'purchase.done');
    await findItem(page, '€ 45,20');
    marta = (await customers(page))[0];
    assert.equal(marta.purchases.length, 1);
    assert.equal(marta.purchases[0].amount, 45.2);

    // Delete (the toast offers Undo), undo, then a second purchase added and deleted for good.
    rows = (await items(page)).filter((i) => i.key.startsWith('purchase.row.'));
    await scrollTo(page, rows[0].key);
    await click(page, rows[0].key);
    await scrollTo(page, 'purchase.delete');
    await click(page, 'purchase.delete');
    marta = (await customers(page))[0];
    assert.equal((marta.purchases || []).length, 0, 'deleted');
    await click(page, 'toast.undo');
    await frames(page, 3);
    marta = (await customers(page))[0];
    assert.equal(marta.purchases.length, 1);
    assert.equal(marta.purchases[0].amount, 45.2);
    await findItem(page, '€ 45,20');
    await scrollTo(page, 'purchase.add');
    await click(page, 'purchase.add');
    await typeInto(page, 'purchase.amount', '7', { clear: true });
    assert.equal((await customers(page))[0].purchases.length, 2);
    await scrollTo(page, 'purchase.delete');
    await click(page, 'purchase.delete');
    assert.equal((await customers(page))[0].purchases.length, 1);

    // After a reload the purchases are as left.
    assert.equal((await saved(page)).save, 'saved');
    await page.reload();
    await waitReady(page);
    await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
    marta = (await customers(page))[0];
    assert.equal(marta.purchases.length, 1);
    assert.equal(marta.purchases[0].amount, 45.2);
    assert.equal(marta.purchases[0].category, 'Formaggi');
    await click(page, 'nav.customers');
    await click(page, 'Marta Gialli');
    await click(page, 'section.purchases');
    await findItem(page, '€ 45,20');
    assert.deepEqual(errors, []);
  } finally { await close(); }
});
