// Long run of the kill-during-sync trials: node tests/e2e/sync_kill_longrun.mjs [trials=100]
// (PROFILA_SITE=<built site> as for the e2e tests; SEED=n for other random draws; CUSTOMERS=n per
// trial, 400 by default). Pushes and pulls alternate. Prints each trial and the figures; exits 1 on
// the first lost or doubled customer or checkpoint ahead of what was stored.
import { runSyncKillTrials } from './sync_kill_trials.mjs';

const n = Number(process.argv[2] || 100);
const N = Number(process.env.CUSTOMERS || 400);
const started = Date.now();
try {
  const stats = await runSyncKillTrials(n, { seed: Number(process.env.SEED || 20261206), customers: Number(process.env.CUSTOMERS || 400),
                                             log: (line) => console.log(line) });
  const push = stats.atKill.filter((k) => k.kind === 'push');
  const pull = stats.atKill.filter((k) => k.kind === 'pull');
  // Where each kill fell: a push before any card reached the server, while cards went up or their
  // acknowledgements were not all stored, or after; a pull before any new card was stored, midway, or after.
  const count = (list, f) => list.filter(f).length;
  console.log(`push kills: ${push.length}; server held none: ${count(push, (k) => k.onServer === 0)}, mid-push (some cards up or ` +
              `acknowledgements not all stored): ${count(push, (k) => k.onServer > 0 && (k.onServer < k.total || k.outbox > 0))}, ` +
              `after: ${count(push, (k) => k.onServer === k.total && k.outbox === 0)}`);
  console.log(`pull kills: ${pull.length}; device had stored none of the new cards: ${count(pull, (k) => k.local <= k.total - N)}, ` +
              `mid-pull: ${count(pull, (k) => k.local > k.total - N && k.local < k.total)}, all: ${count(pull, (k) => k.local >= k.total)}`);
  console.log(`sync kill long run: ${stats.trials} trials (${stats.push} push, ${stats.pull} pull; ${stats.crashes} crashes, ${stats.closes} closes), ` +
              `${stats.edits} cards edited just before a kill, ${stats.checkpointDocs} customers checked behind a stored checkpoint; ` +
              `lost ${stats.lost}, doubled ${stats.doubled}, checkpoint ahead ${stats.ahead}; median ${(stats.medianTrialMs / 1000).toFixed(1)} s per trial, ` +
              `${Math.round((Date.now() - started) / 1000)} s in all`);
} catch (e) {
  console.log('sync kill long run FAILED: ' + e.message);
  process.exitCode = 1;
}
