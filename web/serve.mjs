// Serves the built site on 127.0.0.1 with the right MIME types (application/wasm for streaming
// compilation), gzip where the browser accepts it, and no-cache so the service worker decides
// what is fresh. Usage: node web/serve.mjs <site-dir> [--port N] [--couchdb URL]   (PORT and
// COUCHDB_URL env also work). With --couchdb, /couchdb/... is passed to that CouchDB server: the app
// and the database on one origin, as the reverse proxy of web/deploy/ serves them (so the page's
// connect-src 'self' holds and the session cookie is first-party).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const root = path.resolve(args[0] || 'build/web/site');
const portFlag = args.indexOf('--port');
const port = Number(portFlag >= 0 ? args[portFlag + 1] : process.env.PORT || 8080);
const host = '127.0.0.1';
const couchFlag = args.indexOf('--couchdb');
const couch = couchFlag >= 0 ? args[couchFlag + 1] : process.env.COUCHDB_URL || '';

// /couchdb/<rest> -> <couch>/<rest>, headers and body streamed both ways.
function proxyCouch(req, res, rest) {
  const target = new URL(rest, couch.endsWith('/') ? couch : couch + '/');
  const headers = { ...req.headers, host: target.host };
  const up = http.request(target, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  up.on('error', () => { if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' }); res.end('{"error":"bad_gateway","reason":"the database server does not answer"}'); });
  req.pipe(up);
}

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.data': 'application/octet-stream',
  '.json': 'application/json; charset=utf-8', '.webmanifest': 'application/manifest+json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
};
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.data', '.json', '.webmanifest', '.svg', '.txt', '.csv']);
const gzCache = new Map();  // path -> {mtimeMs, body}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, `http://${host}`);
  if (couch && (url.pathname === '/couchdb' || url.pathname.startsWith('/couchdb/'))) {
    proxyCouch(req, res, req.url.slice('/couchdb/'.length));
    return;
  }
  let rel = decodeURIComponent(url.pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.join(root, path.normalize(rel));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found'); return; }
    const ext = path.extname(file);
    const headers = {
      'Content-Type': types[ext] || 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'X-Raw-Length': String(st.size),
    };
    if (path.basename(file) === 'sw.js') headers['Service-Worker-Allowed'] = '/';
    const gzip = compressible.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    // Revalidation is cheap: the service worker's install asks with If-None-Match and gets a 304
    // for files the browser downloaded moments before.
    headers['ETag'] = `"${st.size.toString(36)}-${Math.round(st.mtimeMs).toString(36)}${gzip ? '-gz' : ''}"`;
    if (req.headers['if-none-match'] === headers['ETag']) {
      delete headers['X-Raw-Length'];
      res.writeHead(304, headers).end();
      return;
    }
    if (!gzip) {
      headers['Content-Length'] = st.size;
      res.writeHead(200, headers);
      if (req.method === 'HEAD') { res.end(); return; }
      fs.createReadStream(file).pipe(res);
      return;
    }
    let cached = gzCache.get(file);
    if (!cached || cached.mtimeMs !== st.mtimeMs) {
      cached = { mtimeMs: st.mtimeMs, body: zlib.gzipSync(fs.readFileSync(file), { level: 9 }) };
      gzCache.set(file, cached);
    }
    headers['Content-Encoding'] = 'gzip';
    headers['Content-Length'] = cached.body.length;
    headers['Vary'] = 'Accept-Encoding';
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : cached.body);
  });
});
server.listen(port, host, () => {
  console.log(`Profila is served at http://${host}:${server.address().port}/`);
});
