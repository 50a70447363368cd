// Sync against a real CouchDB-compatible server (pouchdb-server, tests/e2e/couch.mjs), served on
// the app's own origin under /couchdb as the deployment's reverse proxy does (web/serve.mjs
// --couchdb). Two browsers are two devices of one shop.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, click, frames, findItem, waitReady, typeField } from './lib.mjs';
import { startCouch } from './couch.mjs';

const DB = 'shop';
const USER = { name: 'ada', password: 'bread-and-roses' };

function card(id, fields) {
  return JSON.stringify({ schema: 2, id, kind: 'private', ...fields });
}

async function waitFor(page, fn, arg, what, timeout = 30000) {
  try {
    await page.waitForFunction(fn, arg, { timeout, polling: 100 });
  } catch (e) {
    const s = await page.evaluate(() => window.profila.syncStatus());
    throw new Error(`timed out waiting for ${what}; sync: ${JSON.stringify(s).slice(0, 600)}`);
  }
}

// A document as the server has it, once it is there: a save reaches the sync a few frames after the
// store has it, so the sync's state alone, read at once, can be from before the push began.
// The wait is for an outcome, not a time budget: on a loaded machine (two test files at a time)
// a tab that has just taken the lock reads its sync records and pulls before it pushes. page, when
// given, says on a time-out what its sync was doing (that is how a save dropped from the outbox
// while those records were read was found: app/sync/sync.cpp, KeepQueuedWhileReading).
async function serverDoc(couch, path, what, timeout = 30000, page = null) {
  const start = Date.now();
  for (;;) {
    const r = await couch.request('GET', path);
    if (r.status === 200) return r.json;
    if (Date.now() - start > timeout) {
      const sync = page ? await page.evaluate(() => JSON.stringify(window.profila.syncStatus())).catch(() => '') : '';
      throw new Error(`timed out waiting for ${what} on the server (${r.status})${sync ? '; sync: ' + sync.slice(0, 600) : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const customerOf = (page, id) => page.evaluate((i) => JSON.parse(window.profila.exportStore()).customers.find((c) => c.id === i) || null, id);
const settled = () => { const s = window.profila.syncStatus(); return s.phase === 'ready' && s.waiting === 0 && s.caughtUp; };

test('two devices on one CouchDB: connect by hand, 1,000 customers cross, offline edits merge field by field, the same field is chosen, an edit beats a delete, a restart loses nothing, a wrong password is told', { timeout: 240000 }, async () => {
  const couch = await startCouch();
  await couch.createUser(USER.name, USER.password);
  await couch.createDb(DB, [USER.name]);
  await couch.createDb('closed', ['someone-else']);
  const server = await startServer(undefined, ['--couchdb', couch.url]);
  const a = await launch({ viewport: { width: 1024, height: 768 } });
  const b = await launch({ viewport: { width: 800, height: 600 } });
  try {
    const { page: pa, errors: ea } = await openApp(a.context, server.url + '?lang=en');
    const { page: pb, errors: eb } = await openApp(b.context, server.url + '?lang=en');

    // Device A: 1,000 customers, then Settings > Sync by hand.
    await pa.evaluate(() => {
      for (let i = 0; i < 1000; i++) {
        const id = 'S' + String(i).padStart(4, '0');
        const r = window.profila.commitCustomer(JSON.stringify({ schema: 2, id, kind: 'private', name: 'Customer ' + i, city: 'Viterbo' }));
        if (r.startsWith('error')) throw new Error(r);
      }
      return window.profila.saveNow();
    });
    await click(pa, 'nav.settings');
    await typeField(pa, 'sync.database', DB);
    await typeField(pa, 'sync.user', USER.name);
    await typeField(pa, 'sync.password', USER.password);
    await typeField(pa, 'sync.device', 'Counter tablet');
    const started = Date.now();
    await click(pa, 'sync.connect');
    await waitFor(pa, settled, null, 'device A to send its customers', 90000);
    const up = (await couch.request('GET', `/${DB}`)).json;
    assert.equal(up.doc_count, 1001, 'the server holds the 1,000 customers (and the design document with validate_doc_update)');
    // Nothing of the password in the page's storage.
    const stored = await pa.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name);
      let all = '';
      for (const name of names) {
        const db = await new Promise((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = rej; });
        for (const store of db.objectStoreNames) {
          const values = await new Promise((res) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => res(r.result); });
          all += JSON.stringify(values, (k, v) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? new TextDecoder().decode(v) : v));
        }
        db.close();
      }
      return all + JSON.stringify(localStorage);
    });
    assert.ok(!stored.includes(USER.password), 'the password is not kept in browser storage');

    // Device B joins: the 1,000 arrive, and are there after a reload.
    const tB = Date.now();
    assert.equal(await pb.evaluate((r) => window.profila.syncConnect(r), { database: DB, user: USER.name, password: USER.password, device: 'Owner phone' }), '');
    await waitFor(pb, () => window.profila.storeStatus().customers >= 1000 && window.profila.syncStatus().caughtUp, null, 'device B to receive 1,000 customers', 90000);
    console.log(`first sync of 1,000 customers to a new device: ${Date.now() - tB} ms (device A's upload ${tB - started} ms)`);
    await pb.evaluate(() => window.profila.saveNow());
    await pb.reload();
    await waitReady(pb);
    await pb.waitForFunction(() => window.profila.storeStatus().customers >= 1000, null, { timeout: 60000 });

    // An edit on one device shows on the other, both online.
    const t0 = Date.now();
    await pa.evaluate(() => window.profila.commitCustomer(JSON.stringify({ schema: 2, id: 'S0001', kind: 'private', name: 'Customer 1', city: 'Viterbo', notes: 'live' })));
    await waitFor(pb, () => (JSON.parse(window.profila.exportStore()).customers.find((c) => c.id === 'S0001') || {}).notes === 'live', null, 'the live edit');
    console.log(`edit on A shown on B: ${Date.now() - t0} ms`);
    await waitFor(pa, settled, null, 'A settled');
    await waitFor(pb, settled, null, 'B settled');

    // Offline: different fields of one card on each device; both kept after sync.
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await pa.evaluate(() => window.profila.commitCustomer(JSON.stringify({ schema: 2, id: 'S0002', kind: 'private', name: 'Customer 2', city: 'Viterbo', phone: '0761 111' })));
    await pb.evaluate(() => window.profila.commitCustomer(JSON.stringify({ schema: 2, id: 'S0002', kind: 'private', name: 'Customer 2', city: 'Orvieto' })));
    // The same field on both: A says 347 1, B says 347 2.
    await pa.evaluate(() => window.profila.commitCustomer(JSON.stringify({ schema: 2, id: 'S0003', kind: 'private', name: 'Customer 3', city: 'Viterbo', phone: '347 1' })));
    await pb.evaluate(() => window.profila.commitCustomer(JSON.stringify({ schema: 2, id: 'S0003', kind: 'private', name: 'Customer 3', city: 'Viterbo', phone: '347 2' })));
    // Delete against edit: A deletes S0004 (by the same command the list's delete uses), B edits it.
    assert.equal(await pa.evaluate(() => window.profila.removeCustomer('S0004')), '');
    await pb.evaluate(() => window.profila.commitCustomer(JSON.stringify({ schema: 2, id: 'S0004', kind: 'private', name: 'Customer 4', city: 'Viterbo', notes: 'came back' })));
    await pa.evaluate(() => window.profila.saveNow());
    await pb.evaluate(() => window.profila.saveNow());
    await a.context.setOffline(false);
    await pa.evaluate(() => window.profila.syncNow());
    await waitFor(pa, settled, null, 'A to push its offline edits');
    await b.context.setOffline(false);
    await pb.evaluate(() => window.profila.syncNow());
    // B meets A's phone for S0003: the person chooses, on B's Settings screen, by touch of the mouse.
    await waitFor(pb, () => window.profila.syncStatus().conflicts.length === 1, null, 'the conflict on B');
    const conflict = (await pb.evaluate(() => window.profila.syncStatus())).conflicts[0];
    assert.equal(conflict.ref, 'customers/S0003');
    assert.deepEqual(conflict.fields.map((f) => [f.path, f.mine, f.theirs]), [['/phone', '347 2', '347 1']]);
    assert.equal(conflict.device, 'Counter tablet');
    await click(pb, 'nav.settings');
    const theirs = await findItem(pb, 'sync.theirs.0.0');
    assert.match(theirs.label, /^Counter tablet .*347 1$/, 'the other device and its value are shown');
    await click(pb, 'sync.theirs.0.0');
    await click(pb, 'sync.apply');
    await waitFor(pb, settled, null, 'B to push the choice');
    await pa.evaluate(() => window.profila.syncNow());
    await waitFor(pa, () => (JSON.parse(window.profila.exportStore()).customers.find((c) => c.id === 'S0002') || {}).city === 'Orvieto', null, 'A to get B\'s city');
    for (const page of [pa, pb]) {
      const c2 = await customerOf(page, 'S0002');
      assert.equal(c2.phone, '0761 111', 'A\'s phone kept');
      assert.equal(c2.city, 'Orvieto', 'B\'s city kept');
    }
    await waitFor(pa, () => (JSON.parse(window.profila.exportStore()).customers.find((c) => c.id === 'S0003') || {}).phone === '347 1', null, 'the choice on A');
    assert.equal((await customerOf(pb, 'S0003')).phone, '347 1', 'the choice applied on B');
    assert.equal((await customerOf(pa, 'S0004') || {}).notes, 'came back', 'the edit kept over the delete on A');
    assert.equal((await customerOf(pb, 'S0004') || {}).notes, 'came back', 'and on B');

    // The server restarted while changes go up: nothing lost.
    await pa.evaluate(() => {
      for (let i = 0; i < 200; i++) window.profila.commitCustomer(JSON.stringify({ schema: 2, id: 'R' + String(i).padStart(3, '0'), kind: 'private', name: 'Restart ' + i }));
      window.profila.syncNow();
      return window.profila.saveNow();  // stored, each with its outbox entry, in one transaction
    });
    await couch.restart();
    await pa.evaluate(() => window.profila.syncNow());
    // pouchdb-server signs sessions with a secret it does not keep across a restart (CouchDB keeps
    // its own in its config): then the app asks for the password again, and pushes the rest.
    await waitFor(pa, () => { const s = window.profila.syncStatus(); return s.phase === 'auth-problem' || (s.phase === 'ready' && s.waiting === 0); }, null, 'A after the restart', 60000);
    if ((await pa.evaluate(() => window.profila.syncStatus())).phase === 'auth-problem') {
      await typeField(pa, 'sync.password_again', USER.password);
      await click(pa, 'sync.sign_in_again');
    }
    await waitFor(pa, settled, null, 'A to push after the restart', 60000);
    assert.deepEqual((await pa.evaluate(() => window.profila.syncStatus())).keptAside, []);
    const all = (await couch.request('GET', `/${DB}/_all_docs?startkey="customer:R"&endkey="customer:R\ufff0"`)).json;
    assert.equal(all.rows.length, 200, 'all 200 customers reached the server');
    assert.equal(couch.exited, null);

    // A database without access and a wrong password: told apart; nothing lost.
    const before = await pb.evaluate(() => window.profila.storeStatus().customers);
    await click(pb, 'sync.disconnect');
    await pb.evaluate((r) => window.profila.syncConnect(r), { database: 'closed', user: USER.name, password: USER.password });
    await waitFor(pb, () => window.profila.syncStatus().phase === 'no-access', null, 'no access');
    await findItem(pb, /cannot open the database "closed"/);
    await pb.evaluate((r) => window.profila.syncConnect(r), { database: DB, user: USER.name, password: 'wrong' });
    await waitFor(pb, () => window.profila.syncStatus().phase === 'auth-problem', null, 'the refused password');
    await findItem(pb, /did not accept this user name and password/);
    assert.equal(await pb.evaluate(() => window.profila.storeStatus().customers), before);
    assert.deepEqual(ea.filter((e) => !/Failed to load resource/.test(e)), []);
    assert.deepEqual(eb.filter((e) => !/Failed to load resource/.test(e)), []);
  } finally {
    await a.close();
    await b.close();
    server.stop();
    await couch.close();
  }
});

test('two tabs of one browser: one syncs (Web Locks), the other saves through it, and the lock passes on when it closes', { timeout: 120000 }, async () => {
  const couch = await startCouch();
  await couch.createUser(USER.name, USER.password);
  await couch.createDb(DB, [USER.name]);
  const server = await startServer(undefined, ['--couchdb', couch.url]);
  const browser = await launch({ viewport: { width: 1024, height: 768 } });
  try {
    const { page: one, errors: e1 } = await openApp(browser.context, server.url + '?lang=en');
    assert.equal(await one.evaluate((r) => window.profila.syncConnect(r), { database: DB, user: USER.name, password: USER.password, device: 'Shop PC' }), '');
    await waitFor(one, () => window.profila.syncStatus().lock === 'held' && window.profila.syncStatus().firstPullDone, null, 'the first tab to hold the lock');
    const two = await browser.context.newPage();
    const e2 = [];
    two.on('console', (msg) => { if (msg.type() === 'error') e2.push(msg.text()); });
    two.on('pageerror', (err) => e2.push(String(err)));
    await two.goto(server.url + '?lang=en');
    await waitReady(two);
    await waitFor(two, () => window.profila.syncStatus().enabled && window.profila.syncStatus().lock === 'waiting', null, 'the second tab to wait for the lock');
    // The second tab's save goes up through the first.
    await two.evaluate(() => { const r = window.profila.commitCustomer(JSON.stringify({ schema: 2, id: 'TAB2A', kind: 'private', name: 'Saved in tab two' })); if (r.startsWith('error')) throw new Error(r); return window.profila.saveNow(); });
    const first = await serverDoc(couch, `/${DB}/customer:TAB2A`, 'the second tab\'s save, sent by the first', 30000, one);
    await waitFor(one, settled, null, 'the first tab to send the second tab\'s save');
    assert.equal(first.name, 'Saved in tab two');
    assert.equal(await two.evaluate(() => window.profila.syncStatus().pushed), 0, 'the second tab sent nothing itself');
    // The first tab closes: the second takes the lock and sends its next save itself.
    await one.close();
    await waitFor(two, () => window.profila.syncStatus().lock === 'held', null, 'the second tab to take the lock');
    await two.evaluate(() => { const r = window.profila.commitCustomer(JSON.stringify({ schema: 2, id: 'TAB2B', kind: 'private', name: 'After the first tab closed' })); if (r.startsWith('error')) throw new Error(r); return window.profila.saveNow(); });
    assert.equal((await serverDoc(couch, `/${DB}/customer:TAB2B`, 'the second tab\'s own save', 75000, two)).name, 'After the first tab closed');
    await waitFor(two, settled, null, 'the second tab to send');
    // The database's validate_doc_update (web/deploy/validate_doc_update.js) refuses what the app would never write.
    const bad = await couch.request('PUT', `/${DB}/customer:ODD`, { type: 'customer', id: 'OTHER', schema: 2, kind: 'private', device: 'x', edited: new Date().toISOString() }, USER);
    assert.equal(bad.status, 403);
    assert.match(bad.json.reason, /id: must be the key of _id/);
    const untyped = await couch.request('PUT', `/${DB}/note:1`, { text: 'hello' }, USER);
    assert.equal(untyped.status, 403);
    assert.deepEqual([...e1, ...e2].filter((e) => !/Failed to load resource/.test(e)), []);
  } finally {
    await browser.close();
    server.stop();
    await couch.close();
  }
});
