// A CouchDB-compatible server for the sync tests: pouchdb-server from npm (pinned in
// package-lock.json), on 127.0.0.1, in a temporary working folder (it writes config.json and
// log.txt there: an admin saved by an earlier run would change the next). Databases are created as
// admin (pouchdb-server#374: an unauthenticated PUT of a new database crashes it once an admin
// exists), each with a _security object naming its members, as in production.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, 'node_modules/pouchdb-server/bin/pouchdb-server');
export const ADMIN = { name: 'admin', password: 'admin-secret' };
// web/deploy/validate_doc_update.js without its comment lines: the function's source.
export function validateSource() {
  const text = fs.readFileSync(path.join(here, '../../web/deploy/validate_doc_update.js'), 'utf8');
  return text.replace(/^\/\/.*\n/gm, '').trim();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

async function waitUp(url, ms = 30000) {
  const until = Date.now() + ms;
  for (;;) {
    try { if ((await fetch(url)).ok) return; } catch {}
    if (Date.now() > until) throw new Error('pouchdb-server did not start at ' + url);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Starts the server; resolves to {url, request(method, path, body, auth), createDb(name, members),
// createUser(name, password), stop(), restart(), exited}. `exited` is set when the process ends on
// its own: a test fails on it rather than hanging.
export async function startCouch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profila-couch-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const state = { child: null, exited: null, stopping: false };
  const launch = async () => {
    state.child = spawn(process.execPath, [bin, '--host', '127.0.0.1', '--port', String(port), '--dir', path.join(dir, 'db')],
                        { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    state.child.stderr.on('data', (d) => { err += d; });
    state.child.on('exit', (code) => { if (!state.stopping) state.exited = `pouchdb-server exited (${code}): ${err.slice(-500)}`; });
    await waitUp(url + '/');
  };
  await launch();
  const auth = (who) => 'Basic ' + Buffer.from(`${who.name}:${who.password}`).toString('base64');
  const request = async (method, p, body, who = ADMIN) => {
    const r = await fetch(url + p, { method, headers: { 'Content-Type': 'application/json', Authorization: auth(who) },
                                     body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch {}
    return { status: r.status, json, text };
  };
  // The first admin (the server is open until one exists).
  const made = await fetch(url + '/_config/admins/' + ADMIN.name, { method: 'PUT', body: JSON.stringify(ADMIN.password) });
  if (!made.ok) throw new Error('could not create the admin: ' + made.status);
  const couch = {
    url,
    request,
    get exited() { return state.exited; },
    async createUser(name, password, roles = []) {
      const r = await request('PUT', '/_users/org.couchdb.user:' + name, { name, password, roles, type: 'user' });
      if (r.status >= 300) throw new Error('user ' + name + ': ' + r.text);
    },
    async createDb(name, members = []) {
      const r = await request('PUT', '/' + name);
      if (r.status >= 300) throw new Error('database ' + name + ': ' + r.text);
      const s = await request('PUT', '/' + name + '/_security', { admins: { names: [], roles: [] }, members: { names: members, roles: [] } });
      if (s.status >= 300) throw new Error('security of ' + name + ': ' + s.text);
      // As in production (web/deploy/new-business.sh): the app's validate_doc_update checks every write.
      const v = await request('PUT', '/' + name + '/_design/profila', { validate_doc_update: validateSource() });
      if (v.status >= 300) throw new Error('design document of ' + name + ': ' + v.text);
    },
    async stop() {
      state.stopping = true;
      const child = state.child;
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill();
        await gone;
      }
    },
    // Starts again after stop(), on the same port and folder (the data is kept).
    async start() {
      state.stopping = false;
      await launch();
    },
    async restart() {
      await couch.stop();
      await couch.start();
    },
    async close() {
      await couch.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return couch;
}
