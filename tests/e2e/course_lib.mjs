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

// The tablets the course is tested on. Walking a whole lesson or every item type by touch takes
// 35-45 s per tablet here, so the test command walks each flow on one of them (a lesson in
// landscape, the item types in portrait, the narrower of the two); PROFILA_BOTH_TABLETS=1 walks
// both flows on both (README, "Long runs").
export const landscape = { width: 1024, height: 768 };
export const portrait = { width: 768, height: 1024 };
export const tabletViewports = (usual) => (process.env.PROFILA_BOTH_TABLETS === '1' ? [landscape, portrait] : [usual]);
