// scripts/serve.mjs: serves dist/ with the right content types, 404 for missing files, nothing outside
// dist/, and refuses to start before the reference has been built.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distDir, packageDir, rawGet, readBuiltPage, Served, startServe } from './helpers.js';

let served: Served;

beforeAll(async () => {
  readBuiltPage(); // fails with the build hint when dist/ is missing
  served = await startServe();
});
afterAll(() => served?.stop());

describe('serve.mjs', () => {
  test('listens on 127.0.0.1 and serves the page and Redoc with their content types', async () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await rawGet(served.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toBe(readFileSync(join(distDir, 'index.html'), 'utf8'));
    expect((await rawGet(served.port, '/index.html?x=1')).status).toBe(200);

    const redoc = await rawGet(served.port, '/redoc.standalone.js');
    expect(redoc.status).toBe(200);
    expect(redoc.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  test('answers 404 for a missing file', async () => {
    const response = await rawGet(served.port, '/missing.js');
    expect(response.status).toBe(404);
    expect(response.body).toContain('Not found');
  });

  test.each(['/../package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/scripts/../../package.json', '/..\\package.json'])(
    'refuses to leave dist/: %s',
    async (path) => {
      const response = await rawGet(served.port, path);
      expect([403, 404]).toContain(response.status);
      expect(response.body).not.toContain('@codearts-pipeline/docs');
    },
  );

  test('says "Forbidden" for a ../ path', async () => {
    expect((await rawGet(served.port, '/../package.json')).status).toBe(403);
  });

  test('refuses to start without dist/index.html, and says to build', () => {
    // A copy of the scripts in a folder without dist/: serve.mjs looks for ../dist next to itself.
    const copy = mkdtempSync(join(tmpdir(), 'docs-serve-'));
    try {
      mkdirSync(join(copy, 'scripts'));
      for (const file of ['serve.mjs', 'server.mjs']) copyFileSync(join(packageDir, 'scripts', file), join(copy, 'scripts', file));
      const result = spawnSync(process.execPath, [join(copy, 'scripts', 'serve.mjs'), '--port', '0'], { encoding: 'utf8', timeout: 10_000 });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('dist/index.html is missing');
      expect(result.stderr).toContain('pnpm --filter @codearts-pipeline/docs build');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  test.each([
    [['--port', 'abc'], {}, 'invalid port "abc": expected a number from 0 to 65535'],
    [['--port='], {}, 'invalid port "": expected a number from 0 to 65535'],
    [[], { PORT: 'abc' }, 'invalid port "abc" (from $PORT): expected a number from 0 to 65535'],
    [['--host', 'x'], {}, 'unknown argument --host'],
  ])('rejects bad arguments %j %j with exit code 2', (args, env, message) => {
    const result = spawnSync(process.execPath, [join(packageDir, 'scripts', 'serve.mjs'), ...args], {
      encoding: 'utf8',
      timeout: 10_000,
      env: { ...process.env, ...env },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
