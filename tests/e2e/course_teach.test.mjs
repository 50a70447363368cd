// Course, taught: a lesson by touch from its first teaching screen to the summary on a tablet, in
// landscape (and portrait with PROFILA_BOTH_TABLETS=1), and the teaching pictures (lifecycle cycle, Pareto curve, RFM grid,
// card sections, LTV factors). Screenshots land in /tmp/shots-course/ for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, tap, findItem, frames, items, repo } from './lib.mjs';
import { status, waitStatus, tabletViewports, landscape } from './course_lib.mjs';

const unit = JSON.parse(fs.readFileSync(path.join(repo, 'assets/course/unit.json'), 'utf8'));
const itemById = (id) => unit.lessons.flatMap((l) => l.items).find((i) => i.id === id);
const lesson = (id) => unit.lessons.find((l) => l.id === id);
const shotDir = process.env.PROFILA_COURSE_SHOTS || '/tmp/shots-course';

let server;
before(async () => { server = await startServer(); fs.mkdirSync(shotDir, { recursive: true }); });
after(() => server.stop());


async function openLesson(page, id) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await tap(page, `lesson.${id}`);
    if ((await status(page)).lesson === id) return;
    await frames(page, 5);
  }
  throw new Error(`lesson ${id} did not open`);
}

// Answers the current item right, by touch.
async function answerRight(page) {
  const s = await waitStatus(page, (x) => x.item !== '' && !x.feedback, 'an item');
  const item = itemById(s.item);
  if (['single', 'multi', 'scenario'].includes(item.type)) for (const o of item.correct) await tap(page, `opt.${o}`);
  else if (item.type === 'sort') for (const [card, cat] of item.cards) { await tap(page, `card.${card}`); await tap(page, `bucket.${cat}`); }
  else if (item.type === 'numeric') { await tap(page, 'course.number'); await page.keyboard.type(String(item.value)); await frames(page, 2); await tap(page, `unit.${item.unit}`); }
  await tap(page, 'course.check');
  await waitStatus(page, (x) => x.feedback, 'feedback');
  await tap(page, 'course.next');
}

for (const vp of tabletViewports(landscape)) {
  const size = `${vp.width}x${vp.height}`;
  test(`a lesson by touch from its first teaching screen to the summary, and the pictures, on a ${size} tablet`, async () => {
    const { context, close } = await launch({ viewport: vp, deviceScaleFactor: 2, hasTouch: true });
    try {
      const { page, errors } = await openApp(context, server.url + '?lang=en');
      await tap(page, 'nav.course');
      await waitStatus(page, (s) => s.loaded, 'progress loaded');

      // The lifecycle lesson: every teaching screen (the first one draws the cycle), then the items.
      await openLesson(page, 'lifecycle');
      const teach = lesson('lifecycle').teach;
      for (let k = 0; k < teach.length; k++) {
        await waitStatus(page, (s) => s.teach === k, `teaching screen ${k + 1}`);
        if (k === 0) await findItem(page, 'course.pic.lifecycle');
        await page.screenshot({ path: path.join(shotDir, `${size}-teach-lifecycle-${k + 1}.png`) });
        await tap(page, 'course.teach.next');
      }
      const first = await waitStatus(page, (s) => s.teach === -1 && s.item !== '', 'the first question');
      for (let n = 0; n < first.roundItems.length; n++) await answerRight(page);
      await waitStatus(page, (s) => s.lessons.lifecycle && s.lessons.lifecycle.finished, 'the summary');
      // Choices answered right; an Order item left as shown scores part: the summary names it
      // for review with a way back to the screen that teaches it.
      await findItem(page, /^Score: \d+%$/);
      await findItem(page, /^Key points$/);
      await page.screenshot({ path: path.join(shotDir, `${size}-summary.png`) });
      const review = (await items(page)).find((i) => i.key.startsWith('course.review.'));
      if (review) {
        const concept = review.key.slice('course.review.'.length);
        await tap(page, review.key);
        const back = await waitStatus(page, (s) => s.teach >= 0, 'the teaching screen to review');
        const teachId = lesson('lifecycle').concepts.find((c) => c.id === concept).teach;
        assert.equal(back.teach, teach.findIndex((t) => t.id === teachId));
        await tap(page, 'course.teach.summary');
        await waitStatus(page, (s) => s.teach === -1, 'back to the summary');
        await findItem(page, /^Key points$/);
      }
      await tap(page, 'course.back');

      // The other pictures, on their teaching screens.
      for (const [id, pic] of [['winning', 'pareto'], ['winning', 'rfm'], ['card', 'card'], ['ltv', 'ltv']]) {
        await openLesson(page, id);
        const k = lesson(id).teach.findIndex((t) => t.picture === pic);
        for (let i = 0; i < k; i++) await tap(page, 'course.teach.next');
        await waitStatus(page, (s) => s.teach === k, `${pic} screen`);
        const drawn = await findItem(page, `course.pic.${pic}`);
        assert.ok(drawn.x >= 0 && drawn.x + drawn.w <= vp.width + 0.5, `${pic} inside the window`);
        await page.screenshot({ path: path.join(shotDir, `${size}-teach-${pic}.png`) });
        // Teaching buttons are touch-sized.
        for (const it of (await items(page)).filter((i) => /^course\.teach/.test(i.key))) assert.ok(it.h >= 43, `${it.key} is ${it.h} px tall`);
        await tap(page, 'course.back');
      }
      assert.deepEqual(errors, []);
    } finally { await close(); }
  });
}
