// Shared by the docs tests: paths, the built page, and scripts/serve.mjs run as a child process
// (jest runs tests as CommonJS and cannot import the .mjs scripts, so the server is used as users use it).
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

export const packageDir = join(__dirname, '..');
export const distDir = join(packageDir, 'dist');
export const reportsDir = join(packageDir, 'reports');
export const TITLE = 'CodeArts Pipeline API reference (unofficial)';

export function readBuiltPage(): string {
  const page = join(distDir, 'index.html');
  if (!existsSync(page)) throw new Error(`${page} is missing: run \`node scripts/build.mjs\` in packages/docs first`);
  return readFileSync(page, 'utf8');
}

/** The OpenAPI document build-docs embedded in the page for Redoc to hydrate with. */
export function embeddedDefinition(html: string): any {
  const match = /const __redoc_definition = (.*);\n/.exec(html);
  if (!match?.[1]) throw new Error('no __redoc_definition in the page');
  return JSON.parse(match[1]);
}

export function loadBundle(): any {
  return JSON.parse(readFileSync(require.resolve('@codearts-pipeline/openapi/openapi.json'), 'utf8'));
}

export interface Served {
  url: string; // e.g. http://127.0.0.1:40123/
  port: number;
  stop(): Promise<void>;
}

/** Runs `node <script> --port 0 …` and resolves once it prints its URL. */
export function startServe(script = join(packageDir, 'scripts', 'serve.mjs'), extraArgs: string[] = []): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, [script, '--port', '0', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`serve.mjs printed no URL within 10 s; stderr: ${stderr}`));
    }, 10_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited with ${code} before printing a URL; stderr: ${stderr}`));
    });
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const url = /^(http:\/\/127\.0\.0\.1:(\d+)\/)$/m.exec(stdout);
      if (!url) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const stop = () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      resolve({ url: url[1]!, port: Number(url[2]), stop });
    });
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GET with the path sent exactly as given (no `..` clean-up as fetch()/URL would do). */
export function rawGet(port: number, path: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
