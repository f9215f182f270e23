// Scale: how the spec pipeline's cost grows with the number of operations. Synthetic specs are made from
// the real bundle: its operations are cloned with renamed operationIds, paths and per-operation
// components, then written back in the layout of spec/ (one file per path and per component). Each size
// goes through the steps the build runs: redocly lint (the project's redocly.yaml policy), redocly bundle,
// openapi-typescript type generation, and `tsc --noEmit` of the types plus a typed openapi-fetch call.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadBundledDocument, type OpenApiDocument } from '@codearts-pipeline/simulator';
import { parse, stringify } from 'yaml';
import { PACKAGE_DIR, REPO_ROOT } from './seed';
import { growthExponent, round, timed } from './stats';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const COMPONENT_REF = /^#\/components\/([A-Za-z]+)\/([^/]+)$/;

export interface SyntheticSpec {
  /** Files relative to the spec root: `openapi.yaml`, `paths/…`, `components/<type>/<Name>.yaml`. */
  files: Map<string, unknown>;
  operationIds: string[];
  /** `METHOD path` of every operation, in document order. */
  operations: Array<{ method: string; path: string; operationId: string }>;
  /** Components written, per type. */
  componentCounts: Record<string, number>;
}

interface SourceOperation {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  /** The path item reduced to this one method (path-level parameters kept). */
  pathItem: Record<string, unknown>;
  /** Components reachable from it, as `type/Name`. */
  reaches: Set<string>;
}

function mapRefs(node: unknown, map: (ref: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item) => mapRefs(item, map));
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' ? map(value) : mapRefs(value, map)]),
    );
  }
  return node;
}

/** Every `$ref` value in a document tree. */
export function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsIn(value, found);
    }
  }
  return found;
}

function componentKey(ref: string): string {
  const match = COMPONENT_REF.exec(ref);
  if (!match) throw new Error(`the bundle has a non-component $ref ${ref}`);
  return `${match[1]}/${match[2]}`;
}

function reachableComponents(document: OpenApiDocument, node: unknown): Set<string> {
  const reached = new Set<string>();
  const queue = refsIn(node).map(componentKey);
  while (queue.length) {
    const key = queue.pop()!;
    if (reached.has(key)) continue;
    reached.add(key);
    const [type, name] = key.split('/') as [string, string];
    const component = document.components?.[type]?.[name];
    if (component === undefined) throw new Error(`the bundle has no component ${key}`);
    queue.push(...refsIn(component).map(componentKey));
  }
  return reached;
}

/**
 * A spec of exactly `operationCount` operations shaped like the bundle's: copy k of operation X gets
 * operationId `XSetk`, path `/…/api/set-k/…`, and its own renamed copy of every component only X uses
 * (its request/response schemas and examples); components several operations share in the bundle
 * (error responses and schema, ProjectId, id schemas, security scheme) stay shared, as in a real API.
 */
export function synthesizeSpec(document: OpenApiDocument, operationCount: number): SyntheticSpec {
  if (!Number.isInteger(operationCount) || operationCount < 1) throw new Error(`operationCount must be a positive integer, got ${operationCount}`);
  const sources: SourceOperation[] = [];
  for (const [path, item] of Object.entries<Record<string, unknown>>(document.paths ?? {})) {
    if ('$ref' in item) throw new Error('path items of the bundle are expected inline');
    for (const method of HTTP_METHODS) {
      if (!item[method]) continue;
      const pathItem = Object.fromEntries(Object.entries(item).filter(([key]) => !(HTTP_METHODS as readonly string[]).includes(key) || key === method));
      sources.push({ path, method, pathItem, reaches: reachableComponents(document, pathItem) });
    }
  }
  if (sources.length === 0) throw new Error('the bundle has no operations');
  const users = new Map<string, number>();
  for (const source of sources) for (const key of source.reaches) users.set(key, (users.get(key) ?? 0) + 1);
  const isShared = (key: string) => (users.get(key) ?? 0) > 1 || key.startsWith('securitySchemes/');

  const components = new Map<string, unknown>(); // 'type/Name' → component (refs still #/components/…)
  const paths: Record<string, unknown> = {};
  const operations: SyntheticSpec['operations'] = [];
  for (let copy = 1; operations.length < operationCount; copy += 1) {
    const suffix = `Set${copy}`;
    const rename = (ref: string) => {
      const key = componentKey(ref);
      return isShared(key) ? ref : `${ref}${suffix}`;
    };
    for (const source of sources) {
      if (operations.length >= operationCount) break;
      // /v5/{project_id}/api/… → /v5/set-2/{project_id}/api/…: every copy gets paths of its own
      const path = source.path.replace(/^\/(v\d+)\//, `/$1/set-${copy}/`);
      if (path === source.path) throw new Error(`path ${source.path} does not start with a version segment to vary`);
      const copied = mapRefs(source.pathItem, rename) as Record<string, Record<string, unknown>>;
      const operation = copied[source.method]!;
      operation.operationId = `${operation.operationId}${suffix}`;
      // a path item holds only the methods copied so far (a URL with GET, PUT and DELETE is three sources)
      const item = (paths[path] ??= Object.fromEntries(Object.entries(copied).filter(([key]) => !(HTTP_METHODS as readonly string[]).includes(key)))) as Record<string, unknown>;
      item[source.method] = operation;
      operations.push({ method: source.method.toUpperCase(), path, operationId: operation.operationId as string });
      for (const key of source.reaches) {
        const [type, name] = key.split('/') as [string, string];
        const target = isShared(key) ? key : `${key}${suffix}`;
        if (!components.has(target)) components.set(target, mapRefs(document.components[type][name], rename));
      }
    }
  }

  // Back to the layout of spec/: file references instead of #/components/… pointers.
  const fromPaths = (ref: string) => `../components/${componentKey(ref)}.yaml`;
  const fromComponents = (ref: string) => `../${componentKey(ref)}.yaml`;
  const files = new Map<string, unknown>();
  const { paths: _paths, components: _components, ...rootFields } = document;
  const pathFile = (path: string) => `paths/${path.replace(/^\//, '').replace(/\//g, '@')}.yaml`;
  files.set('openapi.yaml', {
    ...rootFields,
    paths: Object.fromEntries(Object.keys(paths).map((path) => [path, { $ref: pathFile(path) }])),
    components: {
      securitySchemes: Object.fromEntries(
        Object.keys(document.components?.securitySchemes ?? {}).map((name) => [name, { $ref: `components/securitySchemes/${name}.yaml` }]),
      ),
    },
  });
  for (const [path, item] of Object.entries(paths)) files.set(pathFile(path), mapRefs(item, fromPaths));
  const componentCounts: Record<string, number> = {};
  for (const [key, component] of components) {
    files.set(`components/${key}.yaml`, mapRefs(component, fromComponents));
    const type = key.split('/')[0]!;
    componentCounts[type] = (componentCounts[type] ?? 0) + 1;
  }
  for (const name of Object.keys(document.components?.securitySchemes ?? {})) {
    files.set(`components/securitySchemes/${name}.yaml`, mapRefs(document.components.securitySchemes[name], fromComponents));
  }
  return { files, operationIds: operations.map((o) => o.operationId), operations, componentCounts };
}

export function writeSpec(dir: string, spec: SyntheticSpec): void {
  for (const [file, content] of spec.files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), stringify(content, { lineWidth: 0 }));
  }
}

export interface ScaleStep {
  name: 'lint' | 'bundle' | 'types' | 'typecheck';
  seconds: number;
}

export interface ScaleSize {
  operations: number;
  specFiles: number;
  /** More spec files than the open-file limit: redocly fails with EMFILE without the read cap. */
  specFilesExceedOpenFileLimit: boolean;
  components: Record<string, number>;
  bundleBytes: number;
  typesLines: number;
  steps: ScaleStep[];
  totalSeconds: number;
  /** totalSeconds / operations × 1000 */
  msPerOperation: number;
}

export interface ScaleBenchResult {
  method: string;
  /** `ulimit -n` of the benchmark's processes (undefined where no POSIX shell answers). */
  openFileLimit: number | undefined;
  sizes: ScaleSize[];
  /** Between consecutive sizes: how much time grew relative to size. */
  growth: Array<{
    from: number;
    to: number;
    sizeRatio: number;
    timeRatio: number;
    /** log(timeRatio) / log(sizeRatio): 1 = linear. */
    exponent: number;
    /** (t2 − t1) / (n2 − n1): cost of one more operation, fixed costs excluded. */
    marginalMsPerOperation: number;
    perStepExponent: Record<ScaleStep['name'], number>;
  }>;
}

function nodeTool(args: string[], cwd: string, what: string): void {
  const result = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
}

/** The soft limit on open files that child processes inherit. */
export function softOpenFileLimit(): number | undefined {
  const result = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' });
  const value = Number(result.stdout?.trim());
  return result.status === 0 && Number.isFinite(value) ? value : undefined;
}

const binOf = (name: string, bin: string) => join(dirname(require.resolve(`${name}/package.json`, { paths: [PACKAGE_DIR] })), bin);

/** Runs the four steps on one synthetic spec in `dir`; returns their wall times. */
async function measureSize(document: OpenApiDocument, operations: number, dir: string, openFileLimit: number | undefined): Promise<ScaleSize> {
  const spec = synthesizeSpec(document, operations);
  const specDir = join(dir, 'spec');
  writeSpec(specDir, spec);
  // The project's lint policy, pointed at the synthetic root (the `apis` entry names the real spec).
  const policy = parse(readFileSync(join(REPO_ROOT, 'redocly.yaml'), 'utf8')) as Record<string, unknown>;
  delete policy.apis;
  writeFileSync(join(dir, 'lint-policy.yaml'), stringify(policy));
  // a typed call of one synthetic operation: ShowBatchRunResult when the set has it, else ListPipelines (the
  // first operations of the document), whose body has no required field
  const known = [
    { id: 'ShowBatchRunResult', body: '{ query: [] }' },
    { id: 'ListPipelines', body: '{}' },
  ];
  const [first, body] = known
    .map(({ id, body }) => [spec.operations.find((o) => o.operationId.startsWith(id)), body] as const)
    .find(([operation]) => operation) ?? [undefined, ''];
  if (!first) throw new Error(`the synthetic spec of ${operations} operations has neither ShowBatchRunResult nor ListPipelines to call`);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(
    join(dir, 'usage.ts'),
    [
      "import createClient from 'openapi-fetch';",
      "import type { paths } from './schema.js';",
      "const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:8080' });",
      'export async function call() {',
      `  const { data } = await client.${first.method}('${first.path}', { params: { path: { project_id: 'p' } }, body: ${body} });`,
      '  return data;',
      '}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: join(REPO_ROOT, 'tsconfig.base.json'), compilerOptions: { noEmit: true, types: [] }, files: ['schema.ts', 'usage.ts'] }),
  );
  // Redocly reads every file of a split spec at once; the preload caps reads in flight so that a spec
  // with more files than the open-file limit does not fail with EMFILE (see scripts/limit-open-files.cjs).
  const redocly = ['--require', join(PACKAGE_DIR, 'scripts', 'limit-open-files.cjs'), binOf('@redocly/cli', 'bin/cli.js')];
  const steps: ScaleStep[] = [];
  const step = async (name: ScaleStep['name'], args: string[]) => {
    const { seconds } = await timed(() => nodeTool(args, dir, `${name} (${operations} operations)`));
    steps.push({ name, seconds: round(seconds, 3) });
  };
  await step('lint', [...redocly, 'lint', join(specDir, 'openapi.yaml'), '--config', join(dir, 'lint-policy.yaml'), '--format', 'stylish']);
  await step('bundle', [...redocly, 'bundle', join(specDir, 'openapi.yaml'), '--config', join(dir, 'lint-policy.yaml'), '-o', join(dir, 'openapi.json'), '--ext', 'json']);
  // the client's own option (packages/client/scripts/build.mjs): fields with a default stay optional
  await step('types', [binOf('openapi-typescript', 'bin/cli.js'), join(dir, 'openapi.json'), '-o', join(dir, 'schema.ts'), '--default-non-nullable=false']);
  await step('typecheck', [binOf('typescript', 'bin/tsc'), '-p', join(dir, 'tsconfig.json')]);

  const bundle = JSON.parse(readFileSync(join(dir, 'openapi.json'), 'utf8')) as OpenApiDocument;
  const bundled = Object.values<Record<string, unknown>>(bundle.paths).reduce((n, item) => n + HTTP_METHODS.filter((m) => item[m]).length, 0);
  if (bundled !== operations) throw new Error(`the bundle of the ${operations}-operation spec has ${bundled} operations`);
  const totalSeconds = steps.reduce((sum, s) => sum + s.seconds, 0);
  return {
    operations,
    specFiles: spec.files.size,
    specFilesExceedOpenFileLimit: openFileLimit !== undefined && spec.files.size > openFileLimit,
    components: spec.componentCounts,
    bundleBytes: statSync(join(dir, 'openapi.json')).size,
    typesLines: readFileSync(join(dir, 'schema.ts'), 'utf8').split('\n').length,
    steps,
    totalSeconds: round(totalSeconds, 3),
    msPerOperation: round((totalSeconds * 1000) / operations, 2),
  };
}

export async function runScaleBenchmark(options: { sizes: number[] }): Promise<ScaleBenchResult> {
  const sizes = [...options.sizes].sort((a, b) => a - b);
  const document = loadBundledDocument();
  const openFileLimit = softOpenFileLimit();
  const results: ScaleSize[] = [];
  for (const operations of sizes) {
    const dir = mkdtempSync(join(tmpdir(), `codearts-scale-${operations}-`));
    try {
      // tsc resolves openapi-fetch (usage.ts) through this package's dependencies.
      symlinkSync(join(PACKAGE_DIR, 'node_modules'), join(dir, 'node_modules'));
      results.push(await measureSize(document, operations, dir, openFileLimit));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const growth = results.slice(1).map((to, i) => {
    const from = results[i]!;
    const seconds = (size: ScaleSize, name: ScaleStep['name']) => size.steps.find((s) => s.name === name)!.seconds;
    return {
      from: from.operations,
      to: to.operations,
      sizeRatio: round(to.operations / from.operations, 2),
      timeRatio: round(to.totalSeconds / from.totalSeconds, 2),
      exponent: round(growthExponent(from.operations, from.totalSeconds, to.operations, to.totalSeconds), 2),
      marginalMsPerOperation: round(((to.totalSeconds - from.totalSeconds) * 1000) / (to.operations - from.operations), 2),
      perStepExponent: Object.fromEntries(
        (['lint', 'bundle', 'types', 'typecheck'] as const).map((name) => [
          name,
          round(growthExponent(from.operations, seconds(from, name), to.operations, seconds(to, name)), 2),
        ]),
      ) as Record<ScaleStep['name'], number>,
    };
  });
  return {
    method:
      'One run per size, wall time of each step as a child process (Node start-up included): redocly lint with the project policy, redocly bundle to JSON (both with file reads in flight capped at 256, scripts/limit-open-files.cjs), openapi-typescript, tsc --noEmit (strict, the repository tsconfig.base.json) of the types plus one typed openapi-fetch call.',
    openFileLimit,
    sizes: results,
    growth,
  };
}
