// Long run of the kill-during-sync trials: node tests/e2e/sync_kill_longrun.mjs [trials=100]
// (PROFILA_SITE=<built site> as for the e2e tests; SEED=n for other random draws; CUSTOMERS=n per
// trial, 400 by default). Pushes and pulls alternate. Prints each trial and the figures; exits 1 on
// the first lost or doubled customer or checkpoint ahead of what was stored.
import { runSyncKillTrials } from './sync_kill_trials.mjs';

const n = Number(process.argv[2] || 100);
const started = Date.now();
try {
  const stats = await runSyncKillTrials(n, { seed: Number(process.env.SEED || 20261206), customers: Number(process.env.CUSTOMERS || 400),
                                             log: (line) => console.log(line) });
  const push = stats.atKill.filter((k) => k.kind === 'push');
  const pull = stats.atKill.filter((k) => k.kind === 'pull');
  const N = Number(process.env.CUSTOMERS || 400);
  console.log(`push kills: ${push.length}; server held 0 docs: ${push.filter((k) => k.onServer === 0).length}, ` +
              `between 1 and ${N - 1}: ${push.filter((k) => k.onServer > 0 && k.onServer < N).length}, all ${N} with outbox entries left: ` +
              `${push.filter((k) => k.onServer === N && k.outbox > 0).length}, all and outbox empty: ${push.filter((k) => k.onServer === N && k.outbox === 0).length}`);
  console.log(`pull kills: ${pull.length}; device had stored none of the trial's new customers: ${stats.pull - stats.midPull - pull.filter((k) => k.local >= N).length}, ` +
              `some but not all: ${stats.midPull}, all: ${pull.filter((k) => k.local >= N).length}`);
  console.log(`sync kill long run: ${stats.trials} trials (${stats.push} push, ${stats.pull} pull; ${stats.crashes} crashes, ${stats.closes} closes), ` +
              `${stats.edits} cards edited just before a kill, ${stats.checkpointDocs} customers checked behind a stored checkpoint; ` +
              `lost ${stats.lost}, doubled ${stats.doubled}, checkpoint ahead ${stats.ahead}; median ${(stats.medianTrialMs / 1000).toFixed(1)} s per trial, ` +
              `${Math.round((Date.now() - started) / 1000)} s in all`);
} catch (e) {
  console.log('sync kill long run FAILED: ' + e.message);
  process.exitCode = 1;
}
