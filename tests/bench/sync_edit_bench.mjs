// An edit on one device shown on the other, both online (issue 17): devices A and B share a
// database of 1,000 customers on pouchdb-server (loopback, behind web/serve.mjs --couchdb as in
// production); then, `edits` times, A changes one card's notes through window.profila.commitCustomer
// (the card screen's own commit) and the time until B has that card with the new notes is measured
// (B is polled every 50 ms through exportPerson, one card's export). Prints each edit and the
// median. Goal: at most 2 s.
//   node tests/bench/sync_edit_bench.mjs [edits=7]
import { startServer, launch, openApp } from '../e2e/lib.mjs';
import { startCouch } from '../e2e/couch.mjs';

const edits = Number(process.argv[2] || 7);
const DB = 'shop';
const USER = { name: 'ada', password: 'bread-and-roses' };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const settled = () => { const s = window.profila.syncStatus(); return s.phase === 'ready' && s.waiting === 0 && s.caughtUp; };
const card = (i) => ({ schema: 2, id: 'S' + String(i).padStart(4, '0'), kind: 'private', name: 'Customer ' + i, city: 'Viterbo' });

const couch = await startCouch();
await couch.createUser(USER.name, USER.password);
await couch.createDb(DB, [USER.name]);
const server = await startServer(undefined, ['--couchdb', couch.url]);
const a = await launch({ viewport: { width: 1024, height: 768 } });
const b = await launch({ viewport: { width: 1024, height: 768 } });
try {
  const { page: pa } = await openApp(a.context, server.url + '?lang=en');
  const { page: pb } = await openApp(b.context, server.url + '?lang=en');
  await pa.evaluate((cards) => {
    for (const c of cards) {
      const r = window.profila.commitCustomer(JSON.stringify(c));
      if (r.startsWith('error')) throw new Error(r);
    }
    return window.profila.saveNow();
  }, Array.from({ length: 1000 }, (_, i) => card(i)));
  for (const [page, device] of [[pa, 'A'], [pb, 'B']]) {
    const err = await page.evaluate((r) => window.profila.syncConnect(r), { database: DB, user: USER.name, password: USER.password, device });
    if (err) throw new Error(err);
    await page.waitForFunction(settled, null, { timeout: 120000, polling: 100 });
  }
  await pb.waitForFunction(() => window.profila.storeStatus().customers >= 1000 && window.profila.syncStatus().caughtUp, null, { timeout: 120000, polling: 100 });
  const times = [];
  for (let k = 0; k < edits; k++) {
    const c = { ...card(k * 37 + 1), notes: 'live ' + k };
    await new Promise((r) => setTimeout(r, 1500));  // B back in its long poll
    const t0 = Date.now();
    await pa.evaluate((text) => window.profila.commitCustomer(text), JSON.stringify(c));
    await pb.waitForFunction(([id, notes]) => {
      const text = window.profila.exportPerson(id, 'json');
      return typeof text === 'string' && text.includes(JSON.stringify(notes));
    }, [c.id, c.notes], { timeout: 30000, polling: 50 });
    const ms = Date.now() - t0;
    times.push(ms);
    console.log(`edit ${k + 1}: shown on the other device in ${ms} ms`);
  }
  console.log(`an edit on one device shown on the other: median ${median(times)} ms of ${edits} (goal <= 2000 ms)`);
} finally {
  await a.close();
  await b.close();
  server.stop();
  await couch.close();
}
