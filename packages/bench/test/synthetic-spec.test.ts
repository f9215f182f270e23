// The scale benchmark's synthetic specs: exactly the requested number of operations, shaped like the
// real bundle, with every file reference resolvable — checked here without running redocly (the smoke
// test lints and bundles them for real).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { loadBundledDocument } from '@codearts-pipeline/simulator';
import { parse } from 'yaml';
import { refsIn, synthesizeSpec, writeSpec } from '../src/scale-bench';

const document = loadBundledDocument();
const realOperations = Object.values<Record<string, { operationId?: string }>>(document.paths).flatMap((item) =>
  Object.values(item).flatMap((value) => (value && typeof value === 'object' && 'operationId' in value ? [value.operationId!] : [])),
);

test.each([1, realOperations.length, realOperations.length + 1, 10])('%i operations: exactly that many, unique ids and paths', (count) => {
  const spec = synthesizeSpec(document, count);
  expect(spec.operations).toHaveLength(count);
  expect(new Set(spec.operationIds).size).toBe(count);
  expect(new Set(spec.operations.map((o) => `${o.method} ${o.path}`)).size).toBe(count);
  const root = spec.files.get('openapi.yaml') as { paths: Record<string, unknown>; info: unknown };
  expect(Object.keys(root.paths)).toHaveLength(new Set(spec.operations.map((o) => o.path)).size);
  expect(root.info).toEqual(document.info);
});

test('copies are renamed per set and keep the real operations\' shapes', () => {
  const spec = synthesizeSpec(document, realOperations.length * 2);
  expect(spec.operationIds).toEqual([...realOperations.map((id) => `${id}Set1`), ...realOperations.map((id) => `${id}Set2`)]);
  expect(spec.operations.every((o) => /^\/v[35]\/set-[12]\//.test(o.path))).toBe(true);
  // A per-operation schema is cloned for each set; a shared one (the error body) is written once.
  expect(spec.files.has('components/schemas/ShowBatchRunResultRequestSet1.yaml')).toBe(true);
  expect(spec.files.has('components/schemas/ShowBatchRunResultRequestSet2.yaml')).toBe(true);
  expect(spec.files.has('components/schemas/ErrorResponse.yaml')).toBe(true);
  expect([...spec.files.keys()].filter((file) => file.includes('ErrorResponse'))).toEqual(['components/schemas/ErrorResponse.yaml']);
  const result = spec.files.get('components/schemas/ShowBatchRunResultResponseSet2.yaml');
  expect(JSON.stringify(result)).toContain('BatchRunResultSet2.yaml');
});

test('written to disk, every $ref points at a file that exists and nothing is left unreferenced', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-synthetic-'));
  try {
    const spec = synthesizeSpec(document, 8);
    writeSpec(dir, spec);
    const reached = new Set<string>(['openapi.yaml']);
    const queue = ['openapi.yaml'];
    while (queue.length) {
      const file = queue.pop()!;
      const content = parse(readFileSync(join(dir, file), 'utf8'));
      for (const ref of refsIn(content)) {
        expect(ref.startsWith('#')).toBe(false); // the layout of spec/: file references only
        const target = normalize(join(dirname(file), ref));
        expect(spec.files.has(target)).toBe(true);
        if (!reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
    expect([...spec.files.keys()].filter((file) => !reached.has(file))).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a size that is not a positive integer is refused', () => {
  expect(() => synthesizeSpec(document, 0)).toThrow('positive integer');
  expect(() => synthesizeSpec(document, 2.5)).toThrow('positive integer');
});
