// A small static file server for dist/ (node:http only). Used by scripts/serve.mjs; exported so that other
// scripts can start it on an ephemeral port and stop it again.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

function fileOf(path) {
  try {
    const stat = statSync(path);
    if (stat.isFile()) return { path, size: stat.size };
    if (stat.isDirectory()) return fileOf(join(path, 'index.html'));
  } catch {}
  return null;
}

/** An http.Server (not yet listening) that serves the files under `rootDir`, nothing outside it. */
export function createDocsServer(rootDir) {
  const root = resolve(rootDir);
  return createServer((req, res) => {
    const send = (status, text) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : `${text}\n`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed');

    // Decode the raw path ourselves (not through `new URL`, which would silently drop `..` segments),
    // then make sure the result stays inside root: this also catches encoded forms such as `..%2f`.
    let pathname;
    try {
      pathname = decodeURIComponent((req.url ?? '/').split(/[?#]/)[0]);
    } catch {
      return send(400, 'Bad request: malformed URL encoding');
    }
    const target = join(root, pathname);
    if (pathname.includes('\0') || (target !== root && !target.startsWith(root + sep))) return send(403, 'Forbidden');

    const file = fileOf(target);
    if (!file) return send(404, `Not found: ${pathname}`);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': file.size,
      'Cache-Control': 'no-cache', // a rebuild must show up on reload
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file.path).pipe(res);
  });
}

/** Starts serving `rootDir`; resolves to {server, url, close()} once listening (port 0 = any free port). */
export function startDocsServer(rootDir, { port = 0, host = '127.0.0.1' } = {}) {
  const server = createDocsServer(rootDir);
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actualPort } = server.address();
      resolvePromise({
        server,
        url: `http://${host}:${actualPort}/`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections(); // don't wait for a browser's keep-alive connections
          }),
      });
    });
  });
}
