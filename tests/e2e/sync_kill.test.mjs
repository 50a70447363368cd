// Kill during sync, quick version (2 trials: a push and a pull, 200 customers each;
// tests/e2e/sync_kill_longrun.mjs runs 100 of 400): the page is crashed or closed while it pushes to
// or pulls from pouchdb-server, then reopened; it finishes with no customer lost or doubled, and
// the checkpoint it stored was never ahead of what it stored (sync_kill_trials.mjs says how).
import test from 'node:test';
import assert from 'node:assert/strict';
import { runSyncKillTrials } from './sync_kill_trials.mjs';

test('kill during sync: a push and a pull killed at random, nothing lost or doubled, the checkpoint never ahead', { timeout: 120000 }, async () => {
  const stats = await runSyncKillTrials(2, { seed: Date.now(), customers: 200 });
  assert.equal(stats.trials, 2);
  assert.equal(stats.lost + stats.doubled + stats.ahead, 0);
});
