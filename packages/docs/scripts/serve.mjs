#!/usr/bin/env node
// Serves dist/ on http://127.0.0.1:<port>/ — the page imports ./redoc.standalone.js as an ES module,
// which browsers refuse over file://, so the reference has to be opened through a (local) web server.
// Port: `--port N` or env PORT, default 8081; `--port 0` picks a free port. The URL is printed on stdout.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDocsServer } from './server.mjs';

const distDir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist');

function fail(message, code = 1) {
  process.stderr.write(`docs: ${message}\n`);
  process.exit(code);
}

function portOption(argv) {
  let value = process.env.PORT || '8081';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') continue; // `pnpm docs:serve -- --port N` passes the separator through
    if (argv[i] === '--port') value = argv[++i] ?? '';
    else if (argv[i].startsWith('--port=')) value = argv[i].slice('--port='.length);
    else fail(`unknown argument ${argv[i]} (usage: serve.mjs [--port N])`, 2);
  }
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) fail(`invalid port "${value}"${argv.includes('--port') || argv.some((a) => a.startsWith('--port=')) ? '' : ' (from $PORT)'}: expected a number from 0 to 65535`, 2);
  return port;
}

const port = portOption(process.argv.slice(2));
if (!existsSync(join(distDir, 'index.html'))) {
  fail('dist/index.html is missing: build the reference first with `pnpm --filter @codearts-pipeline/docs build`.');
}

let docs;
try {
  docs = await startDocsServer(distDir, { port });
} catch (error) {
  fail(error.code === 'EADDRINUSE' ? `port ${port} is already in use; pick another with --port N` : `cannot start: ${error.message}`);
}
process.stdout.write(`${docs.url}\n`);
process.stderr.write('docs: serving dist/ (Ctrl+C to stop)\n');
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => docs.close().then(() => process.exit(0)));
}
