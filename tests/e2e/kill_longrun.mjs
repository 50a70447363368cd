// Long run of the kill-during-save check: node tests/e2e/kill_longrun.mjs [trials=200]
// (PROFILA_SITE=<built site> as for the e2e tests). Prints each trial and a summary; exits 1 on
// the first broken, missing or lost customer.
import { startServer } from './lib.mjs';
import { runKillTrials } from './kill_trials.mjs';

const n = Number(process.argv[2] || 200);
const server = await startServer();
const started = Date.now();
try {
  const stats = await runKillTrials(server.url, n, { seed: Number(process.env.SEED || 20261124), log: (line) => console.log(line) });
  const buckets = [0, 0, 0, 0, 0];  // kill moments in 500 ms bins from the first edit
  for (const ms of stats.killMs) buckets[Math.min(4, Math.floor(ms / 500))]++;
  console.log(`kill moments (ms after editing starts): 0-499: ${buckets[0]}, 500-999: ${buckets[1]}, 1000-1499: ${buckets[2]}, ` +
              `1500-1999: ${buckets[3]}, 2000-2499: ${buckets[4]}; waits for a closed page to end: ${stats.waitedForDeath}; ` +
              `acks from a page after its close: ${stats.zombieAcks}`);
  console.log(`kill long run: ${stats.trials} trials (${stats.crashes} crashes, ${stats.closes} closes), ` +
              `${stats.checked} customer checks, ${stats.acked} acknowledged revisions, 0 broken, 0 missing, 0 lost, ` +
              `${Math.round((Date.now() - started) / 1000)} s`);
} catch (e) {
  console.log('kill long run FAILED: ' + e.message);
  process.exitCode = 1;
} finally { server.stop(); }
