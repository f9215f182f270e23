// Outsider consumers: every publishable package is packed (`pnpm pack`), the tarballs are installed
// with npm into a scratch project outside the workspace, and three project styles there — TypeScript
// ESM, TypeScript CommonJS, plain JavaScript — compile and call the simulator through the typed client
// and the SDK, on Node 20 and on Node 24. Broken `exports`, `types` or `files` fail here.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const PUBLISHED = ['openapi', 'signer', 'client', 'sdk', 'simulator'];
const NODES: Array<[string, string]> = [
  ['Node 20', process.execPath],
  ['Node 24', join(repoRoot, '.tools', 'node24', 'node_modules', '.bin', 'node')],
];
const STYLES: Array<[string, string]> = [
  ['esm-ts', 'out/main.js'],
  ['cjs-ts', 'out/main.js'],
  ['plain-js', 'main.js'],
];

let scratch: string;
const tarballs = new Map<string, string>();

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'consumers-'));
  const packed = join(scratch, 'tarballs');
  mkdirSync(packed);
  for (const name of PUBLISHED) {
    execFileSync('pnpm', ['pack', '--pack-destination', packed], { cwd: join(repoRoot, 'packages', name), stdio: 'pipe' });
  }
  for (const file of readdirSync(packed)) tarballs.set(/^codearts-pipeline-(.+)-\d+\.\d+\.\d+\.tgz$/.exec(file)![1]!, file);
  expect([...tarballs.keys()].sort()).toEqual([...PUBLISHED].sort());

  const dependencies = Object.fromEntries(PUBLISHED.map((name) => [`@codearts-pipeline/${name}`, `file:tarballs/${tarballs.get(name)}`]));
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({
      name: 'scratch-consumers',
      private: true,
      dependencies,
      devDependencies: { typescript: '5.9.3', '@types/node': '20.19.43' },
      // the packages depend on each other by version; these versions exist only as these tarballs
      overrides: dependencies,
    }),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: scratch, stdio: 'pipe' });

  const tsc = join(scratch, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [style] of STYLES) {
    cpSync(join(__dirname, '..', 'fixtures', style), join(scratch, style), { recursive: true });
    if (existsSync(join(scratch, style, 'tsconfig.json'))) {
      const compiled = spawnSync(process.execPath, [tsc, '-p', join(scratch, style)], { encoding: 'utf8' });
      if (compiled.status !== 0) throw new Error(`tsc failed for ${style}:\n${compiled.stdout}${compiled.stderr}`);
    }
  }
}, 300_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('each tarball ships its build, README and manifest, and no tests', () => {
  for (const [name, file] of tarballs) {
    const listing = execFileSync('tar', ['-tzf', join(scratch, 'tarballs', file)], { encoding: 'utf8' }).split('\n');
    expect(listing).toEqual(expect.arrayContaining(['package/package.json', 'package/README.md']));
    expect(listing.some((entry) => entry.startsWith('package/test/'))).toBe(false);
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', join(scratch, 'tarballs', file), 'package/package.json'], { encoding: 'utf8' }));
    expect(JSON.stringify(manifest.dependencies ?? {})).not.toContain('workspace:');
    for (const target of Object.values<any>(manifest.exports ?? {}).flatMap((entry) => (typeof entry === 'string' ? [entry] : Object.values<any>(entry).flatMap((c) => (typeof c === 'string' ? [c] : Object.values(c)))))) {
      expect([name, listing.includes(`package/${String(target).replace(/^\.\//, '')}`)]).toEqual([name, true]);
    }
  }
});

const expected = () => {
  const bundle = JSON.parse(readFileSync(join(repoRoot, 'packages', 'openapi', 'dist', 'openapi.json'), 'utf8'));
  return bundle.components.examples.ShowBatchRunResultResponse.value.result;
};

describe.each(NODES)('%s', (_label, node) => {
  test.each(STYLES)('a %s project calls the simulator through the client and the SDK', (style, entry) => {
    expect(existsSync(node)).toBe(true);
    const run = spawnSync(node, [entry], { cwd: join(scratch, style), encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.style).toBe(style);
    expect(output.client).toStrictEqual(expected());
    expect(output.sdk).toStrictEqual(expected());
    expect(output.error).toEqual({ status: 400, errorCode: 'DEVCP.00021400' });
  });
});
