// Screenshots of the import wizard for looking at it: node tests/e2e/shots-imports.mjs <out-dir> <gen-dir>
// (tablets 1024x768 and 768x1024): a workbook at its column step (sheet picker) and a batch of invoices
// with bad members at its review, both through the real file picker; a drop of three invoice files
// (three bad ones listed, the .vcf that follows named); the Export menu; Settings with the VAT number.
// <gen-dir> holds the files of tests/gen/make_import_files.py.
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, frames, click, findItem } from './lib.mjs';

const out = process.argv[2] || '/tmp/shots-imports';
const gen = process.argv[3] || 'build/gen';
const server = await startServer();
async function pick(page, file) {
  const chooser = page.waitForEvent('filechooser');
  await click(page, 'import.choose');
  await (await chooser).setFiles(file);
  await frames(page, 8);
}
try {
  for (const [name, viewport, lang] of [['tablet-landscape', { width: 1024, height: 768 }, 'it'], ['tablet-portrait', { width: 768, height: 1024 }, 'en']]) {
    const { context, close } = await launch({ viewport, deviceScaleFactor: 1, hasTouch: true });
    try {
      const { page } = await openApp(context, server.url + '?lang=' + lang);
      await page.waitForFunction(() => window.profila.storeStatus().loaded);
      await click(page, 'nav.customers');
      await click(page, 'customers.import');
      await pick(page, `${gen}/customers.xlsx`);  // sure of its columns: straight to the review
      await page.screenshot({ path: `${out}/${name}-workbook-review.png` });
      await click(page, 'import.back');
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-workbook-columns.png` });
      await click(page, 'import.check');
      await frames(page, 3);
      await click(page, 'import.other_file');
      await frames(page, 3);
      await pick(page, `${gen}/broken_batch_junk.zip`);
      await page.screenshot({ path: `${out}/${name}-invoices-batch.png` });
      await click(page, 'import.cancel');
      // A drop on the canvas: a zip with two bad members, an XML that is no invoice, a good invoice, a vCard.
      const files = ['broken_batch_junk.zip', 'broken_not_invoice.xml', 'IT01234567890_00018.xml', 'contacts_40.vcf']
        .map((f) => ({ name: f, b64: fs.readFileSync(path.join(gen, f)).toString('base64') }));
      await page.evaluate((list) => {
        const dt = new DataTransfer();
        for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
        document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, files);
      await findItem(page, 'import.confirm', { timeout: 20000 });
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-invoices-drop.png` });
      await click(page, 'import.confirm');
      await click(page, 'import.cancel');
      await frames(page, 5);
      await click(page, 'customers.export');
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-export-menu.png` });
      await page.keyboard.press('Escape');
      await click(page, 'nav.settings');
      await findItem(page, 'settings.own_vat');  // scrolled into view
      await frames(page, 5);
      await page.screenshot({ path: `${out}/${name}-settings-vat.png` });
    } finally { await close(); }
  }
} finally { server.stop(); }
