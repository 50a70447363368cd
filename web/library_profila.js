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
  // A held file's bytes [offset, offset + n) copied to out (app/platform/platform_web.cpp, PageFile).
  profila_js_file_read: function (handle, offset, n, out) {
    var bytes = Module['profilaFiles'].held.get(handle);
    if (!bytes) return 0;
    var part = bytes.subarray(offset, offset + n);
    HEAPU8.set(part, out);
    return part.length;
  },
  profila_js_file_release: function (handle) {
    Module['profilaFiles'].held.delete(handle);
  },
  profila_js_pen_pressure: function () {
    return window.profilaShell && window.profilaShell.penPressure ? window.profilaShell.penPressure() : -1;
  },
  // ---- storage bridge (web/storage.js; C++ side app/platform/storage_web.cpp) ----
  // Results go back through exported C functions with the request id; strings are malloc'd here
  // and freed by C++ (a picked file's bytes are written into a buffer C++ makes for them).
  $profilaStoreReply__deps: ['$profilaNewString'],
  $profilaStoreReply: function (id, obj) {
    Module['_profila_store_done'](id, profilaNewString(JSON.stringify(obj)));
  },
  profila_js_store_start: function () {
    window.profilaStore.start(function (msg) {
      Module['_profila_store_remote'](profilaNewString(JSON.stringify(msg)));
    }, function () { Module['_profila_store_page_hidden'](); },
    function () { return Module['_profila_store_before_unload']() !== 0; });
  },
  profila_js_store_start__deps: ['$profilaNewString'],
  profila_js_store_load__deps: ['$profilaNewString'],
  profila_js_store_load: function (id, ws, refs) {
    // Each pack's bytes in a malloc'd block of its own (one HEAPU8.set per pack; its records'
    // offsets point inside it), so the C++ side can free a pack as soon as its records are decoded
    // and the cards decoded next reuse that memory instead of touching fresh pages. One more block
    // holds the records stored singly, then the UTF-8 of each entry's collection, key and checksum
    // (or why it is bad). A Float64Array of 11 numbers per entry: offset, length (-1: bad), block
    // (index in the pack list, -1: the other block), collection offset, length, key offset, length,
    // checksum offset, length, revision, schema. A second Float64Array lists the packs' blocks
    // (address, length). No JSON header to build and parse for 10,000 records.
    var w = UTF8ToString(ws);
    var r = refs ? JSON.parse(UTF8ToString(refs)) : null;
    window.profilaStore.readAll(w, r).then(function (res) {
      var t0 = performance.now();
      var n = res.entries.length, total = 0, i, e, k;
      // The wasm heap cannot grow enough: nothing is loaded (and nothing stored is touched).
      function outOfMemory() {
        var bytes = 0;
        for (i = 0; i < packList.length; i++) _free(packList[i][0]);
        for (i = 0; i < n; i++) if (res.entries[i].bytes) bytes += res.entries[i].bytes.length;
        Module['_profila_store_loaded'](id, profilaNewString(JSON.stringify({ ok: false, error: 'not enough memory to load ' + n + ' records (' + Math.round(bytes / 1048576) + ' MB)' })), 0, 0, 0, 0, 0, 0);
      }
      var packIndex = new Map();  // a pack's bytes -> its index in packList
      var packList = [];          // [address, length]
      var where = new Array(n);   // each entry's pack index, -1: none
      for (i = 0; i < n; i++) {
        e = res.entries[i];
        where[i] = -1;
        if (e.pack) {
          k = packIndex.get(e.pack);
          if (k === undefined) {
            var p = _malloc(Math.max(1, e.pack.length));
            if (!p) return outOfMemory();
            HEAPU8.set(e.pack, p);  // HEAPU8 as it is after this _malloc (which may grow the heap)
            k = packList.length;
            packList.push([p, e.pack.length]);
            packIndex.set(e.pack, k);
          }
          where[i] = k;
        } else if (e.bytes) total += e.bytes.length;
        total += lengthBytesUTF8(e.col) + lengthBytesUTF8(e.key) + lengthBytesUTF8(e.bytes ? e.sum : e.bad) + 3;
      }
      var data = _malloc(Math.max(1, total));
      var meta = _malloc(Math.max(1, n * 88));
      var packs = _malloc(Math.max(1, packList.length * 16));
      if (!data || !meta || !packs) { _free(data); _free(meta); _free(packs); return outOfMemory(); }
      // Views made after the last _malloc: a heap that grew would have left earlier ones detached.
      var m = new Float64Array(HEAPU8.buffer, meta, n * 11);
      var pm = new Float64Array(HEAPU8.buffer, packs, packList.length * 2);
      for (i = 0; i < packList.length; i++) { pm[i * 2] = packList[i][0]; pm[i * 2 + 1] = packList[i][1]; }
      var off = 0;
      function text(s, at) {
        var len = stringToUTF8(s, data + off, total - off + 1);
        m[at] = off;
        m[at + 1] = len;
        off += len;
      }
      for (i = 0; i < n; i++) {
        e = res.entries[i];
        m[i * 11 + 2] = where[i];
        if (where[i] >= 0) {
          m[i * 11] = e.at;
          m[i * 11 + 1] = e.bytes.length;
        } else if (e.bytes) {
          HEAPU8.set(e.bytes, data + off);
          m[i * 11] = off;
          m[i * 11 + 1] = e.bytes.length;
          off += e.bytes.length;
        } else {
          m[i * 11] = 0;
          m[i * 11 + 1] = -1;
        }
      }
      for (i = 0; i < n; i++) {
        e = res.entries[i];
        text(e.col, i * 11 + 3);
        text(e.key, i * 11 + 5);
        text(e.bytes ? e.sum : e.bad, i * 11 + 7);
        m[i * 11 + 9] = e.rev || 0;
        m[i * 11 + 10] = e.schema || 0;
      }
      var status = profilaNewString(JSON.stringify({ ok: true, ms: res.ms, copyMs: performance.now() - t0 }));
      Module['_profila_store_loaded'](id, status, meta, n, data, off, packs, packList.length);
    }, function (err) {
      Module['_profila_store_loaded'](id, profilaNewString(JSON.stringify({ ok: false, error: window.profilaStore.describe(err) || 'IndexedDB unavailable',
        locked: !!err && err.name === 'NotAllowedError' })), 0, 0, 0, 0, 0, 0);
    });
  },
  // Puts of a write handed over in parts before the write itself (a big save encodes and hands over
  // its records a batch at a time, so the wasm heap never holds all of them): copied now, kept here
  // by the parts' id until profila_js_store_write names it, then written in that write's one transaction.
  $profilaWriteParts: {},
  profila_js_store_write_part__deps: ['$profilaWriteParts'],
  // count puts: numbers holds five doubles a put (where its bytes are, their length, revision, base,
  // schema), keys a JSON array of collection and key for each, sums 16 characters each.
  profila_js_store_write_part: function (parts, count, numbers, keys, sums) {
    var names = JSON.parse(UTF8ToString(keys));
    var s = UTF8ToString(sums);
    var f = HEAPF64.subarray(numbers >> 3, (numbers >> 3) + 5 * count);
    var list = profilaWriteParts[parts] || (profilaWriteParts[parts] = []);
    // One copy for the whole part, each put a view of its own bytes in it (a store of single
    // records copies its view out: storage.js ownBytes).
    var i, o, l, total = 0, off = 0;
    for (i = 0; i < count; i++) total += f[5 * i + 1];
    var all = new Uint8Array(total);
    for (i = 0; i < count; i++) {
      o = f[5 * i]; l = f[5 * i + 1];
      all.set(HEAPU8.subarray(o, o + l), off);
      list.push({ c: names[2 * i], k: names[2 * i + 1], rev: f[5 * i + 2], base: f[5 * i + 3], schema: f[5 * i + 4],
                  sum: s.substr(16 * i, 16), bytes: all.subarray(off, off + l) });
      off += l;
    }
  },
  profila_js_store_write__deps: ['$profilaStoreReply', '$profilaWriteParts'],
  profila_js_store_write: function (id, ws, header, data, len) {
    // Copy everything now: the C++ buffers are freed when this returns. Each put's bytes are at
    // data + p.o (data is 0: p.o is where the record's own bytes are in the wasm memory).
    var w = UTF8ToString(ws);
    var h = JSON.parse(UTF8ToString(header));
    var i, p;
    for (i = 0; i < h.puts.length; i++) {
      p = h.puts[i];
      p.bytes = HEAPU8.slice(data + p.o, data + p.o + p.l);
    }
    if (h.parts) {  // the parts handed over before it come first, in the order they came
      var before = profilaWriteParts[h.parts] || [];
      delete profilaWriteParts[h.parts];
      h.puts = before.concat(h.puts);
    }
    var keep = h.keep;
    var job = keep ? window.profilaStore.keepAside(w, h.puts.map(function (x) { return { c: x.c, k: x.k, reason: x.reason, rev: x.rev, schema: x.schema, sum: x.sum, bytes: x.bytes }; })).then(function (ok) { return { ok: ok, code: ok ? 'none' : 'other', error: '', conflicts: [] }; })
                   : window.profilaStore.writeTx(w, { puts: h.puts, dels: h.dels, replace: h.replace });
    job.then(function (res) {
      if (res.ok && !keep) {
        // A restore, or a write as big as an import: the other tabs read the workspace again (as
        // much work for them as reading the keys back, without a message of every key).
        window.profilaStore.announce({ type: 'changed', ws: w, everything: h.replace !== undefined || h.puts.length > 5000,
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
  // Passphrase (issue 18): the passphrase crosses once, to WebCrypto; nothing keeps it.
  profila_js_store_unlock__deps: ['$profilaStoreReply'],
  profila_js_store_unlock: function (id, ws, pass) {
    window.profilaStore.unlock(UTF8ToString(ws), UTF8ToString(pass)).then(function (r) { profilaStoreReply(id, r); },
      function (e) { profilaStoreReply(id, { ok: false, wrong: false, error: window.profilaStore.describe(e) }); });
  },
  profila_js_store_lock: function (ws) { window.profilaStore.lock(UTF8ToString(ws)); },
  profila_js_store_set_passphrase__deps: ['$profilaStoreReply'],
  profila_js_store_set_passphrase: function (id, ws, pass, off) {
    window.profilaStore.setPassphrase(UTF8ToString(ws), off ? null : UTF8ToString(pass)).then(function (r) { profilaStoreReply(id, r); },
      function (e) { profilaStoreReply(id, { ok: false, code: 'other', error: window.profilaStore.describe(e) }); });
  },
  profila_js_store_seal_text__deps: ['$profilaStoreReply'],
  profila_js_store_seal_text: function (id, ws, text) {
    window.profilaStore.sealText(UTF8ToString(ws), UTF8ToString(text)).then(function (t) { profilaStoreReply(id, { ok: t !== null, text: t || '' }); },
      function () { profilaStoreReply(id, { ok: false, text: '' }); });
  },
  profila_js_store_open_text__deps: ['$profilaStoreReply'],
  profila_js_store_open_text: function (id, pass, text) {
    window.profilaStore.openText(UTF8ToString(pass), UTF8ToString(text)).then(function (r) { profilaStoreReply(id, r); },
      function () { profilaStoreReply(id, { ok: false, wrong: false, text: '' }); });
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
  profila_js_pick_file__deps: ['$profilaNewString'],
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
      // The bytes stay in the page (web/boot.js, profilaFiles); C++ reads them through their handle.
      Module['_profila_store_file'](id, picked ? 1 : 0, profilaNewString(name), Module['profilaHoldFile'](bytes), bytes.length);
    }
    input.addEventListener('change', function () {
      var f = input.files && input.files[0];
      if (!f) { answer(false, '', new Uint8Array(0)); return; }
      f.arrayBuffer().then(function (buf) { answer(true, f.name, new Uint8Array(buf)); }, function () { answer(false, f.name, new Uint8Array(0)); });
    });
    input.addEventListener('cancel', function () { answer(false, '', new Uint8Array(0)); });
    input.click();
  },
  // Web Locks (app/platform/tab_lock_web.cpp): the lock is held by a promise that stays pending
  // until profila_js_lock_release resolves it (or the page closes, and the browser passes it on).
  profila_js_lock_request: function (id, name) {
    var key = UTF8ToString(name);
    var locks = Module.profilaLocks || (Module.profilaLocks = {});
    if (locks[key]) locks[key].release();
    var entry = { release: function () { entry.released = true; if (entry.resolve) entry.resolve(); } };
    locks[key] = entry;
    if (!navigator.locks) { Module['_profila_lock_granted'](id); return; }
    navigator.locks.request(key, function () {
      if (entry.released) return undefined;
      Module['_profila_lock_granted'](id);
      return new Promise(function (resolve) { entry.resolve = resolve; });
    });
  },
  profila_js_lock_release: function (name) {
    var key = UTF8ToString(name);
    var locks = Module.profilaLocks || {};
    if (locks[key]) { locks[key].release(); delete locks[key]; }
  },
  // HTTP to the sync server (app/platform/http_web.cpp): same origin, the session cookie included.
  profila_js_http__deps: ['$profilaNewString'],
  profila_js_http: function (id, method, path, body) {
    var opts = { method: UTF8ToString(method), credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json' } };
    var text = UTF8ToString(body);
    if (text) { opts.body = text; opts.headers['Content-Type'] = 'application/json'; }
    fetch(UTF8ToString(path), opts)
      .then(function (r) { return r.text().then(function (t) { return [r.status, t]; }); })
      .catch(function () { return [0, '']; })
      .then(function (a) { Module['_profila_http_done'](id, a[0], profilaNewString(a[1])); });
  },
});
