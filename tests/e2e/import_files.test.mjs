// Workbooks, e-invoices and phone contacts as people send them (issue 16), on one page: a workbook,
// a zip of invoices and a .vcf through the real file picker, then the same kinds dropped on the
// canvas together (a real drop event whose DataTransfer carries File objects: the invoices read as
// one batch listing its bad members, the workbook and the contacts following one after another),
// all there after a reload; a broken file of each kind refused naming the file with the store
// unchanged; the customers' .xlsx export downloaded and read back through the app's own import; a
// file shared to the app (the share target's POST) waiting in the wizard when the app opens.
// The files come from the project's generator (tests/gen/make_import_files.py) in a temp folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repo, startServer, launch, openApp, waitReady, click, findItem, frames } from './lib.mjs';

let server;
const gen = fs.mkdtempSync(path.join(os.tmpdir(), 'profila-gen-'));
before(async () => {
  execFileSync('python3', [path.join(repo, 'tests/gen/make_import_files.py'), gen], { stdio: 'ignore' });
  server = await startServer();
});
after(() => { server.stop(); fs.rmSync(gen, { recursive: true, force: true }); });

// The stored cards, by id (a load gives them in the store's order, not the import's).
const stored = (page) => page.evaluate(() => JSON.parse(window.profila.exportStore()).customers.sort((a, b) => (a.id < b.id ? -1 : 1)));
const names = (list) => list.map((c) => c.name || c.company);

async function pick(page, file) {
  const chooser = page.waitForEvent('filechooser', { timeout: 15000 });
  await click(page, 'customers.import');
  await click(page, 'import.choose');
  await (await chooser).setFiles(path.join(gen, file));
}

// A drop on the canvas as the browser makes one: dragover, then drop, with the files in a DataTransfer.
async function drop(page, files) {
  const payload = files.map((f) => ({ name: f, b64: fs.readFileSync(path.join(gen, f)).toString('base64') }));
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
    const canvas = document.getElementById('canvas');
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
}

// Confirms the review on screen and waits until the import is stored.
async function confirm(page) {
  await click(page, 'import.confirm');
  await findItem(page, /^Imported .* Saved on this device\.$/, { timeout: 20000 });
}

test('workbook, invoices and contacts by file picker and by drop, there after a reload; broken files refused by name; .xlsx export reads back', async (t) => {
  const { context, close } = await launch({ acceptDownloads: true });
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
    await click(page, 'nav.customers');

    // The file picker: a workbook (sure of its columns: straight to the review), a zip of ten
    // invoices (a readme inside is skipped), a vCard 4.0 file.
    await pick(page, 'customers.xlsx');
    await confirm(page);
    await pick(page, 'invoices_batch.zip');
    await confirm(page);
    await pick(page, 'contacts_40.vcf');
    await confirm(page);
    const picked = await stored(page);
    assert.ok(names(picked).includes('Luca Verdi'), 'the vCard contact is a card');

    // One drop of four files: the zip with junk members and a loose invoice read as one batch of
    // two files (bad members listed, the good ones imported on confirmation), then the .ods, then the vCard 3.0.
    await drop(page, ['broken_batch_junk.zip', 'customers.ods', 'IT01234567890_00018.xml', 'contacts_30_folded.vcf']);
    await findItem(page, 'import.confirm', { timeout: 20000 });
    await findItem(page, /2 files/);
    await findItem(page, /customers\.ods, contacts_30_folded\.vcf/);  // what follows, named
    await confirm(page);
    await findItem(page, /customers\.ods/);
    await confirm(page);
    await findItem(page, /contacts_30_folded\.vcf/);
    await confirm(page);
    const dropped = await stored(page);
    assert.ok(names(dropped).includes('María García López'), 'the dropped vCard 3.0 contact is a card');
    assert.ok(dropped.some((c) => (c.purchases || []).length > 0 && c.vatNumber), 'invoice buyers carry their VAT number');
    assert.ok(dropped.length > picked.length);

    await page.reload();
    await waitReady(page);
    await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
    const reloaded = await stored(page);
    // A credit note (TD04) is a return: a purchase with a negative amount, kept by the store like any other.
    assert.ok(dropped.some((c) => (c.purchases || []).some((p) => p.amount < 0)), 'a credit note came in as a return');
    assert.deepEqual(reloaded, dropped, 'all of it after a reload, the buyers with a credit note too');

    // Broken files, one of each kind: refused naming the file and saying, in the reader's words, what
    // is wrong (the file's place and the kind of problem: not a parser's English); nothing stored.
    await click(page, 'nav.customers');
    for (const [file, shown] of [['broken_truncated.xlsx', /^broken_truncated\.xlsx: the workbook is damaged or cut short$/],
                                 ['broken_not_invoice.xml', /^broken_not_invoice\.xml, <ordine>: not an electronic invoice \(FatturaPA or Facturae\)$/],
                                 ['broken_damaged.xml.p7m', /^broken_damaged\.xml\.p7m: the signature envelope \(\.p7m\) is damaged$/],
                                 ['broken_line.vcf', /^Line 3: this line of the contacts file cannot be read/]]) {
      await drop(page, [file]);
      await findItem(page, /nothing was imported\. It cannot be read as it is/, { timeout: 20000 });
      await findItem(page, shown);
      assert.equal((await findItem(page, 'import.cancel')).role, 'button');
      assert.equal((await page.evaluate(() => window.profila.items())).some((i) => i.key === 'import.confirm'), false, `${file}: no confirm`);
      await click(page, 'import.cancel');
    }
    assert.deepEqual(await stored(page), reloaded, 'the store is unchanged by the broken files');

    // The customers as .xlsx, downloaded, then read back through the import: every card is found again.
    await click(page, 'customers.export');
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'export.xlsx')]);
    const xlsx = fs.readFileSync(await download.path());
    assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
    const back = await page.evaluate((b64) => window.profila.importFile('export.xlsx', Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))),
                                     xlsx.toString('base64'));
    assert.equal(back.errorCount, 0, JSON.stringify(back.errors));
    assert.equal(back.newCustomers, 0, 'the export names every card by its id');
    assert.equal(back.updatedCustomers, reloaded.length);

    // "Share to Profila": what the browser posts to the manifest's share_target, taken by the service
    // worker, is in the wizard when the app opens (and no longer kept).
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await waitReady(page);
    const posted = await page.evaluate(async (b64) => {
      const form = new FormData();
      form.append('files', new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'shared.vcf', { type: 'text/vcard' }));
      const r = await fetch('./share-target', { method: 'POST', body: form, redirect: 'manual' });
      return { redirected: r.type === 'opaqueredirect', kept: await caches.has('shared-files') };
    }, fs.readFileSync(path.join(gen, 'contacts_30_folded.vcf')).toString('base64'));
    assert.deepEqual(posted, { redirected: true, kept: true });
    await page.goto(server.url + '?shared=1&lang=en');
    await waitReady(page);
    await findItem(page, 'import.confirm', { timeout: 20000 });
    await findItem(page, /^shared\.vcf/);
    assert.equal(await page.evaluate(() => caches.has('shared-files')), false);
    assert.deepEqual(errors, []);
  } finally { await close(); }
});
