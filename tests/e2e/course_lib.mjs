// What the course's browser tests share: the course's state as window.profila.courseStatus()
// reports it, and a wait for a state, a couple of frames at a time.
import { frames } from './lib.mjs';

export const status = (page) => page.evaluate(() => window.profila.courseStatus());

export async function waitStatus(page, pred, what) {
  const deadline = Date.now() + 20000;
  for (;;) {
    const s = await status(page);
    if (pred(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s)}`);
    await frames(page, 2);
  }
}
