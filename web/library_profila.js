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
});
