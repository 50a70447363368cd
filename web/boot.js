// Boots Profila: checks the browser can run it, shows download progress, starts the wasm with
// streaming compilation, and reports fatal errors as a message instead of a blank page.
'use strict';
(function () {
  const shell = window.profilaShell;
  const loader = document.getElementById('loader');
  const fill = document.getElementById('loader-fill');
  const detail = document.getElementById('loader-detail');
  const t = shell.t;

  function fatal(key, extra) {
    loader.hidden = true;
    document.getElementById('fatal-text').textContent = t(key) + (extra ? ' (' + extra + ')' : '');
    document.getElementById('fatal').hidden = false;
  }
  document.getElementById('fatal-reload').addEventListener('click', () => window.location.reload());

  // What Profila needs: WebAssembly and WebGL2. Say which one is missing.
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fatal('shell.no_wasm');
    return;
  }
  const probe = document.createElement('canvas');
  let gl2 = null;
  try { gl2 = probe.getContext('webgl2'); } catch (e) { gl2 = null; }
  if (!gl2) {
    fatal('shell.no_webgl2');
    return;
  }
  const lose = gl2.getExtension('WEBGL_lose_context');
  if (lose) lose.loseContext();

  // Download progress of the two big files: the wasm (counted here) and the data package
  // (reported by Emscripten's preloader through setStatus).
  const progress = { wasm: [0, 0], data: [0, 0] };
  function showProgress() {
    const loaded = progress.wasm[0] + progress.data[0];
    const total = progress.wasm[1] + progress.data[1];
    if (total > 0) {
      fill.style.width = Math.min(100, Math.round((100 * loaded) / total)) + '%';
      detail.textContent = (loaded / 1048576).toFixed(1) + ' / ' + (total / 1048576).toFixed(1) + ' MB';
    }
  }

  const canvas = document.getElementById('canvas');
  canvas.addEventListener('webglcontextlost', (e) => { e.preventDefault(); fatal('shell.context_lost'); }, false);

  window.Module = {
    canvas: canvas,
    // Files the page has read (picked, dropped, shared, or given to window.profila.importFile) stay
    // here, outside the wasm heap (which never shrinks), until C++ lets go of them (PageFile in
    // app/platform/platform_web.cpp); C++ reads them a piece at a time, a big CSV file a window at a time.
    profilaFiles: { next: 1, held: new Map() },
    profilaHoldFile(bytes) {
      const handle = this.profilaFiles.next++;
      this.profilaFiles.held.set(handle, bytes);
      return handle;
    },
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    setStatus: (text) => {
      const m = /\((\d+(?:\.\d+)?)\/(\d+)\)/.exec(text || '');
      if (m) { progress.data = [Number(m[1]), Number(m[2])]; showProgress(); }
    },
    monitorRunDependencies: () => {},
    onAbort: (what) => fatal('shell.crashed', String(what || '')),
    instantiateWasm: (imports, receive) => {
      fetch('profila.wasm', { credentials: 'same-origin' })
        .then((response) => {
          if (!response.ok) throw new Error('profila.wasm: HTTP ' + response.status);
          const total = Number(response.headers.get('X-Raw-Length') || response.headers.get('Content-Length') || 0);
          progress.wasm = [0, total];
          const counted = response.body.pipeThrough(new TransformStream({
            transform(chunk, controller) {
              progress.wasm[0] += chunk.byteLength;
              showProgress();
              controller.enqueue(chunk);
            },
          }));
          // Streaming compile: the module compiles while it downloads.
          return WebAssembly.instantiateStreaming(
            new Response(counted, { headers: { 'Content-Type': 'application/wasm' } }), imports);
        })
        .then((result) => receive(result.instance, result.module))
        .catch((err) => fatal('shell.download_failed', err && err.message));
      return {};
    },
  };

  window.addEventListener('error', (e) => {
    if (!window.profila.ready) fatal('shell.crashed', e.message);
  });

  // ---- Offline: the service worker (web/sw.js) and the update bar ------------------------------
  // Registered after the first frame so its downloads do not compete with the app's own. A new
  // build's worker installs into its own cache and waits; the user chooses when to switch, then the
  // page reloads so html, js, wasm and data all come from the same build.
  function startOffline() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    const bar = document.getElementById('update-bar');
    let accepted = false;
    let waiting = null;
    let hadController = !!navigator.serviceWorker.controller;
    function offer(worker) {
      waiting = worker;
      bar.hidden = false;
    }
    document.getElementById('update-now').addEventListener('click', () => {
      accepted = true;
      document.getElementById('update-now').disabled = true;
      if (waiting) waiting.postMessage({ type: 'activate-update' });
      else window.location.reload();  // another tab already switched to the new version
    });
    document.getElementById('update-later').addEventListener('click', () => { bar.hidden = true; });
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (accepted) { window.location.reload(); return; }
      // Another tab accepted the update: this one still runs the old build and says so.
      if (hadController) offer(null);
      hadController = true;
    });
    function watch(reg) {
      const track = (worker) => {
        if (!worker) return;
        worker.addEventListener('statechange', () => {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
        });
      };
      if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
      track(reg.installing);
      reg.addEventListener('updatefound', () => track(reg.installing));
    }
    // The worker's address carries the build version (from version.json, always asked of the
    // network): a new build is a new address, which the browser installs at once, where a plain
    // update check of an unchanged address may be deferred by Chromium while the page is busy.
    let registered = '';
    let watched = null;
    function check() {
      fetch('version.json', { cache: 'no-store' })
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null)  // offline: the installed worker goes on serving
        .then((info) => {
          if (info && info.version && info.version !== registered) {
            registered = info.version;
            return navigator.serviceWorker.register('sw.js?v=' + encodeURIComponent(info.version));
          }
          return navigator.serviceWorker.getRegistration();
        })
        .then((reg) => {
          if (reg && reg !== watched) { watched = reg; watch(reg); }
        })
        .catch((err) => console.warn('Profila: offline use unavailable:', err && err.message));
    }
    check();
    window.addEventListener('online', check);
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') check(); });
    setInterval(check, 30 * 60 * 1000);
  }
  let offlineStarted = false;
  shell.onFrame(() => {
    if (offlineStarted) return;
    offlineStarted = true;
    startOffline();
  });

  const script = document.createElement('script');
  script.src = 'profila.js';
  script.onerror = () => fatal('shell.download_failed', 'profila.js');
  document.body.appendChild(script);
})();
