// Kill during save: edits customers, a persona and the course progress and saves them, then crashes or closes the page at a random
// moment (CDP Page.crash, or page.close without beforeunload); after reopening, every customer
// must be exactly one of the versions that were committed (old or new, never broken or missing),
// and no change that was reported saved (the transaction's complete event) may be lost. The same
// for the persona (its name marks the version) and the progress (the trainee's name), which the
// one store saves by the same rules, in the same transactions.
// Used by kill.test.mjs (10 trials) and kill_longrun.mjs (200 trials).
// page.close() resolves while the closed page may still run for a moment (measured: after nearly
// every close its Web Lock was still held), so the next page waits until the lock manager shows no
// app page alive: otherwise the "killed" page is a second tab still saving, and the checks below
// (made right after the next load) would read before that tab's last acknowledged save.
import assert from 'node:assert/strict';
import { launch, waitReady } from './lib.mjs';
import { killPage, watchAppPages } from './kill_page.mjs';

const CUSTOMERS = 40;
const PURCHASES = 12;  // per customer: records of a few KB, so transactions take a while

function cardJson(id, notes) {
  const purchases = [];
  for (let i = 0; i < PURCHASES; i++) purchases.push({ id: `${id}-p${i}`, date: `2025-0${1 + (i % 9)}-1${i % 9}`, amount: 10 + i, category: 'coffee', channel: 'shop' });
  return JSON.stringify({ schema: 2, id, kind: 'private', name: 'Customer ' + id, notes, purchases });
}

// Runs n trials against the served site at url; returns {trials, crashes, closes, acked, checked}.
export async function runKillTrials(url, n, { log = () => {}, seed = 12345 } = {}) {
  let rng = seed >>> 0;
  const random = () => ((rng = (Math.imul(rng, 1664525) + 1013904223) >>> 0) / 4294967296);
  const { context, close } = await launch({ viewport: { width: 480, height: 360 } });  // small canvas: faster software rendering
  const committed = new Map();  // id -> Map(rev -> notes), as reported back by the page
  const attempted = new Map();  // id -> Set(notes) of every edit sent (a superset)
  const acked = new Map();      // id -> highest revision reported saved
  const history = [];           // what happened, for the message of a failed check
  // The persona and the progress record: revision -> marker committed, markers sent, highest acked.
  const PERSONA = 'PKILL1';
  const extra = { persona: { committed: new Map(), attempted: new Set(), acked: 0 }, progress: { committed: new Map(), attempted: new Set(), acked: 0 } };
  const stats = { trials: 0, crashes: 0, closes: 0, acked: 0, checked: 0, killMs: [] };
  // Acknowledgements: the store's 'profila-store-saved' event fires on the transaction's complete.
  const dead = new WeakSet();  // pages this script killed: an ack from one of them means it was still running
  stats.zombieAcks = 0;
  stats.waitedForDeath = 0;
  await context.exposeBinding('__profilaAck', (src, puts) => {
    if (dead.has(src.page)) stats.zombieAcks++;
    for (const p of puts) {
      if (p.c === 'personas' && p.k === PERSONA) extra.persona.acked = Math.max(extra.persona.acked, p.r);
      if (p.c === 'progress') extra.progress.acked = Math.max(extra.progress.acked, p.r);
    }
    for (const p of puts) if (p.c === 'customers') {
      acked.set(p.k, Math.max(acked.get(p.k) || 0, p.r));
      history.push(`ack ${p.k} r${p.r}${dead.has(src.page) ? ' (from a killed page)' : ''}`);
    }
  });
  // A killed page must be gone before the next one opens: a page that still runs is a second tab
  // writing, which the store handles (revision checks) but this test's bookkeeping does not model.
  const waitForDeath = await watchAppPages(context, url);
  const waitDeath = async (t) => { if (await waitForDeath(t)) stats.waitedForDeath++; };
  await context.addInitScript(() => {
    if (location.pathname.endsWith('.json')) return;  // the probe page
    window.addEventListener('profila-store-saved', (e) => { window.__profilaAck(e.detail.puts || []); });
  });
  const ids = Array.from({ length: CUSTOMERS }, (_, i) => 'K' + String(i).padStart(3, '0'));
  try {
    const open = async () => {
      const page = await context.newPage();
      await page.goto(url + '?lang=en');
      await waitReady(page);
      await page.waitForFunction(() => window.profila.storeStatus().loaded, null, { timeout: 30000 });
      return page;
    };
    // The persona's name and the trainee's name set to marker; resolves to their new revisions.
    const commitExtra = (page, marker) => page.evaluate(([id, m]) => {
      const r = window.profila.commitPersona(JSON.stringify({ schema: 1, id, name: m, revision: 0, strokes: [], details: {} }));
      if (r.startsWith('error')) throw new Error(r);
      window.profila.setTraineeName(m);
      const s = window.profila.storeStatus();
      window.Module._profila_store_flush();
      return { persona: s.personaRevisions[id], progress: s.progressRevision };
    }, [PERSONA, marker]);
    const noteExtra = (revs, marker) => {
      extra.persona.committed.set(revs.persona, marker);
      extra.progress.committed.set(revs.progress, marker);
      history.push(`commit persona r${revs.persona} progress r${revs.progress} ${marker}`);
    };
    const commit = (page, batch) => page.evaluate((list) => {
      const out = [];
      for (const [id, json] of list) {
        const r = window.profila.commitCustomer(json);
        if (r.startsWith('error')) throw new Error(r);
        out.push([id, window.profila.storeStatus().revisions[id]]);
      }
      window.Module._profila_store_flush();
      return out;
    }, batch);

    // Setup: every customer stored once.
    let page = await open();
    const first = ids.map((id) => [id, cardJson(id, 'v0')]);
    for (const [id, rev] of await commit(page, first)) {
      committed.set(id, new Map([[rev, 'v0']]));
      attempted.set(id, new Set(['v0']));
    }
    extra.persona.attempted.add('v0');
    extra.progress.attempted.add('v0');
    noteExtra(await commitExtra(page, 'v0'), 'v0');
    await page.evaluate(() => window.profila.saveNow());
    await page.close();
    dead.add(page);
    await waitDeath(-1);

    for (let t = 0; t < n; t++) {
      page = await open();
      // Check: what loaded is, for every customer, a version that was committed and not older
      // than the last acknowledged one.
      const state = await page.evaluate(() => {
        const s = window.profila.storeStatus();
        const notes = Object.fromEntries(JSON.parse(window.profila.exportStore()).customers.map((c) => [c.id, c.notes || '']));
        const persona = JSON.parse(window.profila.exportPersonas()).find((p) => p.id === 'PKILL1');
        return { problems: s.problems, revisions: s.revisions, notes, persona, progressRevision: s.progressRevision,
                 trainee: window.profila.courseStatus().trainee };
      });
      const story = (id) => '\n' + history.filter((h) => h.includes(id + ' ')).slice(-40).join('\n');
      history.push(`trial ${t} loaded`);
      assert.deepEqual(state.problems, [], `trial ${t}: no record set aside`);
      for (const id of ids) {
        const rev = state.revisions[id];
        assert.ok(rev !== undefined, `trial ${t}: customer ${id} is missing`);
        const versions = committed.get(id);
        assert.ok(attempted.get(id).has(state.notes[id]), `trial ${t}: ${id} holds "${state.notes[id]}", never committed`);
        if (versions.has(rev)) assert.equal(state.notes[id], versions.get(rev), `trial ${t}: ${id} rev ${rev} holds what was committed with it` + story(id));
        assert.ok(rev >= (acked.get(id) || 0), `trial ${t}: ${id} lost an acknowledged save (rev ${rev} < acked ${acked.get(id)})` + story(id));
        stats.checked++;
      }
      // The persona and the progress: present, a committed version, never older than acknowledged.
      assert.ok(state.persona, `trial ${t}: the persona is missing`);
      assert.ok(extra.persona.attempted.has(state.persona.name), `trial ${t}: the persona holds "${state.persona.name}", never committed`);
      if (extra.persona.committed.has(state.persona.revision))
        assert.equal(state.persona.name, extra.persona.committed.get(state.persona.revision), `trial ${t}: persona rev ${state.persona.revision}`);
      assert.ok(state.persona.revision >= extra.persona.acked, `trial ${t}: the persona lost an acknowledged save (rev ${state.persona.revision} < ${extra.persona.acked})`);
      assert.ok(extra.progress.attempted.has(state.trainee), `trial ${t}: the progress holds "${state.trainee}", never committed`);
      if (extra.progress.committed.has(state.progressRevision))
        assert.equal(state.trainee, extra.progress.committed.get(state.progressRevision), `trial ${t}: progress rev ${state.progressRevision}`);
      assert.ok(state.progressRevision >= extra.progress.acked, `trial ${t}: the progress lost an acknowledged save (rev ${state.progressRevision} < ${extra.progress.acked})`);
      stats.checked += 2;
      // Edit and save in bursts, then kill at a random moment (0..2.5 s).
      const killAfter = Math.floor(random() * 2500);
      stats.killMs.push(killAfter);
      const killAt = Date.now() + killAfter;
      let burst = 0;
      const editing = (async () => {
        while (Date.now() < killAt) {
          const batch = [];
          for (let k = 0; k < 8; k++) {
            const id = ids[Math.floor(random() * ids.length)];
            batch.push([id, cardJson(id, `t${t}-b${burst}-${id}`)]);
          }
          const notesOf = new Map(batch);
          // Recorded before sending: if the page dies mid-call the edit may still have been stored.
          for (const [id, json] of batch) attempted.get(id).add(JSON.parse(json).notes);
          const marker = `t${t}-b${burst}`;
          extra.persona.attempted.add(marker);
          extra.progress.attempted.add(marker);
          try {
            for (const [id, rev] of await commit(page, batch)) {
              committed.get(id).set(rev, JSON.parse(notesOf.get(id)).notes);
              history.push(`commit ${id} r${rev} ${JSON.parse(notesOf.get(id)).notes}`);
            }
            noteExtra(await commitExtra(page, marker), marker);
          } catch (e) { return; }  // the page died mid-call: that edit may or may not be committed
          burst++;
          await new Promise((r) => setTimeout(r, Math.floor(random() * 60)));
        }
      })();
      await new Promise((r) => setTimeout(r, Math.max(0, killAt - Date.now())));
      if (await killPage(context, page, random) === 'crash') stats.crashes++;
      else stats.closes++;
      dead.add(page);
      await editing;
      await waitDeath(t);
      stats.trials++;
      const ackedNow = [...acked.values()].reduce((a, b) => a + b, 0) - ids.length;  // beyond the setup's revision 1
      log(`trial ${t + 1}/${n}: killed at ${killAfter} ms after ${burst} edit bursts, ${stats.crashes} crashes + ${stats.closes} closes so far, acknowledged revisions beyond setup: ${ackedNow}, waits for a killed page to end: ${stats.waitedForDeath}, acks from killed pages: ${stats.zombieAcks}`);
    }
    stats.acked = [...acked.values()].reduce((a, b) => a + b, 0);
    // Final check after the last kill.
    page = await open();
    const s = await page.evaluate(() => window.profila.storeStatus());
    assert.deepEqual(s.problems, []);
    for (const id of ids) assert.ok(s.revisions[id] >= (acked.get(id) || 0), `final: ${id} lost an acknowledged save`);
    assert.ok(s.personaRevisions[PERSONA] >= extra.persona.acked, 'final: the persona lost an acknowledged save');
    assert.ok(s.progressRevision >= extra.progress.acked, 'final: the progress lost an acknowledged save');
    return stats;
  } finally { await close(); }
}
