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

  const script = document.createElement('script');
  script.src = 'profila.js';
  script.onerror = () => fatal('shell.download_failed', 'profila.js');
  document.body.appendChild(script);
})();
