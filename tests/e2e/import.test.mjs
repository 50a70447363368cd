// Import: a CSV of 5,000 customers with 50,000 purchases (one row per purchase, Windows-1252,
// semicolons, decimal commas, dd/mm/yyyy dates) chosen in the file picker with real clicks is
// checked, shown, confirmed and all there after a reload; a CSV with broken lines is refused with
// line and column and the stored data is unchanged; when the header is unclear the user maps the
// columns; window.profila.importFile runs the same path and reports errors by line and column.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, waitReady, click, findItem, frames, items } from './lib.mjs';
import { bigPurchaseFile } from './import_files.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

const customers = (page) => page.evaluate(() => JSON.parse(window.profila.exportStore()).customers);

async function openCustomers(context, url) {
  const { page, errors } = await openApp(context, url);
  await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
  await click(page, 'nav.customers');
  return { page, errors };
}

// Chooses a file through the real file picker: the click opens it, Playwright answers it.
async function chooseFile(page, name, buffer) {
  const chooser = page.waitForEvent('filechooser', { timeout: 15000 });
  await click(page, 'import.choose');
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer });
}

test('5,000 customers with 50,000 purchases through the file picker, confirmed, all there after a reload', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openCustomers(context, server.url + '?lang=en');
    const file = bigPurchaseFile();
    assert.equal(file.purchases, 50000);
    await click(page, 'customers.import');
    await chooseFile(page, 'vendite.csv', file.bytes);
    // Clear headers: straight to the review, nothing stored yet.
    await findItem(page, 'import.confirm', { timeout: 60000 });
    await findItem(page, /5,000 new customers, 0 already on file to update, 50,000 purchases, from 50,000 rows/);
    // The preview read only the first rows (the columns were sure): the line about the file is the
    // check's, which read all of it and found the Windows-1252 byte.
    await findItem(page, 'vendite.csv: 50,000 rows, separated by ";", text in windows-1252');
    assert.equal((await customers(page)).length, 0, 'nothing is committed before the confirmation');
    // The file (past the 1 MB window, Windows-1252 found on the way) stays in the page, outside the
    // wasm heap, while the wizard is open, and is let go once the import is confirmed.
    assert.ok(file.bytes.length > (1 << 20), `${file.bytes.length} bytes`);
    assert.equal(await page.evaluate(() => window.Module.profilaFiles.held.size), 1, 'the page holds the picked file');
    await click(page, 'import.confirm');
    // The toast reports the import only as saved once its own transaction has completed; the
    // page is reloaded at once, with no saveNow().
    await findItem(page, 'Imported 5,000 customers and 50,000 purchases. Saved on this device.');
    assert.equal(await page.evaluate(() => window.profila.storeStatus().unsaved), false);
    assert.equal(await page.evaluate(() => window.Module.profilaFiles.held.size), 0, 'the file is let go after the import');

    await page.reload();
    await waitReady(page);
    await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 60000 });
    const list = await customers(page);
    assert.equal(list.length, 5000);
    assert.equal(list.reduce((n, c) => n + (c.purchases || []).length, 0), 50000);
    // Names from firstNames[c % 10]: Windows-1252 letters read right.
    assert.equal(list.find((c) => c.id === 'K00010').name, 'Nicolò Cliente10', 'Windows-1252 read right');
    assert.equal(list.find((c) => c.id === 'K00001').name, 'Lucía Cliente1');
    assert.equal(list.find((c) => c.id === 'K00007').name, 'Irene Cliente7');
    const k2 = list.find((c) => c.id === 'K00002');
    assert.equal(k2.name, 'José Cliente2');
    assert.equal(k2.phone, '0342 100002', 'phone kept as text');
    assert.equal(k2.postcode, '23100');
    assert.equal(k2.purchases.length, 10);
    assert.ok(k2.purchases.every((p) => p.category === 'Caffè'));
    const total = k2.purchases.reduce((s, p) => s + p.amount, 0);
    let expected = 0;
    for (let p = 0; p < 10; ++p) expected += (1000 + ((2 * 37 + p * 101) % 90000)) / 100;
    assert.ok(Math.abs(total - expected) < 1e-6, `decimal commas read (${total} vs ${expected})`);
    await click(page, 'nav.customers');
    await findItem(page, '5,000 customers');
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('a CSV with broken lines is refused with line and column, and the stored data is unchanged', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openCustomers(context, server.url + '?lang=en');
    const setup = await page.evaluate(() => window.profila.importFile('start.csv', 'Name;Phone;City\nAnna Verdi;0332 111222;Como\n'));
    assert.equal(setup.committed, true);
    await page.evaluate(() => window.profila.saveNow());
    const before = await page.evaluate(() => window.profila.exportStore());

    const broken = [
      'Customer id;Name;Purchase date;Amount',
      'A1;Marco Rossi;12/03/2024;10,00',
      'A1;Marco Rossi;31/02/2024;12,00',   // line 3: not a real date (column 3)
      'A2;Sara Blu;01/04/2024;dieci',      // line 4: not a number (column 4)
      'A3;Piero Viola;02/04/2024',         // line 5: a field missing
      'A4;Elsa Grigi;03/04/2024;5,00',
    ].join('\n') + '\n';
    await click(page, 'customers.import');
    await chooseFile(page, 'broken.csv', Buffer.from(broken, 'utf8'));
    await findItem(page, /^The file has \d+ problems, so nothing was imported/, { timeout: 30000 });
    const texts = (await items(page)).map((i) => i.label);
    assert.ok(texts.some((t) => /^Line 3, column 3 \(Purchase date\): "31\/02\/2024" is not a real date/.test(t)), texts.join(' | '));
    assert.ok(texts.some((t) => /^Line 4, column 4 \(Amount\): "dieci" is not a number/.test(t)));
    assert.ok(texts.some((t) => /^Line 5\b/.test(t)));
    assert.ok(!(await items(page)).some((i) => i.key === 'import.confirm'), 'there is no import button');
    await click(page, 'import.cancel');
    await page.evaluate(() => window.profila.saveNow());
    assert.equal(await page.evaluate(() => window.profila.exportStore()), before, 'stored data unchanged');

    // The same file through window.profila.importFile: refused, lines and columns named.
    const result = await page.evaluate((text) => window.profila.importFile('broken.csv', text), broken);
    assert.equal(result.committed, false);
    const where = result.errors.map((e) => `${e.line}:${e.column}:${e.code}`);
    assert.ok(where.includes('3:3:bad_date'), where.join(' '));
    assert.ok(where.includes('4:4:bad_number'), where.join(' '));
    assert.ok(result.errors.some((e) => e.line === 5));
    assert.equal(await page.evaluate(() => window.Module.profilaFiles.held.size), 0, 'no file held after the picker and importFile');
    await page.reload();
    await waitReady(page);
    await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => window.profila.exportStore()), before, 'unchanged after a reload too');
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('unclear headers: the user maps the columns with a preview, sees duplicates, then imports', async () => {
  const { context, close } = await launch();
  try {
    const { page, errors } = await openCustomers(context, server.url + '?lang=en');
    await page.evaluate(() => window.profila.importFile('start.csv', 'Name;E-mail;City\nAnna Verdi;anna@example.it;Como\n'));
    const file = 'x1;x2;x3\nGino Bassi;gino@example.it;Lecco\nAnna Verdi;anna@example.it;Como\n';
    await click(page, 'customers.import');
    await chooseFile(page, 'odd.csv', Buffer.from(file, 'utf8'));
    await findItem(page, 'import.map.0');
    await findItem(page, /^Some columns could not be recognised/);
    for (const [column, field] of [[0, 'name'], [1, 'email'], [2, 'city']]) {
      await click(page, `import.map.${column}`);
      await click(page, `import.map.${column}.${field}`);
    }
    assert.equal((await findItem(page, 'import.has_header')).checked, true, 'the first line is taken as the header');
    await click(page, 'import.check');
    await findItem(page, 'import.confirm');
    const dup = (await items(page)).find((i) => /^Line 3, Anna Verdi: same e-mail/.test(i.label));
    assert.ok(dup, 'the duplicate is shown before the import');
    await click(page, 'import.confirm');
    await frames(page, 3);
    const list = await customers(page);
    assert.deepEqual(list.map((c) => c.name).sort(), ['Anna Verdi', 'Anna Verdi', 'Gino Bassi']);
    assert.equal(list.find((c) => c.name === 'Gino Bassi').email, 'gino@example.it');
    assert.deepEqual(errors, []);
  } finally { await close(); }
});
