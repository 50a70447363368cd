// window.profila: the app's small, documented automation surface (see README, "Automation").
// Every function runs the same code as the UI; tests use it to find widgets and to set up and
// read back data, while the flows a person does are driven with real clicks, touches and keys.
'use strict';
window.profila = {
  ready: false,        // true once the first frame is drawn
  frame: 0,            // frames rendered so far
  firstFrameMs: null,  // ms from navigation to the first frame
  // Widgets drawn in the last frame: [{id, label, key, role, checked, x, y, w, h}], CSS pixels,
  // clipped to what is visible. label is what a person reads, key the "##" part of the ImGui id.
  items() {
    return JSON.parse(window.Module.UTF8ToString(window.Module._profila_items_json()));
  },
  // ---- customers (app/screens/customers/customer_web_bridge.cpp) ----
  // Imports a CSV file as the Customers screen's file picker does (encoding, separator, header and
  // shape detection, the suggested column mapping); commits in one change when there are no
  // errors, and resolves once that change is stored (its own IndexedDB transaction has completed).
  // data: Uint8Array of the file's bytes, or a string. Resolves to {customers, purchases,
  // newCustomers, updatedCustomers, rows, errorCount, errors: [{line, column, code, value,
  // message}], duplicates, encoding, separator, shape, committed, saved, saveError}.
  importFile(name, data) {
    const M = window.Module;
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data instanceof Uint8Array ? data : new Uint8Array(data);
    const n = M.lengthBytesUTF8(String(name)) + 1;
    const q = M._malloc(n);
    M.stringToUTF8(String(name), q, n);
    let summary;
    try {
      // The bytes stay in the page (held as a picked file's are, web/boot.js): C++ reads them a window at a time.
      summary = JSON.parse(M.UTF8ToString(M._profila_import_file(q, M.profilaHoldFile(bytes), bytes.length)));
    } finally { M._free(q); }
    if (!summary.committed || !summary.saveSerial) return Promise.resolve({ ...summary, saved: false });
    // Resolves once the import's own transaction has completed (or the save failed).
    return profilaWaitFor(() => {
      const s = this.saveProgress();
      if (s.savedThrough >= summary.saveSerial) return { ...summary, saved: true };
      return s.save === 'failed' ? { ...summary, saved: false, saveError: s.saveError } : null;
    });
  },
  // CPU milliseconds the last frame spent building the UI (ImGui NewFrame to Render).
  frameCpuMs() {
    return window.Module._profila_frame_cpu_ms();
  },
  // Frames since start whose picture was already on the canvas, so nothing was drawn.
  drawsSkipped() {
    return window.Module._profila_draws_skipped();
  },
  // Input events queued and not yet taken by ImGui (it takes a few per frame).
  inputPending() {
    return window.Module._profila_input_pending();
  },
  // Memory: {wasm: bytes of the wasm memory (it never shrinks: the high-water), arena: bytes the
  // allocator holds, inUse: bytes in live blocks} (app/automation/automation.cpp).
  heap() {
    const M = window.Module;
    return { wasm: M.HEAPU8.buffer.byteLength, ...JSON.parse(M.UTF8ToString(M._profila_heap_json())) };
  },
  // ---- the store (app/store/; see README "Automation") ----
  // Save and load state: {workspace, loaded, save: idle|pending|saving|saved|failed, saveError,
  // dirty, inFlight, savedCount, customers, loadMs, readMs, lastSaveMs, problems, setAside,
  // revisions: {id: revision}, workspaces, restoreSerial, restoreResult}.
  storeStatus() {
    return JSON.parse(window.Module.UTF8ToString(window.Module._profila_store_status_json()));
  },
  // What the waits below poll, a few bytes whatever the base's size (storeStatus() lists every
  // card's revision): {save, saveError, dirty, inFlight, savedThrough, restoreSerial, restoreResult}.
  saveProgress() {
    return JSON.parse(window.Module.UTF8ToString(window.Module._profila_save_progress_json()));
  },
  // The open workspace's backup file, as the Export button downloads it.
  exportStore() {
    return profilaReplyText(window.Module._profila_store_export());
  },
  // Restores a backup's text into the open workspace as Settings' Restore does after its
  // confirmation. Resolves {ok, error} once the transaction has completed or failed.
  restoreBackup(text) {
    const M = window.Module;
    const before = this.saveProgress().restoreSerial;
    const refused = M.UTF8ToString(profilaStoreCall('_profila_store_restore', text));
    if (refused) return Promise.resolve({ ok: false, error: refused });
    return profilaWaitFor(() => {
      const s = this.saveProgress();
      return s.restoreSerial > before ? { ok: s.restoreResult === 'ok', error: s.restoreResult === 'ok' ? '' : s.restoreResult } : null;
    });
  },
  // Adds or replaces one customer (card JSON as core/codec/customer_json.h writes it) through the same
  // CommitCustomer command the screens use; returns its id, or "error: ..." naming the fields.
  commitCustomer(json) {
    return window.Module.UTF8ToString(profilaStoreCall('_profila_store_commit', typeof json === 'string' ? json : JSON.stringify(json)));
  },
  // Adds or replaces a persona (JSON as exportPersonas() gives one) through the persona commands
  // the screen uses; returns its id, or "error: ..." naming the field.
  commitPersona(json) {
    return window.Module.UTF8ToString(profilaStoreCall('_profila_persona_commit', typeof json === 'string' ? json : JSON.stringify(json)));
  },
  // Sets the trainee's name, as typing it on the Course screen does.
  setTraineeName(name) {
    profilaStoreCall('_profila_course_set_trainee', String(name));
  },
  // Removes the customer with this id through the command the card's Delete uses: '' or why not.
  removeCustomer(id) {
    return window.Module.UTF8ToString(profilaStoreCall('_profila_store_remove', String(id)));
  },
  // ---- sync with CouchDB (app/sync/; Settings > Sync) ----
  // {enabled, phase: off|signing-in|ready|auth-problem|no-access|offline, message, server, database,
  // user, device, since, waiting, bases, pushed, pulled, caughtUp, firstPullDone, lastSync,
  // keptAside: [ref], conflicts: [{ref, title, device, time, fields: [{path, base, mine, theirs}]}]}.
  syncStatus() {
    return JSON.parse(window.Module.UTF8ToString(window.Module._profila_sync_status_json()));
  },
  // Joins the open business to a database, as Settings > Sync's Connect does:
  // {server ('/couchdb'), database, user, password, device}. The password is not kept.
  syncConnect(request) {
    return window.Module.UTF8ToString(profilaStoreCall('_profila_sync_connect', JSON.stringify(request)));
  },
  // Pull and push now, as the Sync now button.
  syncNow() {
    window.Module._profila_sync_now();
  },
  // Settles the conflict at index: choices [{path, pick: 'mine'|'theirs'}], as its Keep button.
  syncResolve(index, choices) {
    const M = window.Module;
    const text = JSON.stringify(choices);
    const n = M.lengthBytesUTF8(text) + 1;
    const p = M._malloc(n);
    M.stringToUTF8(text, p, n);
    try { return M.UTF8ToString(M._profila_sync_resolve(index, p)); } finally { M._free(p); }
  },
  // Saves now (as when the page is hidden); resolves to storeStatus() once nothing is pending.
  saveNow() {
    window.Module._profila_store_flush();
    return profilaWaitFor(() => {
      const s = this.saveProgress();
      const done = (s.dirty === 0 && s.inFlight === 0 && s.save !== 'saving' && s.save !== 'pending') || s.save === 'failed';
      return done ? this.storeStatus() : null;
    });
  },
  // ---- persona sketches (app/screens/persona/; core/codec/persona_json.h) ----
  // The open business's personas as JSON text, the records the store keeps: [{schema, id, name,
  // revision, strokes: [{color, width, points: [x, y, pressure, ...]}], details: {gender: {value,
  // state: unmarked|known|assumed|unknown, note, ways: [shoes|secondary|ask], answer}, ...}}].
  exportPersonas() {
    return window.Module.UTF8ToString(window.Module._profila_personas_json());
  },
  // The PNG card of the persona at index, as the Export card button downloads it: a data URL ('' if none).
  exportPersonaPng(index) {
    const b64 = window.Module.UTF8ToString(window.Module._profila_persona_png_base64(index));
    return b64 ? 'data:image/png;base64,' + b64 : '';
  },
  // Persona save state: {loaded, loading, saving, pending, saves, error}.
  personaStatus() {
    return JSON.parse(window.Module.UTF8ToString(window.Module._profila_persona_status_json()));
  },
  // ---- course (app/screens/course/; core/course/course.h) ----
  // The trainee's hand-in file as JSON text, what Export results downloads: {format: 'profila-hand-in',
  // trainee, exported, statements: [{actor, verb: answered|completed|passed|failed, object: {id, type},
  // result: {score: {scaled}, success, duration_s, response}, context: {round}, timestamp}], personas}.
  exportResults() {
    return window.Module.UTF8ToString(window.Module._profila_course_handin());
  },
  // Course state: {loaded, saving, dirty, saves, trainee, lesson, item, feedback, attempts, lessons: {id: {round, current, finished, runs}}}.
  courseStatus() {
    return JSON.parse(window.Module.UTF8ToString(window.Module._profila_course_status_json()));
  },
  // ---- analysis (app/screens/analysis/analysis_web.cpp; core/analysis/run.h) ----
  // Sets the analysis date ('YYYY-MM-DD'; '' or 'today' follows today). Returns '' or why not.
  setAnalysisDate(iso) {
    return window.Module.UTF8ToString(profilaStoreCall('_profila_analysis_set_date', String(iso ?? '')));
  },
  // The analysis as CSV text, one row per customer, as the Model tab's export downloads it.
  exportAnalysis() {
    return profilaReplyText(window.Module._profila_analysis_csv());
  },
  // The model report as JSON text (fitted parameters, time_unit, log-likelihood, counts, settings).
  exportModel() {
    return profilaReplyText(window.Module._profila_analysis_model_json());
  },
  // ---- privacy (issue 18; app/screens/customers/card_privacy.cpp) ----
  // This week's actions split by consent: {actions: [{id, name, strategy}], leftOut: [{id, name,
  // reason, why}], objecting: customers left out of the analysis because they object to profiling}.
  weeklyActions() {
    return JSON.parse(window.Module.UTF8ToString(window.Module._profila_weekly_actions_json()));
  },
  // The contact list of a channel ('email', 'phone', 'messaging', 'post') as the Contact list menu
  // downloads it: {csv, leftOut: ['name: why', ...]}.
  exportContacts(channel) {
    const t = window.Module.UTF8ToString(profilaStoreCall('_profila_contact_list', String(channel)));
    return t ? JSON.parse(t) : null;
  },
  // Everything stored about one customer, as "Export this customer's data" writes it: format 'md' or 'json'.
  exportPerson(id, format) {
    const M = window.Module;
    const a = M.lengthBytesUTF8(String(id)) + 1, b = M.lengthBytesUTF8(String(format || 'md')) + 1;
    const p = M._malloc(a), q = M._malloc(b);
    M.stringToUTF8(String(id), p, a);
    M.stringToUTF8(String(format || 'md'), q, b);
    try { return M.UTF8ToString(M._profila_person_data(p, q)); } finally { M._free(p); M._free(q); }
  },
  // Forgets a customer as the card's confirmation does; resolves storeStatus() once it is stored.
  forgetCustomer(id) {
    const serial = profilaStoreCall('_profila_forget_customer', String(id));
    if (!serial) return Promise.resolve(null);
    return profilaWaitFor(() => {
      const s = this.saveProgress();
      return s.savedThrough >= serial || s.save === 'failed' ? this.storeStatus() : null;
    });
  },
  // ---- passphrase for a shared tablet (app/store/passphrase.cpp; issue 18) ----
  // Turns it on with pass (or changes it), or off with null, as Settings > Privacy does; resolves
  // storeStatus() once the one transaction has completed or failed (passphraseMessage says which).
  setPassphrase(pass) {
    const before = this.storeStatus().passphraseSerial;
    profilaStoreCall('_profila_passphrase_set', pass ? String(pass) : '');
    return profilaWaitFor(() => { const s = this.storeStatus(); return s.passphraseSerial > before ? s : null; });
  },
  // Opens a locked workspace as the prompt's Open does; resolves storeStatus() once loaded or refused.
  unlock(pass) {
    profilaStoreCall('_profila_passphrase_unlock', String(pass));
    return profilaWaitFor(() => {
      const s = this.storeStatus();
      return s.unlocking ? null : (s.loaded || s.unlockMessage ? s : null);
    });
  },
  // Locks now as Settings' Lock now does (what was typed is saved first); resolves once locked.
  lockNow() {
    window.Module._profila_passphrase_lock();
    return profilaWaitFor(() => { const s = this.storeStatus(); return s.locked ? s : null; });
  },
  // The Analysis screen's staged run: {running, runs, runFrames, lastRunFrames, stage, customers, lastRunMs}.
  analysisStatus() {
    return JSON.parse(window.Module.UTF8ToString(window.Module._profila_analysis_status_json()));
  },
  // ---- a class over CouchDB (app/sync/class.h; issue 17) ----
  // Joins the open workspace to its class with the trainer's code and the trainee's name, as the
  // Course screen's Join does: '' when under way (syncStatus() follows it), else why not (an i18n key).
  classJoin(code, name) {
    const M = window.Module;
    const a = M.lengthBytesUTF8(String(code)) + 1, b = M.lengthBytesUTF8(String(name)) + 1;
    const p = M._malloc(a), q = M._malloc(b);
    M.stringToUTF8(String(code), p, a);
    M.stringToUTF8(String(name), q, b);
    try { return M.UTF8ToString(M._profila_class_join(p, q)); } finally { M._free(p); M._free(q); }
  },
  // The class: {following, id, user, server, phase, message, code (just created: shown once), polls,
  // trainees: [{name, database, status, statements, personas, lessonsPassed}], joined (the class this
  // workspace is a trainee of), joinError}.
  classStatus() {
    return JSON.parse(window.Module.UTF8ToString(window.Module._profila_class_status_json()));
  },
  // Answers the open round of a lesson with these item scores (0..1), as answering its items does;
  // '' or why not. Saved (with its statements, in a class) by the store as usual.
  recordCourseRun(lesson, scores) {
    const M = window.Module;
    const text = JSON.stringify(scores);
    const a = M.lengthBytesUTF8(String(lesson)) + 1, b = M.lengthBytesUTF8(text) + 1;
    const p = M._malloc(a), q = M._malloc(b);
    M.stringToUTF8(String(lesson), p, a);
    M.stringToUTF8(text, q, b);
    try { return M.UTF8ToString(M._profila_course_record_run(p, q)); } finally { M._free(p); M._free(q); }
  },
};

// Calls an exported C function with a string too big for ccall's stack copy.
function profilaStoreCall(name, text) {
  const M = window.Module;
  const n = M.lengthBytesUTF8(text) + 1;
  const p = M._malloc(n);
  M.stringToUTF8(text, p, n);
  try { return M[name](p); } finally { M._free(p); }
}

// The text an exported function just returned, read with the length it has (a big export, megabytes
// of CSV, is not scanned byte by byte in JS for its end first, as UTF8ToString does).
const profilaUtf8 = new TextDecoder();
function profilaReplyText(p) {
  const M = window.Module;
  return profilaUtf8.decode(M.HEAPU8.subarray(p, p + M._profila_reply_size()));
}

function profilaWaitFor(check, timeoutMs = 60000) {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    (function poll() {
      const v = check();
      if (v) resolve(v);
      else if (performance.now() - start > timeoutMs) reject(new Error('timed out'));
      else setTimeout(poll, 10);
    })();
  });
}
