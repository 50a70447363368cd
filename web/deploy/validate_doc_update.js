// The database's validate_doc_update (design document _design/profila, installed by
// new-business.sh and by the tests' server, tests/e2e/couch.mjs). ES5: CouchDB runs it on
// SpiderMonkey or QuickJS, pouchdb-server on Node. It checks what the app writes (app/sync/sync.cpp):
//   _id "<type>:<key>", type one of customer, persona, settings, statement; the writer's "device"
//   and "edited"; a customer or persona body whose "id" is the key and whose "schema" is a known
//   version; purchases with a date and a number for amount; and who writes: design documents only
//   an admin, a course statement only its own trainee, never changed once written. Deletes are
//   allowed to members (erasure must always be possible). Membership itself is the _security
//   object's (checked by CouchDB before this function runs).
function (newDoc, oldDoc, userCtx, secObj) {
  function fail(field, why) { throw ({ forbidden: field + ': ' + why }); }
  function has(list, x) { for (var i = 0; list && i < list.length; i++) if (list[i] === x) return true; return false; }
  // Only the database's members reach this function (CouchDB checks _security first); admins are
  // the server's and the database's.
  var roles = userCtx.roles || [];
  var admin = has(roles, '_admin') || !!(secObj && secObj.admins && has(secObj.admins.names, userCtx.name));
  if (newDoc._id.indexOf('_design/') === 0) { if (!admin) fail('_id', 'only an admin writes design documents'); return; }
  if (newDoc._deleted) {
    if (oldDoc && oldDoc.type === 'statement' && !admin && oldDoc.trainee !== userCtx.name) fail('trainee', 'only its trainee deletes a statement');
    return;
  }
  var types = { customer: 2, persona: 1, settings: 0, statement: 1 };  // the highest schema version known
  if (!types.hasOwnProperty(newDoc.type)) fail('type', 'must be one of customer, persona, settings, statement');
  var prefix = newDoc.type + ':';
  if (newDoc._id.indexOf(prefix) !== 0 || newDoc._id.length === prefix.length) fail('_id', 'must be "' + prefix + '<key>"');
  var key = newDoc._id.substring(prefix.length);
  if (typeof newDoc.device !== 'string') fail('device', 'missing (the writing device\'s name)');
  if (typeof newDoc.edited !== 'string' || isNaN(Date.parse(newDoc.edited))) fail('edited', 'missing or not a date and time');
  if (newDoc.type === 'customer' || newDoc.type === 'persona') {
    if (newDoc.id !== key) fail('id', 'must be the key of _id (' + key + ')');
    if (typeof newDoc.schema !== 'number' || newDoc.schema < 1 || newDoc.schema > types[newDoc.type]) fail('schema', 'not a known version');
  }
  if (newDoc.type === 'customer') {
    if (['private', 'business', 'professional', 'other'].indexOf(newDoc.kind) < 0) fail('kind', 'must be private, business, professional or other');
    var purchases = newDoc.purchases || [];
    if (!Array.isArray(purchases)) fail('purchases', 'must be a list');
    for (var i = 0; i < purchases.length; i++) {
      var p = purchases[i];
      if (!p || typeof p.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(p.date)) fail('purchases[' + i + '].date', 'must be YYYY-MM-DD');
      if (typeof p.amount !== 'number' || !isFinite(p.amount)) fail('purchases[' + i + '].amount', 'must be a number');
    }
  }
  if (newDoc.type === 'statement') {
    if (oldDoc && !oldDoc._deleted) fail('_id', 'a course statement is never changed once written');
    if (!admin && newDoc.trainee !== userCtx.name) fail('trainee', 'a trainee writes only their own statements');
  }
}
