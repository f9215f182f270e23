// scripts/bundle.mjs: deterministic output, JSON and YAML in agreement, a self-contained OpenAPI 3.1.0
// document, and a broken spec that fails the build without touching an existing dist/.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { collectRefs, getAt, isObject, JsonObject, operations, parseInternalRef, toPointer } from './helpers/bundle';
import { bundleJsonPath, bundleScript, bundleYamlPath, packageDir, redoclyHelperScript } from './helpers/paths';
import { runNode, RunResult, stylishFileLines } from './helpers/redocly';
import { BREAKAGES } from './helpers/breakages';
import { copySpecInto, editFile, lineOf, removeDir } from './helpers/spec-copy';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const DIST_FILES = ['openapi.yaml', 'openapi.json'] as const;

function runBundle(packageFolder: string): RunResult {
  return runNode(['scripts/bundle.mjs'], packageFolder);
}

function readDist(distFolder: string): Record<string, Buffer> {
  return Object.fromEntries(DIST_FILES.map((f) => [f, readFileSync(join(distFolder, f))]));
}

describe('bundling the real spec', () => {
  const runs: { result: RunResult; files: Record<string, Buffer> }[] = [];

  beforeAll(() => {
    for (let i = 0; i < 2; i++) {
      const result = runBundle(packageDir);
      runs.push({ result, files: result.status === 0 ? readDist(join(packageDir, 'dist')) : {} });
    }
  });

  test('both runs of scripts/bundle.mjs succeed', () => {
    for (const { result } of runs) {
      expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ status: 0, stderr: '' });
      expect(result.stderr).toContain('openapi: wrote dist/openapi.yaml and dist/openapi.json');
    }
  });

  test.each(DIST_FILES)('bundling twice gives a byte-identical dist/%s', (file) => {
    const [first, second] = runs.map((r) => r.files[file]);
    expect(first).toBeInstanceOf(Buffer);
    expect(second).toBeInstanceOf(Buffer);
    expect(first!.length).toBeGreaterThan(0);
    expect(sha256(second!)).toBe(sha256(first!));
    expect(Buffer.compare(first!, second!)).toBe(0);
  });

  test('dist/openapi.json and dist/openapi.yaml describe the same document', () => {
    const fromJson = JSON.parse(readFileSync(bundleJsonPath, 'utf8')) as unknown;
    const fromYaml = parseYaml(readFileSync(bundleYamlPath, 'utf8')) as unknown;
    expect(isObject(fromJson)).toBe(true);
    expect(fromYaml).toStrictEqual(fromJson);
  });

  describe('the bundle', () => {
    let doc: JsonObject;
    beforeAll(() => {
      doc = JSON.parse(readFileSync(bundleJsonPath, 'utf8')) as JsonObject;
    });

    test('is OpenAPI 3.1.0', () => {
      expect(doc.openapi).toBe('3.1.0');
      expect(isObject(doc.info)).toBe(true);
    });

    test('has no external $refs, and every $ref resolves inside it', () => {
      const refs = collectRefs(doc);
      expect(refs.length).toBeGreaterThan(0);
      const external = refs.filter((r) => !r.ref.startsWith('#/')).map((r) => `${toPointer(r.at)}: ${r.ref}`);
      expect(external).toEqual([]);
      const dangling = refs.filter((r) => getAt(doc, parseInternalRef(r.ref)) === undefined).map((r) => r.ref);
      expect(dangling).toEqual([]);
    });

    test('contains both batch-run operations', () => {
      const found = operations(doc).map((op) => `${op.method.toUpperCase()} ${op.path} ${String(op.operation.operationId)}`);
      expect(found).toEqual(
        expect.arrayContaining([
          'POST /v5/{project_id}/api/pipelines/batch-runs BatchRunPipeline',
          'POST /v5/{project_id}/api/pipelines/batch-runs/result ShowBatchRunResult',
        ]),
      );
    });
  });
});

describe('bundling a broken copy of the spec', () => {
  // The script finds the repository root from its own location, so it runs from a temp tree with the same
  // layout: <tmp>/packages/openapi/scripts/bundle.mjs, <tmp>/scripts/lib/redocly.mjs, <tmp>/spec,
  // <tmp>/redocly.yaml, and <tmp>/packages/openapi/node_modules linked to the real one for redocly.
  let root: string | undefined;
  let copyPackage: string;
  let copyDist: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'openapi-bundle-'));
    copyPackage = join(root, 'packages', 'openapi');
    copyDist = join(copyPackage, 'dist');
    mkdirSync(join(copyPackage, 'scripts'), { recursive: true });
    mkdirSync(join(root, 'scripts', 'lib'), { recursive: true });
    cpSync(bundleScript, join(copyPackage, 'scripts', 'bundle.mjs'));
    cpSync(redoclyHelperScript, join(root, 'scripts', 'lib', 'redocly.mjs'));
    copySpecInto(root);
    symlinkSync(join(packageDir, 'node_modules'), join(copyPackage, 'node_modules'), 'dir');
  });
  afterEach(() => {
    removeDir(root);
    root = undefined;
  });

  // breakages (a) a wrong example type and (b) a dangling $ref, as the lint test applies them
  const breakages = BREAKAGES.filter((b) => /^\((a|b)\) /.test(b.name));
  if (breakages.length !== 2) throw new Error(`expected breakages (a) and (b), found ${breakages.length}`);

  test.each(breakages.map((b) => [b.name, b] as const))(
    '%s: the script exits non-zero, prints file:line, leaves dist/ byte-identical and no staging folder',
    (_name, b) => {
      // A first, clean build in the copy gives the dist/ that must survive; it matches the real one.
      const clean = runBundle(copyPackage);
      expect({ status: clean.status, stderr: clean.status === 0 ? '' : clean.stderr }).toEqual({ status: 0, stderr: '' });
      const before = readDist(copyDist);
      const inodes = DIST_FILES.map((f) => statSync(join(copyDist, f)).ino);
      for (const file of DIST_FILES) expect(sha256(before[file]!)).toBe(sha256(readFileSync(join(packageDir, 'dist', file))));

      const text = editFile(root!, b.file, b.edits);
      const line = lineOf(text, b.at);
      const broken = runBundle(copyPackage);

      expect(broken.status).not.toBe(0);
      expect(stylishFileLines(broken.stdout)).toContain(`${b.file}:${line} ${b.rule}`);
      expect(broken.stderr).toContain('failed');
      expect(broken.stderr).toContain('dist/ was left untouched');
      expect(broken.stderr).not.toContain('wrote dist/');

      const after = readDist(copyDist);
      for (const file of DIST_FILES) {
        expect({ file, sha256: sha256(after[file]!) }).toEqual({ file, sha256: sha256(before[file]!) });
        expect(Buffer.compare(after[file]!, before[file]!)).toBe(0);
      }
      expect(DIST_FILES.map((f) => statSync(join(copyDist, f)).ino)).toEqual(inodes);
      expect(readdirSync(copyDist).sort()).toEqual([...DIST_FILES].sort());
      // The staging folder is removed on failure too.
      expect(readdirSync(copyPackage).filter((n) => n.startsWith('.bundle-'))).toEqual([]);
    },
  );
});
