// First sync to a fresh device (issue 17): device A imports a shop of N customers with P purchases
// (tests/bench/import_data.mjs, 'shop' shape) and sends it up to pouchdb-server on loopback
// (tests/e2e/couch.mjs, behind web/serve.mjs --couchdb as in production); then, `runs` times, a
// fresh browser profile (device B) connects and the time from "connect" to every customer stored
// and the sync settled is measured. Prints each run and the median. Goal: at most 10 s for
// 10,000 customers with 100,000 purchases.
//   node tests/bench/sync_first_bench.mjs [customers=10000] [purchases=100000] [runs=3]
import { startServer, launch, openApp } from '../e2e/lib.mjs';
import { startCouch } from '../e2e/couch.mjs';
import { bigBaseCsv } from './import_data.mjs';

const customers = Number(process.argv[2] || 10000);
const purchases = Number(process.argv[3] || 100000);
const runs = Number(process.argv[4] || 3);
const DB = 'shop';
const USER = { name: 'ada', password: 'bread-and-roses' };
const settled = (n) => {
  const s = window.profila.syncStatus();
  return s.phase === 'ready' && s.waiting === 0 && s.caughtUp && window.profila.storeStatus().customers >= n &&
    window.profila.storeStatus().save !== 'saving' && window.profila.storeStatus().save !== 'pending';
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const couch = await startCouch();
await couch.createUser(USER.name, USER.password);
await couch.createDb(DB, [USER.name]);
const server = await startServer(undefined, ['--couchdb', couch.url]);
try {
  const a = await launch({ viewport: { width: 1024, height: 768 } });
  const { page: pa } = await openApp(a.context, server.url + '?lang=en');
  const csv = bigBaseCsv(customers, purchases, 'shop');
  const imported = await pa.evaluate(([name, text]) => window.profila.importFile(name, text), ['base.csv', csv]);
  if (!imported.saved) throw new Error('import failed: ' + JSON.stringify(imported).slice(0, 400));
  let t0 = Date.now();
  const err = await pa.evaluate((r) => window.profila.syncConnect(r), { database: DB, user: USER.name, password: USER.password, device: 'A' });
  if (err) throw new Error(err);
  await pa.waitForFunction(settled, imported.customers, { timeout: 600000, polling: 100 });
  const up = Date.now() - t0;
  const info = (await couch.request('GET', `/${DB}`)).json;
  console.log(`device A: ${imported.customers} customers, ${imported.purchases} purchases (${(csv.length / 1e6).toFixed(1)} MB CSV) sent up in ${up} ms; server doc_count ${info.doc_count}`);
  await a.close();

  const times = [];
  for (let run = 0; run < runs; run++) {
    const b = await launch({ viewport: { width: 1024, height: 768 } });
    try {
      const { page: pb } = await openApp(b.context, server.url + '?lang=en');
      t0 = Date.now();
      const e = await pb.evaluate((r) => window.profila.syncConnect(r), { database: DB, user: USER.name, password: USER.password, device: 'B' + run });
      if (e) throw new Error(e);
      await pb.waitForFunction(settled, imported.customers, { timeout: 600000, polling: 100 });
      const ms = Date.now() - t0;
      const heap = await pb.evaluate(() => (window.profila.heap ? window.profila.heap() : null));
      times.push(ms);
      console.log(`run ${run + 1}: fresh device B has ${await pb.evaluate(() => window.profila.storeStatus().customers)} customers, settled, in ${ms} ms; heap ${JSON.stringify(heap)}`);
    } finally {
      await b.close();
    }
  }
  console.log(`first sync of ${customers} customers / ${purchases} purchases to a fresh device: median ${median(times)} ms of ${runs} (goal <= 10000 ms)`);
} finally {
  server.stop();
  await couch.close();
}
