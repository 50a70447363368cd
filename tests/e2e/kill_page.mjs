// What the kill trials (kill_trials.mjs, passphrase_kill.mjs) share: killing an app page the way a
// tablet loses one, and waiting until a killed page has really stopped.
// page.close() resolves while the closed page may still run for a moment, so every app page holds a
// shared Web Lock for as long as it runs, and a probe page of the same origin (running no app) asks
// the lock manager whether any is still alive.

// Crashes the page (CDP Page.crash) or closes it without beforeunload, at random; returns which.
export async function killPage(context, page, random) {
  let how = 'close';
  if (random() < 0.5) {
    const cdp = await context.newCDPSession(page);
    cdp.send('Page.crash').catch(() => {});
    await page.waitForEvent('crash', { timeout: 5000 }).catch(() => {});
    how = 'crash';
  }
  await page.close({ runBeforeUnload: false }).catch(() => {});
  return how;
}

// Call before the first app page opens. Returns waitDeath(trial): resolves once no app page of the
// context runs any more (true when it had to wait), throws after 30 s.
export async function watchAppPages(context, url) {
  await context.addInitScript(() => {
    if (location.pathname.endsWith('.json')) return;  // the probe page
    if (navigator.locks) navigator.locks.request('profila-kill-alive', { mode: 'shared' }, () => new Promise(() => {})).catch(() => {});
  });
  const probe = await context.newPage();
  await probe.goto(url + 'version.json');
  const alivePages = () => probe.evaluate(async () => (await navigator.locks.query()).held.filter((l) => l.name === 'profila-kill-alive').length);
  return async (trial) => {
    const until = Date.now() + 30000;
    let waited = false;
    while (await alivePages() > 0) {
      if (Date.now() > until) throw new Error(`trial ${trial}: a killed page still runs after 30 s`);
      waited = true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return waited;
  };
}
