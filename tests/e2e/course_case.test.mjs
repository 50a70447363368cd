// The graded case on the example shop, played by touch on a tablet (1024x1366) from its first step to the
// result: the Pareto curve and the RFM table, five customers classified, a strategy for each
// (every choice shows its consequence), a group's LTV, the LTV against the acquisition cost and
// the persona step (no persona saved: it says so, links to the sketch, and is skipped). The result
// is stored with the course progress and survives a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, tap, findItem, frames, items, waitReady } from './lib.mjs';
import { status, waitStatus } from './course_lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

// The closing lesson is the last of the list: scrolled to without findItem's pause, then tapped.
async function openCase(page) {
  await page.mouse.move(600, 700);
  for (let k = 0; k < 12 && !(await items(page)).some((i) => i.key === 'lesson.case'); k++) {
    await page.mouse.wheel(0, 600);
    await frames(page, 2);
  }
  await tap(page, 'lesson.case');
}
const step = (s) => (s.lessons.case ? s.lessons.case.current : 0);

async function typeNumber(page, value) {
  await tap(page, 'case.number');
  await page.keyboard.type(String(Math.round(value * 100) / 100));
  await frames(page, 2);
}

test('the graded case on the example shop, by touch, to a result that survives a reload', async () => {
  const { context, close } = await launch({ viewport: { width: 1024, height: 1366 }, hasTouch: true })  // a 12.9" tablet upright: every step fits without scrolling;
  try {
    const { page, errors } = await openApp(context, server.url + '?lang=en');
    await tap(page, 'nav.course');
    await waitStatus(page, (s) => s.loaded, 'progress loaded');
    await openCase(page);
    // No customers in a fresh workspace: the example shop, built at once.
    const s0 = await waitStatus(page, (s) => s.lesson === 'case' && s.case, 'the case');
    assert.equal(s0.case.example, true);
    await findItem(page, /Data: the example shop/);

    // a) the charts: the Pareto share (right) and the largest RFM segment (a wrong one, on purpose).
    await findItem(page, 'case.pareto_chart');
    await tap(page, `case.option.${s0.case.pareto[0]}`);
    await tap(page, 'case.check');
    await findItem(page, /Right: above the 20% mark the curve reads \d+%\.$/);
    await tap(page, 'case.next');
    await waitStatus(page, (s) => step(s) === 1 && !s.case.checked, 'the RFM step');
    await findItem(page, 'case.rfm_chart');
    await tap(page, `case.option.${s0.case.rfmOptions.find((x) => !s0.case.rfm.includes(x))}`);
    await tap(page, 'case.check');
    await findItem(page, /Not .+: the largest segment is .+\.$/);
    await tap(page, 'case.next');

    // b) five customers classified as Profila does, with its reasons as feedback.
    await waitStatus(page, (s) => step(s) === 2 && !s.case.checked, 'the classify step');
    for (let i = 0; i < s0.case.statuses.length; i++) await tap(page, `case.status.${i}.${s0.case.statuses[i]}`);
    await tap(page, 'case.check');
    await findItem(page, /^Same as Profila: 5 of 5\.$/);
    await tap(page, 'case.next');

    // c) a strategy for each: the right one for the first four, a wrong one for the last; each
    // choice shows what happens next.
    await waitStatus(page, (s) => step(s) === 3, 'the strategy step');
    for (let i = 0; i < s0.case.strategies.length; i++) {
      await waitStatus(page, (s) => s.case.customer === i, `customer ${i + 1}`);
      const last = i === s0.case.strategies.length - 1;
      const choice = last ? s0.case.choices[i].find((x) => x !== s0.case.strategies[i]) : s0.case.strategies[i];
      await tap(page, `case.strategy.${choice}`);
      await findItem(page, choice === s0.case.strategies[i] ? /Profila makes the same choice: / : /Profila would choose: /);
      await tap(page, 'case.next');
    }

    // d) the LTV on the figures shown, then against the acquisition cost.
    await waitStatus(page, (s) => step(s) === 4 && !s.case.checked, 'the LTV step');
    await typeNumber(page, s0.case.ltv);
    await tap(page, 'case.check');
    await findItem(page, /The formula on these figures: /);
    await tap(page, 'case.next');
    await waitStatus(page, (s) => step(s) === 5 && !s.case.checked, 'the cost step');
    await typeNumber(page, s0.case.cost);
    await tap(page, 'case.check');
    await findItem(page, / = -?€ ?[\d.,]+\. You gave -?€ ?[\d.,]+\.$/);
    await tap(page, 'case.next');

    // e) no persona saved: the step says so and links to the sketch; skipped, it scores 0.
    await waitStatus(page, (s) => step(s) === 6, 'the persona step');
    await findItem(page, /No persona is saved yet\./);
    await findItem(page, 'case.persona_open');
    await tap(page, 'case.skip');

    // The result: pareto 1, rfm 0, classify 1, strategy 0.8, ltv 1, cost 1, persona 0 = 4.8 / 7.
    const done = await waitStatus(page, (s) => s.lessons.case && s.lessons.case.finished && !s.dirty && !s.saving, 'the result, saved');
    assert.equal(done.lessons.case.runs, 1);
    await findItem(page, /Score: 69%/);
    await findItem(page, 'case.again');

    await page.reload();
    await waitReady(page);
    await tap(page, 'nav.course');
    const back = await waitStatus(page, (s) => s.loaded && s.lessons.case, 'progress after reload');
    assert.equal(back.lessons.case.finished, true);
    assert.equal(back.lessons.case.runs, 1);
    await openCase(page);
    await findItem(page, /Score: 69%/);
    assert.deepEqual(errors, []);
  } finally { await close(); }
});
