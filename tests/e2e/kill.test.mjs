// Kill during save, quick version (6 trials; tests/e2e/kill_longrun.mjs runs 200): the page is
// crashed or closed at random moments while it saves; after reopening, every customer is one of
// its committed versions, none is broken or missing, and nothing reported saved is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib.mjs';
import { runKillTrials } from './kill_trials.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

test('kill during save: 6 random crashes and closes lose nothing acknowledged and break nothing', async () => {
  const stats = await runKillTrials(server.url, 6, { seed: Date.now() });
  assert.equal(stats.trials, 6);
  assert.ok(stats.acked > 0, 'some saves were acknowledged before the kills');
});
