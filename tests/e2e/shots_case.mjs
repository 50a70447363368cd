// Screenshots of the graded case (Course > the case) on the example shop at 1024x768 (English) and
// 768x1024 (Italian): every step before and after Check, a strategy's consequence, the persona held
// against the data (a persona is saved first) and the result.
// Usage: node tests/e2e/shots_case.mjs [out-dir=/tmp/shots-case]   (needs the web build)
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, tap, frames, findItem } from './lib.mjs';

const out = process.argv[2] || '/tmp/shots-case';
fs.mkdirSync(out, { recursive: true });
const server = await startServer();
const persona = {
  schema: 1, id: 'shot-persona', name: 'Giulia', revision: 0,
  strokes: [{ color: '#1F2937', width: 4, points: [300, 200, 1, 300, 500, 1] }],
  details: { gender: { value: 'female', state: 'known' }, age: { value: '35-44', state: 'assumed' }, location: { value: 'Viterbo', state: 'unknown' } },
};
const status = (page) => page.evaluate(() => window.profila.courseStatus());
async function until(page, pred) {
  for (let i = 0; i < 200; i++) { const s = await status(page); if (pred(s)) return s; await frames(page, 2); }
  throw new Error('timed out');
}
const step = (s) => (s.lessons.case ? s.lessons.case.current : 0);
try {
  for (const [w, h, lang] of [[1024, 768, 'en'], [768, 1024, 'it']]) {
    const { context, close } = await launch({ viewport: { width: w, height: h }, hasTouch: true });
    const { page } = await openApp(context, server.url + `?lang=${lang}`);
    await page.evaluate((p) => window.profila.commitPersona(JSON.stringify(p)), persona);
    const shot = async (name) => { await frames(page, 3); await page.screenshot({ path: path.join(out, `${w}x${h}-case-${name}.png`) }); };
    await tap(page, 'nav.course');
    await until(page, (s) => s.loaded);
    await tap(page, 'lesson.case');
    const c = (await until(page, (s) => s.case)).case;
    await findItem(page, 'case.pareto_chart');
    await shot('1-pareto');
    await tap(page, `case.option.${c.pareto[0]}`);
    await tap(page, 'case.check');
    await findItem(page, 'case.next');
    await shot('1-pareto-checked');
    await tap(page, 'case.next');
    await until(page, (s) => step(s) === 1 && !s.case.checked);
    await findItem(page, 'case.rfm_chart');
    await shot('2-rfm');
    await tap(page, `case.option.${c.rfmOptions.find((x) => !c.rfm.includes(x))}`);
    await tap(page, 'case.check');
    await findItem(page, 'case.next');
    await shot('2-rfm-checked');
    await tap(page, 'case.next');
    await until(page, (s) => step(s) === 2 && !s.case.checked);
    await shot('3-classify');
    for (let i = 0; i < c.statuses.length; i++) await tap(page, `case.status.${i}.${i === 0 ? (c.statuses[0] === 'active' ? 'current' : 'active') : c.statuses[i]}`);
    await tap(page, 'case.check');
    await findItem(page, 'case.next');
    await shot('3-classify-checked');
    await tap(page, 'case.next');
    await until(page, (s) => step(s) === 3);
    await shot('4-strategy');
    for (let i = 0; i < c.strategies.length; i++) {
      await until(page, (s) => s.case.customer === i);
      const choice = i === 1 ? c.choices[i].find((x) => x !== c.strategies[i]) : c.strategies[i];
      await tap(page, `case.strategy.${choice}`);
      await findItem(page, 'case.next');
      if (i < 2) await shot(`4-strategy-${i + 1}-consequence`);
      await tap(page, 'case.next');
    }
    await until(page, (s) => step(s) === 4 && !s.case.checked);
    await tap(page, 'case.number');
    await page.keyboard.type(String(Math.round((c.ltv / 12) * 100) / 100));  // t left in years
    await shot('5-ltv');
    await tap(page, 'case.check');
    await findItem(page, 'case.next');
    await shot('5-ltv-checked');
    await tap(page, 'case.next');
    await until(page, (s) => step(s) === 5 && !s.case.checked);
    await tap(page, 'case.number');
    await page.keyboard.type(String(c.cost));
    await tap(page, 'case.check');
    await findItem(page, 'case.next');
    await shot('6-cost-checked');
    await tap(page, 'case.next');
    await until(page, (s) => step(s) === 6 && !s.case.checked);
    await findItem(page, 'case.option.holds');
    await shot('7-persona');
    await tap(page, 'case.option.partly');
    await tap(page, 'case.check');
    await findItem(page, 'case.next');
    await shot('7-persona-checked');
    await tap(page, 'case.next');
    await until(page, (s) => s.lessons.case.finished && !s.case.checked);
    await findItem(page, 'case.again');
    await shot('8-result');
    await close();
  }
} finally {
  server.stop();
}
console.log(`screenshots in ${out}`);
