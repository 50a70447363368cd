// Functions the C++ platform layer (app/platform/platform_web.cpp) calls, linked with
// --js-library. They stay thin: the DOM work lives in web/shell_input.js and web/automation.js.
mergeInto(LibraryManager.library, {
  $profilaNewString: function (s) {
    var len = lengthBytesUTF8(s) + 1;
    var p = _malloc(len);
    stringToUTF8(s, p, len);
    return p;
  },
  profila_js_text_agent: function (want, x, y, h) {
    window.profilaShell.textAgent(want !== 0, x, y, h);
  },
  profila_js_set_cursor: function (name) {
    Module.canvas.style.cursor = UTF8ToString(name);
  },
  profila_js_clipboard_write: function (text) {
    window.profilaShell.clipboardWrite(UTF8ToString(text));
  },
  profila_js_frame_done: function (frame) {
    window.profilaShell.frameDone(frame);
  },
  profila_js_query_param__deps: ['$profilaNewString'],
  profila_js_query_param: function (name) {
    var v = new URLSearchParams(window.location.search).get(UTF8ToString(name));
    return profilaNewString(v === null ? '' : v);
  },
  profila_js_browser_language__deps: ['$profilaNewString'],
  profila_js_browser_language: function () {
    return profilaNewString(navigator.language || 'en');
  },
  profila_js_load_setting__deps: ['$profilaNewString'],
  profila_js_load_setting: function (key) {
    var v = null;
    try { v = window.localStorage.getItem('profila.' + UTF8ToString(key)); } catch (e) { v = null; }
    return profilaNewString(v === null ? '' : v);
  },
  profila_js_save_setting: function (key, value) {
    try { window.localStorage.setItem('profila.' + UTF8ToString(key), UTF8ToString(value)); } catch (e) { /* private mode: settings last one visit */ }
  },
  profila_js_media_matches: function (query) {
    return window.matchMedia && window.matchMedia(UTF8ToString(query)).matches ? 1 : 0;
  },
  profila_js_download_bytes: function (name, mime, data, size) {
    var blob = new Blob([HEAPU8.slice(data, data + size)], { type: UTF8ToString(mime) });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  },
  profila_js_pen_pressure: function () {
    return window.profilaShell && window.profilaShell.penPressure ? window.profilaShell.penPressure() : -1;
  },
  // ---- storage bridge (web/storage.js; C++ side app/platform/storage_web.cpp) ----
  // Results go back through exported C functions with the request id; strings and bytes are
  // malloc'd here and freed by C++.
  $profilaStoreBytes: function (bytes) {
    var p = _malloc(Math.max(1, bytes.length));
    HEAPU8.set(bytes, p);
    return p;
  },
  $profilaStoreReply__deps: ['$profilaNewString'],
  $profilaStoreReply: function (id, obj) {
    Module['_profila_store_done'](id, profilaNewString(JSON.stringify(obj)));
  },
  profila_js_store_start: function () {
    window.profilaStore.start(function (msg) {
      Module['_profila_store_remote'](profilaNewString(JSON.stringify(msg)));
    }, function () { Module['_profila_store_page_hidden'](); });
  },
  profila_js_store_start__deps: ['$profilaNewString'],
  profila_js_store_load__deps: ['$profilaNewString'],
  profila_js_store_load: function (id, ws, refs) {
    // One malloc'd block: the records' bytes (a whole pack at a time for records read from a pack:
    // one HEAPU8.set per pack, the records' offsets point inside it), then the UTF-8 of each
    // entry's collection, key and checksum (or why it is bad); and a Float64Array of 10 numbers per
    // entry: data offset, length (-1: bad), collection offset, length, key offset, length, checksum
    // offset, length, revision, schema. No JSON header to build and parse for 10,000 records.
    var w = UTF8ToString(ws);
    var r = refs ? JSON.parse(UTF8ToString(refs)) : null;
    window.profilaStore.readAll(w, r).then(function (res) {
      var t0 = performance.now();
      var n = res.entries.length, total = 0, i, e;
      var packs = new Map();  // a pack's bytes -> its offset in the block (-1 until copied)
      for (i = 0; i < n; i++) {
        e = res.entries[i];
        if (e.pack) {
          if (!packs.has(e.pack)) { packs.set(e.pack, -1); total += e.pack.length; }
        } else if (e.bytes) total += e.bytes.length;
        total += lengthBytesUTF8(e.col) + lengthBytesUTF8(e.key) + lengthBytesUTF8(e.bytes ? e.sum : e.bad) + 3;
      }
      var data = _malloc(Math.max(1, total));
      var meta = _malloc(Math.max(1, n * 80));
      var m = new Float64Array(HEAPU8.buffer, meta, n * 10);
      var off = 0;
      function text(s, at) {
        var len = stringToUTF8(s, data + off, total - off + 1);
        m[at] = off;
        m[at + 1] = len;
        off += len;
      }
      for (i = 0; i < n; i++) {
        e = res.entries[i];
        if (e.pack) {
          var base = packs.get(e.pack);
          if (base < 0) {
            base = off;
            HEAPU8.set(e.pack, data + off);
            off += e.pack.length;
            packs.set(e.pack, base);
          }
          m[i * 10] = base + e.at;
          m[i * 10 + 1] = e.bytes.length;
        } else if (e.bytes) {
          HEAPU8.set(e.bytes, data + off);
          m[i * 10] = off;
          m[i * 10 + 1] = e.bytes.length;
          off += e.bytes.length;
        } else {
          m[i * 10] = 0;
          m[i * 10 + 1] = -1;
        }
      }
      for (i = 0; i < n; i++) {
        e = res.entries[i];
        text(e.col, i * 10 + 2);
        text(e.key, i * 10 + 4);
        text(e.bytes ? e.sum : e.bad, i * 10 + 6);
        m[i * 10 + 8] = e.rev || 0;
        m[i * 10 + 9] = e.schema || 0;
      }
      var status = profilaNewString(JSON.stringify({ ok: true, ms: res.ms, copyMs: performance.now() - t0 }));
      Module['_profila_store_loaded'](id, status, meta, n, data, off);
    }, function (err) {
      Module['_profila_store_loaded'](id, profilaNewString(JSON.stringify({ ok: false, error: window.profilaStore.describe(err) || 'IndexedDB unavailable' })), 0, 0, 0, 0);
    });
  },
  profila_js_store_write__deps: ['$profilaStoreReply'],
  profila_js_store_write: function (id, ws, header, data, len) {
    // Copy everything now: the C++ buffer is freed when this returns.
    var w = UTF8ToString(ws);
    var h = JSON.parse(UTF8ToString(header));
    var i, p;
    for (i = 0; i < h.puts.length; i++) {
      p = h.puts[i];
      p.bytes = HEAPU8.slice(data + p.o, data + p.o + p.l);
    }
    var keep = h.keep;
    var job = keep ? window.profilaStore.keepAside(w, h.puts.map(function (x) { return { c: x.c, k: x.k, reason: x.reason, rev: x.rev, schema: x.schema, sum: x.sum, bytes: x.bytes }; })).then(function (ok) { return { ok: ok, code: ok ? 'none' : 'other', error: '', conflicts: [] }; })
                   : window.profilaStore.writeTx(w, { puts: h.puts, dels: h.dels, replace: h.replace });
    job.then(function (res) {
      if (res.ok && !keep) {
        window.profilaStore.announce({ type: 'changed', ws: w, everything: h.replace !== undefined,
          puts: h.puts.map(function (x) { return { c: x.c, k: x.k, r: x.rev }; }),
          dels: (h.dels || []).map(function (x) { return { c: x.c, k: x.k }; }) });
      }
      profilaStoreReply(id, res);
    });
  },
  profila_js_store_set_aside__deps: ['$profilaStoreReply'],
  profila_js_store_set_aside: function (id, ws, items) {
    window.profilaStore.setAside(UTF8ToString(ws), JSON.parse(UTF8ToString(items))).then(function (ok) { profilaStoreReply(id, { ok: ok }); });
  },
  profila_js_store_list_aside__deps: ['$profilaStoreReply'],
  profila_js_store_list_aside: function (id, ws) {
    window.profilaStore.listSetAside(UTF8ToString(ws)).then(function (list) { profilaStoreReply(id, { ok: true, list: list }); });
  },
  profila_js_store_list_workspaces__deps: ['$profilaStoreReply'],
  profila_js_store_list_workspaces: function (id) {
    window.profilaStore.listWorkspaces().then(function (list) { profilaStoreReply(id, { ok: true, list: list }); });
  },
  profila_js_store_put_workspace__deps: ['$profilaStoreReply'],
  profila_js_store_put_workspace: function (id, info) {
    window.profilaStore.putWorkspace(JSON.parse(UTF8ToString(info))).then(function (ok) { profilaStoreReply(id, { ok: ok }); });
  },
  profila_js_store_delete_workspace__deps: ['$profilaStoreReply'],
  profila_js_store_delete_workspace: function (id, ws) {
    window.profilaStore.deleteWorkspace(UTF8ToString(ws)).then(function (ok) { profilaStoreReply(id, { ok: ok }); });
  },
  profila_js_store_persist: function () {
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
  },
  profila_js_store_estimate__deps: ['$profilaStoreReply'],
  profila_js_store_estimate: function (id) {
    var s = navigator.storage;
    if (!s || !s.estimate) { profilaStoreReply(id, { ok: false }); return; }
    Promise.all([s.persisted ? s.persisted() : Promise.resolve(false), s.estimate()]).then(function (r) {
      profilaStoreReply(id, { ok: true, persisted: !!r[0], usage: r[1].usage || 0, quota: r[1].quota || 0 });
    }, function () { profilaStoreReply(id, { ok: false }); });
  },
  profila_js_download: function (name, mime, text) {
    var blob = new Blob([UTF8ToString(text)], { type: UTF8ToString(mime) });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  },
  profila_js_pick_file__deps: ['$profilaStoreBytes', '$profilaNewString'],
  profila_js_pick_file: function (id, accept) {
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = UTF8ToString(accept);
    input.style.display = 'none';
    document.body.appendChild(input);
    var answered = false;
    function answer(picked, name, bytes) {
      if (answered) return;
      answered = true;
      input.remove();
      Module['_profila_store_file'](id, picked ? 1 : 0, profilaNewString(name), profilaStoreBytes(bytes), bytes.length);
    }
    input.addEventListener('change', function () {
      var f = input.files && input.files[0];
      if (!f) { answer(false, '', new Uint8Array(0)); return; }
      f.arrayBuffer().then(function (buf) { answer(true, f.name, new Uint8Array(buf)); }, function () { answer(false, f.name, new Uint8Array(0)); });
    });
    input.addEventListener('cancel', function () { answer(false, '', new Uint8Array(0)); });
    input.click();
  },
});
