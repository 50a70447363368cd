// Course: a trainee completes a lesson with real clicks, real touches and drags (mouse and finger),
// sees feedback that explains, reloads mid-lesson and resumes at the same item, retries, and the
// hand-in file (download and window.profila.exportResults()) holds every attempt. Screenshots of
// item types on a 768x1024 tablet (and 1024x768 with PROFILA_BOTH_TABLETS=1; devicePixelRatio 2) land in build/course-screens/
// for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, click, tap, findItem, frames, items, waitReady, center, repo } from './lib.mjs';
import { status, waitStatus, tabletViewports, portrait } from './course_lib.mjs';

const unit = JSON.parse(fs.readFileSync(path.join(repo, 'assets/course/unit.json'), 'utf8'));
const lesson = (id) => unit.lessons.find((l) => l.id === id);
const shotDir = path.join(repo, 'build/course-screens');

let server;
before(async () => { server = await startServer(); fs.mkdirSync(shotDir, { recursive: true }); });
after(() => server.stop());


// A finger drag through CDP touch events (what a tablet sends), one frame per step.
async function touchDrag(page, cdp, from, to, steps = 8) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from.x, y: from.y, id: 1 }] });
  await frames(page, 4);
  for (let i = 1; i <= steps; i++) {
    const x = from.x + ((to.x - from.x) * i) / steps;
    const y = from.y + ((to.y - from.y) * i) / steps;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y, id: 1 }] });
    await frames(page, 1);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await frames(page, 3);
}

async function mouseDrag(page, from, to, steps = 8) {
  await page.mouse.move(from.x, from.y);
  await frames(page, 1);
  await page.mouse.down();
  await frames(page, 1);
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
    await frames(page, 1);
  }
  await page.mouse.up();
  await frames(page, 3);
}

// After touches the app shows touch-sized targets; the first mouse move switches back to mouse
// sizes (the layout moves). Move the mouse onto an empty corner first, as a person reaching for
// the mouse would, so the next click lands on the widget where it is now.
async function mouseMode(page) {
  await page.mouse.move(3, 764);
  await frames(page, 3);
}

// True when the card sits inside the bucket's column (buckets are columns under their header).
async function cardInBucket(page, cardId, cat) {
  const all = await items(page);
  const card = all.find((i) => i.key === `card.${cardId}`);
  const bucket = all.find((i) => i.key === `bucket.${cat}`);
  return !!(card && bucket && card.y > bucket.y && card.x >= bucket.x - 1 && card.x + card.w <= bucket.x + bucket.w + 1);
}

// Opens a lesson from the list with a real click; a click that lands while the list is still
// settling (progress loading) is repeated, as a person would tap again.
async function openLesson(page, id, press = click) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await press(page, `lesson.${id}`);
    const s = await status(page);
    if (s.lesson === id) return;
    await frames(page, 5);
  }
  throw new Error(`lesson ${id} did not open`);
}

async function statusText(page) {
  return (await items(page)).filter((i) => i.role === 'status').map((i) => i.label.trim());
}

// A tablet as the trainees use it: touch, devicePixelRatio 2, landscape unless told.
const tablet = (viewport = { width: 1024, height: 768 }) => ({ viewport, deviceScaleFactor: 2, hasTouch: true });

// Opens the Course screen with a click or a tap and waits until the saved progress is read.
async function openCourse(page, press = click) {
  await press(page, 'nav.course');
  await waitStatus(page, (s) => s.loaded, 'progress loaded');
}

// Reads the teaching screens of a fresh lesson through to the questions.
async function readTeaching(page, press = click) {
  let s = await waitStatus(page, (x) => x.lesson !== '', 'lesson open');
  for (let k = 0; s.teach >= 0 && k < 8; k++) {
    await press(page, 'course.teach.next');
    s = await waitStatus(page, (x) => x.teach !== s.teach, 'next teaching screen');
  }
  assert.equal(s.teach, -1, 'the questions follow the teaching screens');
}

const itemById = (id) => unit.lessons.flatMap((l) => l.items).find((i) => i.id === id);

// Answers the current item quickly (right for choices when asked), then Check and Next.
async function answerQuickly(page, press = tap, right = true) {
  const s = await waitStatus(page, (x) => x.item !== '' && !x.feedback, 'an item');
  const item = itemById(s.item);
  if (['single', 'multi', 'scenario'].includes(item.type)) {
    const picks = right ? item.correct : [item.options.find((o) => !item.correct.includes(o))];
    for (const o of picks) await press(page, `opt.${o}`);
  } else if (item.type === 'sort') {
    for (const [card, cat] of item.cards) { await press(page, `card.${card}`); await press(page, `bucket.${cat}`); }
  } else if (item.type === 'numeric') {
    await press(page, 'course.number'); await page.keyboard.type(String(item.value)); await frames(page, 2); await press(page, `unit.${item.unit}`);
  } else if (item.type === 'match') {
    const cols = item.rows[0].length - 1;
    for (let r = 0; r < item.rows.length; r++)
      for (let c = 1; c <= cols; c++) { await press(page, `slot.${r}.${c}`); await press(page, `choice.${item.rows[r][c]}`); }
  }
  await press(page, 'course.check');
  await waitStatus(page, (x) => x.feedback, 'feedback');
  await press(page, 'course.next');
  await waitStatus(page, (x) => !x.feedback, 'next');
}

// Answers items until the current one has the given type.
async function skipTo(page, kind, press = tap) {
  for (let k = 0; k < 12; k++) {
    const s = await waitStatus(page, (x) => x.item !== '' && !x.feedback, 'an item');
    if (itemById(s.item).type === kind) return itemById(s.item);
    await answerQuickly(page, press);
  }
  throw new Error(`no ${kind} item in this round`);
}

test('a lesson with drags by finger and mouse, feedback, reload and resume, results, retry, hand-in', async () => {
  const { context, close } = await launch(tablet());
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    const cdp = await context.newCDPSession(page);
    await openCourse(page);
    await findItem(page, /^Course: identifying customers$/);

    // Trainee name, typed.
    await click(page, 'course.trainee');
    await page.keyboard.type('Giulia Test');
    await frames(page, 3);
    await waitStatus(page, (s) => s.trainee === 'Giulia Test', 'trainee name');

    await openLesson(page, 'profile');
    // A fresh lesson teaches first; the round's items come after (one per concept, shuffled).
    const opened = await waitStatus(page, (s) => s.teach === 0, 'first teaching screen');
    await readTeaching(page, tap);
    const round = opened.roundItems;
    assert.equal(round.length, lesson('profile').concepts.length, 'one item per concept');
    const scores = [];
    let wrongId = '', wrongOpt = '';
    for (let n = 0; n < round.length; n++) {
      const s = await waitStatus(page, (x) => x.item === round[n] && !x.feedback, `item ${n + 1}`);
      const item = itemById(s.item);
      if (item.type === 'sort') {
        // The sort: one card by tap-then-bucket, one dragged by finger, the rest dragged with the
        // mouse, and the last one deliberately wrong.
        const cards = item.cards;
        for (let i = 0; i < cards.length; i++) {
          const [card, right] = cards[i];
          const cat = i === cards.length - 1 ? (right === 'demo' ? 'psycho' : 'demo') : right;
          if (i === 0) {
            await tap(page, `card.${card}`);
            await tap(page, `bucket.${cat}`);
          } else if (i === 1) {
            const from = center(await findItem(page, `card.${card}`));
            const to = center(await findItem(page, `bucket.${cat}`));
            await touchDrag(page, cdp, from, to);
            await mouseMode(page);
          } else {
            await mouseMode(page);
            const from = center(await findItem(page, `card.${card}`));
            const to = center(await findItem(page, `bucket.${cat}`));
            await mouseDrag(page, from, to);
          }
          assert.ok(await cardInBucket(page, card, cat), `${card} is in ${cat}`);
        }
        await click(page, 'course.check');
        await waitStatus(page, (x) => x.feedback, 'sort feedback');
        const pct = Math.round(((cards.length - 1) / cards.length) * 100);
        assert.ok((await statusText(page)).includes(`Partly right: ${pct}%`), `all cards but one: partial credit (${await statusText(page)})`);
        // (The feedback may run below the window: findItem scrolls to it, as a person would.)
        assert.ok(await findItem(page, /fact about who the person is/), 'the reason for a demographic card is shown');
        assert.ok(await findItem(page, /\(you: /), 'the wrong card says where it was put');
        scores.push((cards.length - 1) / cards.length);
        await click(page, 'course.next');
      } else if (!wrongId) {
        // A wrong answer first: the feedback says why it is wrong and shows the right one.
        wrongId = item.id;
        wrongOpt = item.options.find((o) => !item.correct.includes(o));
        await tap(page, `opt.${wrongOpt}`);
        await tap(page, 'course.check');
        await waitStatus(page, (x) => x.feedback, 'feedback of the wrong answer');
        assert.ok((await statusText(page)).some((t) => /^\S*\s*(Not right|Partly right)/.test(t)), 'the status says not right');
        assert.ok((await items(page)).some((i) => /should have been chosen/.test(i.label)), 'the missed right answer is shown');
        scores.push(0);
        await tap(page, 'course.next');
      } else {
        for (const o of item.correct) await tap(page, `opt.${o}`);
        await tap(page, 'course.check');
        await waitStatus(page, (x) => x.feedback, 'feedback');
        assert.ok((await statusText(page)).some((t) => t.endsWith('Right!')), 'right');
        scores.push(1);
        await tap(page, 'course.next');
      }
      if (n === 1) {
        // Reload mid-lesson once the progress is saved: the lesson resumes at the same item.
        await waitStatus(page, (x) => x.item === round[2] && !x.dirty && !x.saving && x.saves > 0, 'progress saved');
        await page.reload();
        await waitReady(page);
        await click(page, 'nav.course');
        await waitStatus(page, (x) => x.loaded && x.trainee === 'Giulia Test', 'progress reloaded');
        const cont = await findItem(page, 'lesson.profile');
        assert.equal(cont.label, 'Continue');
        await click(page, 'lesson.profile');
        const resumed = await waitStatus(page, (x) => x.item !== '', 'resumed item');
        assert.equal(resumed.item, round[2], 'resumed at the item where the trainee left, with no teaching in between');
        const prompt = JSON.parse(fs.readFileSync(path.join(repo, 'assets/course/en.json'), 'utf8'))[`${round[2]}.prompt`];
        assert.ok((await items(page)).some((i) => i.role === 'heading' && i.label === prompt), 'its question is shown');
      }
    }

    // The summary: score, key points and what to review, with a way back to its teaching screen.
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const done = await waitStatus(page, (s) => s.lessons.profile && s.lessons.profile.finished, 'lesson finished');
    assert.equal(done.lessons.profile.runs, 1);
    await findItem(page, new RegExp(`^Score: ${Math.round(mean * 100)}%$`));
    await findItem(page, /^Key points$/);
    const concept = itemById(wrongId).concept;
    await tap(page, `course.review.${concept}`);
    const back = await waitStatus(page, (s) => s.teach >= 0, 'the teaching screen to review');
    const teachId = lesson('profile').concepts.find((c) => c.id === concept).teach;
    assert.equal(back.teach, lesson('profile').teach.findIndex((t) => t.id === teachId));
    await tap(page, 'course.teach.summary');
    await waitStatus(page, (s) => s.teach === -1, 'back to the summary');
    await findItem(page, /^Key points$/);

    // The hand-in file, downloaded by the button and read through the test contract.
    await mouseMode(page);
    await click(page, 'course.lessons');
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'course.export')]);
    const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    const handin = JSON.parse(await page.evaluate(() => window.profila.exportResults()));
    for (const h of [file, handin]) {
      assert.equal(h.format, 'profila-hand-in');
      assert.equal(h.trainee, 'Giulia Test');
      const verbs = h.statements.map((s) => s.verb);
      assert.deepEqual(verbs, [...round.map(() => 'answered'), 'completed', mean >= unit.pass_mark ? 'passed' : 'failed']);
      const answered = h.statements.filter((s) => s.verb === 'answered');
      assert.deepEqual(answered.map((s) => s.object.id.split('/').pop()), round);
      assert.deepEqual(answered.map((s) => Math.round(s.result.score.scaled * 100)), scores.map((x) => Math.round(x * 100)));
      assert.equal(answered[0].actor.name, 'Giulia Test');
      assert.deepEqual(answered[round.indexOf(wrongId)].result.response.values, [wrongOpt]);
      assert.ok(answered.every((s) => s.result.duration_s >= 0 && /^\d{4}-\d\d-\d\dT/.test(s.timestamp)));
      const completed = h.statements.find((s) => s.verb === 'completed');
      assert.equal(Math.round(completed.result.score.scaled * 100), Math.round(mean * 100));
      assert.ok(Array.isArray(h.personas));
    }
    assert.match(download.suggestedFilename(), /^profila-hand-in-Giulia-Test\.json$/);

    // Retry: round 2 starts from its first item (drawn again); all attempts are kept.
    await click(page, 'lesson.profile');
    await click(page, 'course.retry');
    const retry = await waitStatus(page, (s) => s.lessons.profile.round === 2 && s.item !== '', 'round 2');
    assert.equal(retry.item, retry.roundItems[0]);
    assert.equal(retry.attempts, round.length);
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

// Item types as a trainee on a tablet sees them (touch-sized targets, taps), landscape and
// portrait; the files are for a person to look at.
for (const vp of tabletViewports(portrait)) {
  const size = `${vp.width}x${vp.height}`;
  test(`screenshots of item types on a ${size} tablet, every target inside the window and 44 px tall`, async () => {
    const { context, close } = await launch(tablet(vp));
    try {
      const { page, errors } = await openApp(context, server.url + '?lang=en');
      await openCourse(page, tap);
      const shots = [['profile', 'sort'], ['product', 'match'], ['ltv', 'numeric'], ['lifecycle', 'order'], ['status', 'scenario']];
      for (const [id, kind] of shots) {
        await openLesson(page, id, tap);
        await readTeaching(page, tap);
        const shown = await skipTo(page, kind);
        if (kind === 'sort') { const [card, cat] = shown.cards[0]; await tap(page, `card.${card}`); await tap(page, `bucket.${cat}`); }
        if (kind === 'match') { await tap(page, 'slot.0.1'); }
        if (kind === 'numeric') { await tap(page, 'course.number'); await page.keyboard.type('720'); await frames(page, 2); await tap(page, 'unit.eur'); }
        await frames(page, 3);
        await page.screenshot({ path: path.join(shotDir, `${size}-${kind}.png`) });
        // Every widget of the item is inside the window and at least 44 CSS px tall (touch targets).
        const all = await items(page);
        for (const it of all.filter((i) => /^(opt|card|bucket|slot|choice|unit|up|down|course\.check)/.test(i.key))) {
          assert.ok(it.x >= 0 && it.x + it.w <= vp.width + 0.5, `${kind}: ${it.key} inside the window horizontally`);
          if (it.y + it.h < vp.height - 1 && it.y > 1) assert.ok(it.h >= 43, `${kind}: ${it.key} is ${it.h} px tall`);
        }
        await tap(page, 'course.back');
      }
      assert.deepEqual(errors, []);
    } finally { await close(); }
  });
}

test('numeric feedback, and the text-size setting scales the course screen', async () => {
  const { context, close } = await launch(tablet());
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    await openCourse(page);
    // Feedback of a numeric answer.
    await openLesson(page, 'ltv');
    await readTeaching(page, click);
    const numeric = await skipTo(page, 'numeric', click);
    await click(page, 'course.number');
    await page.keyboard.type('700');
    await click(page, `unit.${numeric.unit}`);
    await click(page, 'course.check');
    await waitStatus(page, (s) => s.feedback, 'numeric feedback');
    const unitText = JSON.parse(fs.readFileSync(path.join(repo, 'assets/course/en.json'), 'utf8'))[`${numeric.id}.${numeric.unit}`];
    assert.ok((await items(page)).some((i) => i.label === `Expected: ${numeric.value} ${unitText}. Your answer: 700 ${unitText}.`), 'expected and given figures');
    await page.screenshot({ path: path.join(shotDir, 'numeric-feedback.png') });

    // Text size 150%: the same screen, larger, still inside the window.
    const before = await findItem(page, 'course.next');
    await click(page, 'nav.settings');
    await click(page, 'text.150');
    await click(page, 'nav.course');
    const after = await findItem(page, 'course.next');
    assert.ok(after.h > before.h * 1.3, `the Next button grows with the text size (${before.h} -> ${after.h})`);
    await page.screenshot({ path: path.join(shotDir, 'text-150.png') });
    const canvas = await page.evaluate(() => document.getElementById('canvas').width);
    assert.equal(canvas, 2048, 'still rendered at devicePixelRatio 2 (crisp)');
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('practice on real data: classify ten of your own customers, then see Profila with its reasons; estimate LTV', async () => {
  const { context, close } = await launch(tablet());
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    await click(page, 'nav.customers');
    await click(page, 'customers.example');
    await page.waitForFunction(() => window.profila.storeStatus().customers > 50, null, { timeout: 20000 });
    await openCourse(page);
    await click(page, 'course.practice');
    await findItem(page, /^Practise on your own customers$/);
    // Guess "Active" for everyone, scrolling the list with the mouse wheel as a person would.
    for (let i = 0; i < 10; i++) {
      let it = (await items(page)).find((x) => x.key === `guess.${i}.active`);
      for (let k = 0; !it && k < 20; k++) {
        await page.mouse.move(600, 500);
        await page.mouse.wheel(0, 200);
        await frames(page, 3);
        it = (await items(page)).find((x) => x.key === `guess.${i}.active`);
      }
      assert.ok(it, `row ${i} reachable`);
      await click(page, `guess.${i}.active`);
    }
    let check = (await items(page)).find((x) => x.key === 'course.practice_check');
    for (let k = 0; !check && k < 20; k++) {
      await page.mouse.wheel(0, 300);
      await frames(page, 3);
      check = (await items(page)).find((x) => x.key === 'course.practice_check');
    }
    await click(page, 'course.practice_check');
    const heading = await findItem(page, /^Same as Profila: \d+ of 10$/);
    const right = Number(/(\d+) of 10/.exec(heading.label)[1]);
    // Profila's answers with reasons are shown for every customer (scroll back through the list).
    // (Status labels start with the mark icon's glyph.)
    const says = /(^|\s)Profila: (Current|Active|Inactive|Potential|Probable)$/;
    const reason = /days? since the last purchase|^Never bought/;
    const verdicts = new Set();
    let reasons = 0;
    for (let k = 0; k < 30; k++) {
      const all = await items(page);
      for (const it of all) if (says.test(it.label)) verdicts.add(it.label.replace(/^\S*\s+/, ''));
      reasons += all.filter((it) => reason.test(it.label)).length;
      await page.mouse.move(600, 500);
      await page.mouse.wheel(0, -250);
      await frames(page, 3);
    }
    assert.ok(verdicts.size >= 2, `Profila's statuses are shown, several different ones: ${[...verdicts]}`);
    assert.ok(reasons >= 2, 'each verdict comes with its reason');

    // Estimate the group's LTV from the terms shown (S x C x P x t), then compare.
    const terms = await findItem(page, /customers bought\. On average: S = /);
    const m = /S = €([\d.]+), C = ([\d.]+) purchases? a month, P = (\d+)%, t = ([\d.]+) months?/.exec(terms.label);
    assert.ok(m, `the LTV terms are shown: ${terms.label}`);
    const estimate = Math.round(Number(m[1]) * Number(m[2]) * (Number(m[3]) / 100) * Number(m[4]));
    await click(page, 'course.ltv_guess');
    await page.keyboard.type(String(estimate));
    await frames(page, 3);
    await click(page, 'course.ltv_check');
    const verdict = await findItem(page, /Profila computes €[\d.]+, you said €\d+/);
    const computed = Number(/computes €([\d.]+)/.exec(verdict.label)[1]);
    assert.match(verdict.label, new RegExp(`you said €${estimate}\\b`));
    const close = Math.abs(estimate - computed) <= 0.2 * computed;
    assert.equal(/^\S*\s*Close:/.test(verdict.label), close, `close or not, as the numbers say (${estimate} vs ${computed})`);

    const handin = JSON.parse(await page.evaluate(() => window.profila.exportResults()));
    const practice = handin.statements.filter((s) => s.object.id.endsWith('/practice.status'));
    assert.equal(practice.length, 1);
    assert.equal(Math.round(practice[0].result.score.scaled * 10), right);
    assert.ok(right >= 1 && right <= 9, `guessing "Active" for a mix of statuses is partly right (${right})`);
    const ltv = handin.statements.filter((s) => s.object.id.endsWith('/practice.ltv'));
    assert.equal(ltv.length, 1);
    assert.equal(ltv[0].result.score.scaled, close ? 1 : 0);
    assert.deepEqual(errors, []);
  } finally { await close(); }
});

test('a card dragged by finger lands in the bucket it is dropped on', async () => {
  const { context, close } = await launch(tablet());
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    const cdp = await context.newCDPSession(page);
    await openCourse(page);
    await openLesson(page, 'profile');
    await readTeaching(page, click);
    const sort = await skipTo(page, 'sort', click);
    const [card, cat] = sort.cards[0];
    const from = center(await findItem(page, `card.${card}`));
    const to = center(await findItem(page, `bucket.${cat}`));
    await touchDrag(page, cdp, from, to, 16);
    assert.ok(await cardInBucket(page, card, cat), `finger drag put ${card} into ${cat}`);
    assert.deepEqual(errors, []);
  } finally { await close(); }
});
