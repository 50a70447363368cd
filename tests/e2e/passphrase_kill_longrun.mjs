// Long run of the kill-while-switching-the-passphrase check (issue 18):
// node tests/e2e/passphrase_kill_longrun.mjs [trials=50] (PROFILA_SITE=<built site> as for the e2e
// tests). Prints each trial and a summary; exits 1 on the first missing or lost customer, or a store
// found half encrypted.
import { startServer } from './lib.mjs';
import { runPassphraseKillTrials } from './passphrase_kill.mjs';

const n = Number(process.argv[2] || 50);
const server = await startServer();
const started = Date.now();
const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
try {
  const stats = await runPassphraseKillTrials(server.url, n, { seed: Number(process.env.SEED || 20261206), log: (line) => console.log(line) });
  console.log(`passphrase kill long run: ${stats.trials} trials (${stats.crashes} crashes, ${stats.closes} closes), ` +
              `${stats.killsInTx} killed during the switch's transaction window, the rest while its key was derived; ` +
              `${stats.killedBeforeDone} killed before the switch was reported done, ${stats.switchesDone} switches done ` +
              `(transaction median ${Math.round(median(stats.txMs))} ms); ` +
              `store found encrypted ${stats.encryptedFound} times, plain ${stats.plainFound} times, never half; ` +
              `${stats.checked} customer checks, 0 missing, 0 lost; switch median ${Math.round(median(stats.switchMs))} ms, ` +
              `unlock median ${Math.round(median(stats.unlockMs))} ms; ${Math.round((Date.now() - started) / 1000)} s`);
} catch (e) {
  console.log('passphrase kill long run FAILED: ' + e.message);
  process.exitCode = 1;
} finally { server.stop(); }
