// The page side of input that ImGui cannot do alone on the web: the hidden "text agent" input
// that brings up the on-screen keyboard and receives typed, composed and pasted text, the
// clipboard, and frame notifications. See shared/TABLET.md for why each piece exists.
'use strict';
window.profilaShell = (function () {
  const strings = window.PROFILA_SHELL_STRINGS || {};
  const pageLang = (new URLSearchParams(window.location.search).get('lang') || navigator.language || 'en').slice(0, 2).toLowerCase();
  const lang = strings[pageLang] ? pageLang : 'en';
  function t(key) { return (strings[lang] && strings[lang][key]) || (strings.en && strings.en[key]) || key; }
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.getAttribute('data-i18n')); });

  const agent = document.getElementById('text-agent');
  const canvas = document.getElementById('canvas');
  let composing = false;
  let lastKeyUnidentified = false;
  let wanted = false;
  const frameListeners = [];

  function mod() { return window.Module; }
  function send(text) { if (text) mod().ccall('profila_input_text', null, ['string'], [text]); }

  agent.addEventListener('keydown', (e) => { lastKeyUnidentified = e.keyCode === 229 || e.key === 'Unidentified'; });
  agent.addEventListener('compositionstart', () => { composing = true; });
  agent.addEventListener('compositionend', (e) => {
    composing = false;
    send(e.data);
    agent.value = '';
  });
  agent.addEventListener('input', (e) => {
    if (composing || e.isComposing) return;
    if (e.inputType === 'deleteContentBackward') {
      // Android keyboards send keyCode 229 instead of Backspace: the input event is all we get.
      if (lastKeyUnidentified) mod()._profila_input_key(mod()._profila_key_backspace());
    } else if (e.inputType === 'insertLineBreak') {
      mod()._profila_input_key(mod()._profila_key_enter());
    } else {
      send(agent.value || e.data);
    }
    agent.value = '';
  });
  document.addEventListener('paste', (e) => {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    e.preventDefault();
    if (text && mod() && mod().ccall) mod().ccall('profila_paste', null, ['string'], [text]);
  });
  window.addEventListener('blur', () => { if (mod() && mod()._profila_window_blur) mod()._profila_window_blur(); });

  // Keep the field being edited visible above an on-screen keyboard: the keyboard shrinks only the
  // visual viewport, so the canvas is fitted to it; the platform layer sees the smaller size and
  // scrolls the edited field into view (KeepEditedFieldVisible in platform_web.cpp).
  function fitVisualViewport() {
    const vv = window.visualViewport;
    const shrunk = vv.height < window.innerHeight - 1;
    canvas.style.height = shrunk ? vv.height + 'px' : '';
    canvas.style.top = shrunk ? vv.offsetTop + 'px' : '';
  }
  if (window.visualViewport) {
    window.visualViewport.addEventListener('resize', fitVisualViewport);
    window.visualViewport.addEventListener('scroll', fitVisualViewport);
  }

  // Pen pressure for the persona sketch: html5.h mouse and touch events carry none, pointer events
  // do. Only pens count (a mouse reports 0.5 while pressed, fingers mostly 0 or 1).
  let penPressure = -1;
  function onPointer(e) { penPressure = e.pointerType === 'pen' ? (e.buttons ? e.pressure : 0) : -1; }
  for (const type of ['pointerdown', 'pointermove', 'pointerup']) canvas.addEventListener(type, onPointer, { passive: true });

  // Files that arrive without the file picker go to the app as one batch (platform::TakeIncomingFiles,
  // then the import wizard): files or folders dropped anywhere on the page, and files shared to the
  // installed app (Web Share Target: web/sw.js keeps them in the 'shared-files' cache until the app
  // has started). The picker stays for browsers that offer neither.
  async function deliverFiles(files) {
    const m = mod();
    if (!files.length || !m || !m._profila_incoming_file) return false;
    for (const f of files) {
      const bytes = new Uint8Array(await f.arrayBuffer());  // held by the page (web/boot.js, profilaFiles)
      m.ccall('profila_incoming_file', null, ['string', 'number', 'number'], [f.name, m.profilaHoldFile(bytes), bytes.length]);
    }
    m._profila_incoming_end();
    return true;
  }
  // Every file under a dropped entry, folders read recursively (readEntries answers in pieces).
  function filesUnder(entry) {
    return new Promise((resolve) => {
      if (!entry) { resolve([]); return; }
      if (entry.isFile) { entry.file((f) => resolve([f]), () => resolve([])); return; }
      if (!entry.isDirectory) { resolve([]); return; }
      const reader = entry.createReader();
      const children = [];
      const more = () => reader.readEntries((some) => {
        if (!some.length) { Promise.all(children.map(filesUnder)).then((lists) => resolve([].concat(...lists))); return; }
        children.push(...some);
        more();
      }, () => resolve([]));
      more();
    });
  }
  function carriesFiles(e) { return e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files'); }
  document.addEventListener('dragover', (e) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();  // without it the browser opens the file instead of dropping it here
    e.dataTransfer.dropEffect = 'copy';
    document.body.classList.add('dropping');
  });
  document.addEventListener('dragleave', (e) => { if (!e.relatedTarget) document.body.classList.remove('dropping'); });
  document.addEventListener('drop', (e) => {
    document.body.classList.remove('dropping');
    if (!carriesFiles(e)) return;
    e.preventDefault();
    const dt = e.dataTransfer;
    // Entries must be taken during the event: the DataTransfer is emptied once it returns.
    const items = Array.from(dt.items || []).filter((i) => i.kind === 'file');
    const entries = items.map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
    const plain = Array.from(dt.files || []);
    const withFolders = entries.length > 0 && entries.every((x) => x);
    (withFolders ? Promise.all(entries.map(filesUnder)).then((lists) => [].concat(...lists)) : Promise.resolve(plain))
      .then(deliverFiles);
  });
  async function takeSharedFiles() {
    if (!window.caches) return;
    try {
      if (!(await caches.has('shared-files'))) return;
      const cache = await caches.open('shared-files');
      const keys = await cache.keys();
      const files = [];
      for (const request of keys) {
        const response = await cache.match(request);
        const name = decodeURIComponent(new URL(request.url).pathname.split('/').pop());
        files.push(new File([await response.blob()], name));
      }
      await caches.delete('shared-files');
      if (files.length) await deliverFiles(files);
    } catch (err) { /* nothing shared, or storage refused: the file picker is still there */ }
  }

  return {
    t: t,
    lang: lang,
    penPressure() { return penPressure; },
    textAgent(want, x, y, h) {
      wanted = want;
      if (want) {
        agent.style.left = Math.max(0, x) + 'px';
        agent.style.top = Math.max(0, y) + 'px';
        agent.style.height = Math.max(1, h) + 'px';
        if (document.activeElement !== agent) agent.focus({ preventScroll: true });
      } else if (document.activeElement === agent) {
        agent.blur();
        canvas.focus({ preventScroll: true });
      }
    },
    clipboardWrite(text) {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).catch(() => {});
      }
    },
    frameDone(frame) {
      const p = window.profila;
      p.frame = frame;
      if (!p.ready) {
        p.ready = true;
        p.firstFrameMs = performance.now();
        document.getElementById('loader').hidden = true;
        if (/Mac|iPhone|iPad/.test(navigator.platform)) mod()._profila_set_mac_behaviors(1);
        takeSharedFiles();
      }
      for (const f of frameListeners) f(frame);
    },
    onFrame(f) { frameListeners.push(f); },
  };
})();
