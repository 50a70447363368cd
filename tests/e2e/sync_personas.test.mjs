// Personas and the business settings across two devices on one CouchDB (pouchdb-server,
// tests/e2e/couch.mjs, on the app's origin as in production): a persona made on device A reaches
// device B; the business name typed in A's Settings reaches B's store; the same persona edited on
// both devices while offline (the name on A, a detail on B) is merged, both edits kept on both.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, click, frames, rawIndexedDb } from './lib.mjs';
import { startCouch } from './couch.mjs';

const DB = 'shop';
const USER = { name: 'ada', password: 'bread-and-roses' };
const PERSONA = '01JPERSONASYNC000000000001';

async function waitFor(page, fn, arg, what, timeout = 30000) {
  try {
    await page.waitForFunction(fn, arg, { timeout, polling: 100 });
  } catch (e) {
    const s = await page.evaluate(() => window.profila.syncStatus());
    throw new Error(`timed out waiting for ${what}; sync: ${JSON.stringify(s).slice(0, 600)}`);
  }
}
const settled = () => { const s = window.profila.syncStatus(); return s.phase === 'ready' && s.waiting === 0 && s.caughtUp; };
const personaOf = (page) => page.evaluate((id) => JSON.parse(window.profila.exportPersonas()).find((p) => p.id === id) || null, PERSONA);
const commitPersona = (page, p) => page.evaluate((json) => {
  const r = window.profila.commitPersona(json);
  if (r.startsWith('error')) throw new Error(r);
  return window.profila.saveNow();
}, JSON.stringify(p));

test('two devices on one CouchDB: a persona and the business name cross; one persona edited on both sides merges', { timeout: 120000 }, async () => {
  const couch = await startCouch();
  await couch.createUser(USER.name, USER.password);
  await couch.createDb(DB, [USER.name]);
  const server = await startServer(undefined, ['--couchdb', couch.url]);
  const a = await launch({ viewport: { width: 800, height: 600 } });
  const b = await launch({ viewport: { width: 800, height: 600 } });
  try {
    const { page: pa, errors: ea } = await openApp(a.context, server.url + '?lang=en');
    const { page: pb, errors: eb } = await openApp(b.context, server.url + '?lang=en');
    // A sketches a persona, joins, and names the business in Settings (typed, as a person does).
    await commitPersona(pa, { schema: 1, id: PERSONA, name: 'Giulia', revision: 0, strokes: [{ color: '#223344', width: 4, points: [10, 10, 1, 200, 300, 1] }],
                              details: { age: { value: '35-45', state: 'assumed', note: '', ways: [], answer: '' } } });
    assert.equal(await pa.evaluate((r) => window.profila.syncConnect(r), { database: DB, user: USER.name, password: USER.password, device: 'Counter tablet' }), '');
    await waitFor(pa, settled, null, 'A to send its persona');
    await click(pa, 'nav.settings');
    await click(pa, 'Business name');
    await pa.waitForFunction(() => document.activeElement && document.activeElement.id === 'text-agent');
    await pa.keyboard.type('Forno Rossi');
    await frames(pa, 3);
    await pa.keyboard.press('Enter');
    await pa.evaluate(() => window.profila.saveNow());
    await waitFor(pa, settled, null, 'A to send its settings');
    const onServer = (await couch.request('GET', `/${DB}/persona:${PERSONA}`)).json;
    assert.equal(onServer.name, 'Giulia', 'the persona is a JSON document on the server');
    assert.equal(onServer.type, 'persona');
    assert.equal((await couch.request('GET', `/${DB}/settings:workspace`)).json.businessName, 'Forno Rossi');

    // B joins: the persona (drawing and details) and the business name arrive and are stored.
    assert.equal(await pb.evaluate((r) => window.profila.syncConnect(r), { database: DB, user: USER.name, password: USER.password, device: 'Owner phone' }), '');
    await waitFor(pb, (id) => JSON.parse(window.profila.exportPersonas()).some((p) => p.id === id), PERSONA, 'the persona on B');
    await waitFor(pb, settled, null, 'B settled');
    await pb.evaluate(() => window.profila.saveNow());
    const onB = await personaOf(pb);
    assert.equal(onB.name, 'Giulia');
    assert.deepEqual(onB.strokes[0].points, [10, 10, 1, 200, 300, 1]);
    assert.equal(onB.details.age.value, '35-45');
    assert.equal(onB.details.age.state, 'assumed');
    const rawB = await rawIndexedDb(pb);
    assert.ok(rawB.includes('"businessName":"Forno Rossi"'), 'B stored the business name typed on A');

    // Both offline: A renames the persona, B marks a detail known. After sync both have both.
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await commitPersona(pa, { ...(await personaOf(pa)), name: 'Giulia Rossi' });
    const mine = await personaOf(pb);
    mine.details.income = { value: 'medium', state: 'known', note: 'told at the counter', ways: [], answer: '' };
    await commitPersona(pb, mine);
    await a.context.setOffline(false);
    await pa.evaluate(() => window.profila.syncNow());
    await waitFor(pa, settled, null, 'A to push the new name');
    await b.context.setOffline(false);
    await pb.evaluate(() => window.profila.syncNow());
    await waitFor(pb, (id) => { const p = JSON.parse(window.profila.exportPersonas()).find((x) => x.id === id); return p && p.name === 'Giulia Rossi'; }, PERSONA, 'A\'s name on B');
    await waitFor(pb, settled, null, 'B to push the merge');
    await pa.evaluate(() => window.profila.syncNow());
    await waitFor(pa, (id) => { const p = JSON.parse(window.profila.exportPersonas()).find((x) => x.id === id); return p && p.details.income && p.details.income.state === 'known'; }, PERSONA, 'B\'s detail on A');
    for (const [who, page] of [['A', pa], ['B', pb]]) {
      const p = await personaOf(page);
      assert.equal(p.name, 'Giulia Rossi', `${who}: A's name kept`);
      assert.equal(p.details.income.value, 'medium', `${who}: B's detail kept`);
      assert.equal(p.details.age.value, '35-45', `${who}: the untouched detail kept`);
      assert.deepEqual((await page.evaluate(() => window.profila.syncStatus())).conflicts, [], `${who}: nothing to choose`);
    }
    const merged = (await couch.request('GET', `/${DB}/persona:${PERSONA}?conflicts=true`)).json;
    assert.equal(merged.name, 'Giulia Rossi');
    assert.equal(merged.details.income.state, 'known');
    assert.equal(merged._conflicts, undefined, 'one revision on the server');
    assert.deepEqual(ea.filter((e) => !/Failed to load resource/.test(e)), []);
    assert.deepEqual(eb.filter((e) => !/Failed to load resource/.test(e)), []);
  } finally {
    await a.close();
    await b.close();
    server.stop();
    await couch.close();
  }
});
