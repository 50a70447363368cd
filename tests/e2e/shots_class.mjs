// Screenshots of the class over CouchDB at 1024x768 (English) and 768x1024 (Italian), against
// pouchdb-server on the app's origin (as tests/e2e/class.test.mjs): the trainee's join panel, the
// trainee once joined, the trainer's form, the class just created (its code) and the live class
// with three trainees' results.
// Usage: node tests/e2e/shots_class.mjs [out-dir=/tmp/shots-class]   (needs the web build)
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, chromiumArgs, openApp, click, frames, findItem, typeField } from './lib.mjs';
import { startCouch, ADMIN } from './couch.mjs';

const out = process.argv[2] || '/tmp/shots-class';
fs.mkdirSync(out, { recursive: true });
const couch = await startCouch();
const server = await startServer(undefined, ['--couchdb', couch.url]);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs });

const shot = async (page, name) => { await frames(page, 4); await page.screenshot({ path: path.join(out, name) }); };

try {
  for (const [w, h, lang] of [[1024, 768, 'en'], [768, 1024, 'it']]) {
    const names = lang === 'en' ? ['Ada Rossi', 'Bruno Neri', 'Carla Bini'] : ['Giulia Conti', 'Marco Esposito', 'Sara Romano'];
    const contexts = await Promise.all([0, 1, 2, 3].map(() => browser.newContext({ viewport: { width: w, height: h } })));
    const [trainer, ...trainees] = (await Promise.all(contexts.map((c) => openApp(c, server.url + `?lang=${lang}`)))).map((o) => o.page);
    await click(trainer, 'nav.course');
    await click(trainer, 'course.class');
    await click(trainer, 'class.live_open');
    await typeField(trainer, 'class.live.user', ADMIN.name);
    await typeField(trainer, 'class.live.password', ADMIN.password);
    await typeField(trainer, 'class.live.roster', names.join(', '));
    await shot(trainer, `${w}x${h}-class-trainer-form.png`);
    await click(trainer, 'class.create');
    await trainer.waitForFunction(() => window.profila.classStatus().code !== '', null, { timeout: 30000 });
    const { code } = await trainer.evaluate(() => window.profila.classStatus());
    await shot(trainer, `${w}x${h}-class-created.png`);
    // The trainee's join panel, filled in.
    await click(trainees[0], 'nav.course');
    await click(trainees[0], 'class.join_open');
    await typeField(trainees[0], 'class.join.code', code);
    await typeField(trainees[0], 'class.join.name', names[0]);
    await shot(trainees[0], `${w}x${h}-class-join.png`);
    await click(trainees[0], 'class.join');
    for (let i = 1; i < 3; ++i) await trainees[i].evaluate(([c, n]) => window.profila.classJoin(c, n), [code, names[i]]);
    const runs = [[1, 1, 1, 1, 1, 1, 1, 1], [1, 0, 0.5, 1, 1, 0, 1, 1], [0, 1, 0, 0, 1, 0, 0, 0]];
    for (let i = 0; i < 3; ++i) {
      await trainees[i].waitForFunction(() => window.profila.syncStatus().phase === 'ready' && window.profila.syncStatus().firstPullDone, null, { timeout: 30000 });
      await trainees[i].evaluate((r) => window.profila.recordCourseRun('why', r), runs[i]);
      if (i === 0) await trainees[i].evaluate(() => window.profila.recordCourseRun('profile', [1, 1, 1, 0.5, 1, 1, 1, 1, 1]));
      await trainees[i].waitForFunction(() => { const s = window.profila.syncStatus(); return s.waiting === 0 && s.statementsSent > 0; }, null, { timeout: 30000 });
    }
    await shot(trainees[0], `${w}x${h}-class-joined.png`);
    await trainer.waitForFunction(() => window.profila.classStatus().trainees.every((t) => t.statements > 0), null, { timeout: 30000 });
    await trainer.evaluate(() => window.scrollTo(0, 0));
    await findItem(trainer, names[2]);
    await shot(trainer, `${w}x${h}-class-live.png`);
    await Promise.all(contexts.map((c) => c.close()));
  }
  console.log('screenshots in', out);
} finally {
  await browser.close();
  server.stop();
  await couch.close();
}
