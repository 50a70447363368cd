// A class over CouchDB (issue 17, item 5) against pouchdb-server (tests/e2e/couch.mjs) on the app's
// origin: a trainer creates the class by hand (a server admin, as on a small school server), three
// trainees join with the code and their name (the first by hand on the canvas, the others through
// window.profila), do lessons and sketch a persona; the trainer's class summary shows their results
// and follows a new one live. One Chromium, four contexts (each its own IndexedDB): lean on purpose.
import test from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer, chromiumArgs, openApp, click, frames, findItem, rawIndexedDb, typeField } from './lib.mjs';
import { startCouch, ADMIN } from './couch.mjs';

const NAMES = ['Ada Rossi', 'Bruno', 'Carla'];

// Types into an empty field, as a person does: a click on it, then the keys.

async function waitFor(page, fn, arg, what, timeout = 15000) {
  try {
    await page.waitForFunction(fn, arg, { timeout, polling: 100 });
  } catch (e) {
    const s = await page.evaluate(() => ({ sync: window.profila.syncStatus(), cls: window.profila.classStatus() }));
    throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s).slice(0, 800)}`);
  }
}

const sent = () => { const s = window.profila.syncStatus(); return s.phase === 'ready' && s.waiting === 0 && s.statementsSent > 0; };

test('a class: the trainer creates it, three trainees join with the code and their name, their results reach the trainer live', { timeout: 90000 }, async () => {
  const started = Date.now();
  const mark = (what) => { if (process.env.PROFILA_TRACE) console.log(`${Date.now() - started} ms: ${what}`); };
  const [couch, browser] = await Promise.all([startCouch(), chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs })]);
  const server = await startServer(undefined, ['--couchdb', couch.url]);
  try {
    // The trainer's page first; the trainees' pages load while the trainer types.
    const contexts = await Promise.all([0, 1, 2, 3].map((i) => browser.newContext({ viewport: i === 0 ? { width: 1024, height: 768 } : { width: 800, height: 700 } })));
    const opening = contexts.map((c) => openApp(c, server.url + '?lang=en'));
    const trainer = (await opening[0]).page;
    mark('trainer page open');

    // The trainer creates the class by hand: Course > Class summary > Live class.
    await click(trainer, 'nav.course');
    await click(trainer, 'course.class');
    await click(trainer, 'class.live_open');
    await typeField(trainer, 'class.live.user', ADMIN.name, { replace: false });
    await typeField(trainer, 'class.live.password', ADMIN.password, { replace: false });
    await typeField(trainer, 'class.live.roster', NAMES.join(', '), { replace: false });
    mark('form typed');
    await click(trainer, 'class.create');
    await waitFor(trainer, () => window.profila.classStatus().code !== '', null, 'the class to be created');
    mark('class created');
    const cls = await trainer.evaluate(() => window.profila.classStatus());
    assert.match(cls.code, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    await findItem(trainer, cls.code);  // shown large, to be written on the board
    assert.deepEqual(cls.trainees.map((t) => t.database), ['ada-rossi', 'bruno', 'carla'].map((slug) => `profila-class-${cls.id}-${slug}`));
    const security = (await couch.request('GET', `/profila-class-${cls.id}-ada-rossi/_security`)).json;
    assert.deepEqual(security.members, { names: [`class-${cls.id}-ada-rossi`], roles: [`class-${cls.id}-trainer`] });
    assert.match((await couch.request('GET', `/profila-class-${cls.id}-ada-rossi/_design/profila`)).json.validate_doc_update, /a course statement is never changed/);

    // The first trainee joins by hand on the Course screen (the code typed in lower case).
    const opened = await Promise.all(opening);
    const trainees = opened.slice(1).map((o) => o.page);
    const [ada, bruno, carla] = trainees;
    mark('trainee pages open');
    await click(ada, 'nav.course');
    await click(ada, 'class.join_open');
    await typeField(ada, 'class.join.code', cls.code.toLowerCase(), { replace: false });
    await typeField(ada, 'class.join.name', NAMES[0], { replace: false });
    await click(ada, 'class.join');
    await waitFor(ada, () => window.profila.syncStatus().phase === 'ready' && window.profila.syncStatus().firstPullDone, null, 'Ada to join');
    mark('Ada joined');
    // The others through window.profila, then everyone does lessons and one sketches a persona.
    assert.equal(await bruno.evaluate(([c, n]) => window.profila.classJoin(c, n), [cls.code, NAMES[1]]), '');
    // A wrong code is refused by the server, and nothing is joined; then the right one.
    const wrong = cls.code.slice(0, 13) + (cls.code.endsWith('Z') ? 'Y' : 'Z');
    assert.equal(await carla.evaluate(([c, n]) => window.profila.classJoin(c, n), [wrong, NAMES[2]]), '');
    await waitFor(carla, () => window.profila.syncStatus().phase === 'auth-problem', null, 'the wrong code to be refused');
    assert.equal(await carla.evaluate(() => window.profila.classStatus().joined), '');
    assert.equal(await carla.evaluate(([c, n]) => window.profila.classJoin(c, n), [cls.code, NAMES[2]]), '');
    const runs = [[1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 0.5, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0]];
    await Promise.all(trainees.map((p, i) => p.evaluate((r) => window.profila.recordCourseRun('why', r), runs[i])));
    assert.match(await bruno.evaluate(() => window.profila.commitPersona(JSON.stringify({ schema: 1, id: 'P-BRUNO', name: 'Giulia, 34', strokes: [], details: {} }))), /P-BRUNO/);
    await Promise.all(trainees.map((p, i) => waitFor(p, sent, null, `${NAMES[i]}'s results to go up`)));
    mark('results sent');
    await findItem(ada, /Your results have reached your trainer/);
    assert.equal((await couch.request('GET', `/profila-class-${cls.id}-bruno/persona:P-BRUNO`)).status, 200);
    const ids = (await couch.request('GET', `/profila-class-${cls.id}-ada-rossi/_all_docs?startkey="statement:"&endkey="statement:\ufff0"`)).json.rows.map((r) => r.id);
    assert.ok(ids.length >= 5 && ids.every((id) => id.startsWith(`statement:class-${cls.id}-ada-rossi-`)), 'statements named trainee + random id');
    // The code is a password: not kept in the trainee's browser storage.
    assert.ok(!(await rawIndexedDb(ada)).includes(cls.code.replace(/-/g, '')), 'the join code is not stored');

    // The trainer sees the three, with their results, in the summary table.
    await waitFor(trainer, () => window.profila.classStatus().trainees.every((t) => t.statements > 0), null, 'the trainer to read the class');
    mark('trainer read them');
    const seen = await trainer.evaluate(() => window.profila.classStatus().trainees);
    assert.deepEqual(seen.map((t) => [t.name, t.lessonsPassed > 0, t.personas]), [[NAMES[0], true, 0], [NAMES[1], true, 1], [NAMES[2], false, 0]]);
    for (const n of NAMES) await findItem(trainer, n);
    await findItem(trainer, /Class .*: 3 trainees, 3 with results/);

    // Live: Carla passes a lesson now; the trainer's screen follows without a touch.
    const t0 = Date.now();
    await carla.evaluate(() => window.profila.recordCourseRun('why', [1, 1, 1, 1, 1, 1, 1, 1]));
    await waitFor(trainer, () => window.profila.classStatus().trainees[2].lessonsPassed > 0, null, 'Carla\'s pass on the trainer\'s screen');
    console.log(`class: a trainee's result on the trainer's screen after ${Date.now() - t0} ms; whole test ${Date.now() - started} ms`);
    assert.equal(couch.exited, null);
    for (const o of opened) assert.deepEqual(o.errors.filter((e) => !/Failed to load resource/.test(e)), []);
  } finally {
    await browser.close();
    server.stop();
    await couch.close();
  }
});
