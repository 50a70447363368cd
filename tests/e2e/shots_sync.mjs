// Screenshots of Settings > Sync (the form, joined, and a conflict to settle) at 1024x768 and
// 768x1024, against pouchdb-server on the app's origin (as tests/e2e/sync.test.mjs).
// Usage: node tests/e2e/shots_sync.mjs [out-dir=/tmp/shots-sync]   (needs the web build)
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, click, frames, findItem } from './lib.mjs';
import { startCouch } from './couch.mjs';

const out = process.argv[2] || '/tmp/shots-sync';
fs.mkdirSync(out, { recursive: true });
const couch = await startCouch();
await couch.createUser('ada', 'bread-and-roses');
const server = await startServer(undefined, ['--couchdb', couch.url]);
const card = (fields) => JSON.stringify({ schema: 2, id: 'SHOT1', kind: 'private', name: 'Lucia Ferri', city: 'Viterbo', ...fields });
try {
  for (const [w, h, lang] of [[1024, 768, 'en'], [768, 1024, 'it']]) {
    const db = `shots_${w}`;
    await couch.createDb(db, ['ada']);
    const a = await launch({ viewport: { width: w, height: h } });
    const b = await launch({ viewport: { width: w, height: h } });
    const { page: pa } = await openApp(a.context, server.url + `?lang=${lang}`);
    const { page: pb } = await openApp(b.context, server.url + `?lang=${lang}`);
    await click(pa, 'nav.settings');
    await findItem(pa, 'sync.connect');
    await pa.screenshot({ path: path.join(out, `${w}x${h}-sync-form.png`) });
    await pa.evaluate((c) => window.profila.commitCustomer(c), card({ phone: '0761 1' }));
    const login = { database: db, user: 'ada', password: 'bread-and-roses' };
    await pa.evaluate((r) => window.profila.syncConnect(r), { ...login, device: 'Counter tablet' });
    await pa.waitForFunction(() => { const s = window.profila.syncStatus(); return s.phase === 'ready' && s.waiting === 0 && s.caughtUp; }, null, { timeout: 30000 });
    await pb.evaluate((r) => window.profila.syncConnect(r), { ...login, device: "Owner's phone" });
    await pb.waitForFunction(() => window.profila.storeStatus().customers === 1 && window.profila.syncStatus().caughtUp, null, { timeout: 30000 });
    await findItem(pa, 'sync.now');
    await frames(pa, 3);
    await pa.screenshot({ path: path.join(out, `${w}x${h}-sync-joined.png`) });
    // The same field on both, offline; then A sends first and B has to choose.
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await pa.evaluate((c) => window.profila.commitCustomer(c), card({ phone: '347 111 2222' }));
    await pb.evaluate((c) => window.profila.commitCustomer(c), card({ phone: '333 999 8888', notes: 'Orders a cake every Sunday' }));
    await pa.evaluate(() => window.profila.saveNow());
    await pb.evaluate(() => window.profila.saveNow());
    await a.context.setOffline(false);
    await pa.evaluate(() => window.profila.syncNow());
    await pa.waitForFunction(() => window.profila.syncStatus().waiting === 0, null, { timeout: 30000 });
    await b.context.setOffline(false);
    await pb.evaluate(() => window.profila.syncNow());
    await pb.waitForFunction(() => window.profila.syncStatus().conflicts.length === 1, null, { timeout: 30000 });
    await click(pb, 'nav.settings');
    await findItem(pb, 'sync.apply');
    await frames(pb, 3);
    await pb.screenshot({ path: path.join(out, `${w}x${h}-sync-conflict.png`) });
    await a.close();
    await b.close();
  }
  console.log('screenshots in', out);
} finally {
  server.stop();
  await couch.close();
}
