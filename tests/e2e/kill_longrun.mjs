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
  console.log(`kill long run: ${stats.trials} trials (${stats.crashes} crashes, ${stats.closes} closes), ` +
              `${stats.checked} customer checks, ${stats.acked} acknowledged revisions, 0 broken, 0 missing, 0 lost, ` +
              `${Math.round((Date.now() - started) / 1000)} s`);
} catch (e) {
  console.log('kill long run FAILED: ' + e.message);
  process.exitCode = 1;
} finally { server.stop(); }
