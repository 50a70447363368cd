// Screenshots of the import wizard for looking at it: node tests/e2e/shots-imports.mjs <out-dir> <gen-dir>
// (tablets 1024x768 and 768x1024): a workbook at its column step (sheet picker) and a batch of invoices
// with bad members at its review, both through the real file picker. <gen-dir> holds the files of
// tests/gen/make_import_files.py.
import { startServer, launch, openApp, frames, click } from './lib.mjs';

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
    } finally { await close(); }
  }
} finally { server.stop(); }
