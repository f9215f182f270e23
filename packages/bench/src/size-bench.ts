// Size: each client's runtime as an application ships it — every entry point of the package bundled
// with its runtime dependencies by esbuild, minified, then gzip-compressed (level 9) — and the number of
// packages an install brings (the package itself plus its production dependency closure).
// The one size measurement of the project (the client's ≤ 8 kB budget is checked on its result).
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { PACKAGE_DIR, REPO_ROOT } from './seed';

export interface PackageSize {
  id: string;
  label: string;
  package: string;
  version: string;
  /** The package's import entry points that were bundled ("." → dist/esm/index.js, …). */
  entryPoints: string[];
  minifiedBytes: number;
  gzipBytes: number;
  /** Packages whose code ended up in the bundle (besides the package itself). */
  bundled: string[];
  /** The biggest contributors to the minified bundle (files relative to the repository), largest first. */
  largestParts: Array<{ file: string; minifiedBytes: number }>;
  /** The package plus every package its `dependencies` pull in, transitively (name@version). */
  runtimePackages: string[];
}

export interface SizeBenchResult {
  method: string;
  clients: PackageSize[];
}

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  exports?: unknown;
  module?: string;
  main?: string;
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Where `name` is installed as seen from `fromDir` (Node's lookup: node_modules folders upwards). */
export function findInstalledPackage(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`${name} is not installed where ${fromDir} can see it`);
  }
}

/** The package and its production dependency closure, as sorted name@version strings. */
export function runtimeClosure(packageDir: string): string[] {
  const seen = new Map<string, string>();
  const visit = (dir: string) => {
    const real = realpathSync(dir);
    if (seen.has(real)) return;
    const manifest = readManifest(real);
    seen.set(real, `${manifest.name}@${manifest.version}`);
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(findInstalledPackage(dependency, real));
  };
  visit(packageDir);
  return [...new Set(seen.values())].sort();
}

/** The files behind the package's `import` entry points (wildcard subpaths and package.json excluded). */
export function importEntryPoints(packageDir: string): Array<{ subpath: string; file: string }> {
  const manifest = readManifest(packageDir);
  const pick = (target: unknown): string | undefined => {
    if (typeof target === 'string') return target;
    if (target && typeof target === 'object') {
      const conditions = target as Record<string, unknown>;
      for (const condition of ['import', 'module', 'default']) {
        const found = pick(conditions[condition]);
        if (found) return found;
      }
    }
    return undefined;
  };
  const exportsField = manifest.exports;
  const map: Record<string, unknown> =
    exportsField && typeof exportsField === 'object' && Object.keys(exportsField).some((key) => key.startsWith('.'))
      ? (exportsField as Record<string, unknown>)
      : { '.': exportsField ?? manifest.module ?? manifest.main ?? './index.js' };
  return Object.entries(map)
    .filter(([subpath]) => !subpath.includes('*') && !subpath.endsWith('package.json'))
    .flatMap(([subpath, target]) => {
      const file = pick(target);
      return file && /\.(m?js|cjs)$/.test(file) ? [{ subpath, file: join(packageDir, file) }] : [];
    });
}

/** Every entry point of the package in one esbuild bundle (minified, ESM, neutral platform). */
export async function bundleSize(packageDir: string): Promise<Omit<PackageSize, 'id' | 'label' | 'runtimePackages'>> {
  const manifest = readManifest(packageDir);
  const entries = importEntryPoints(packageDir);
  if (entries.length === 0) throw new Error(`${manifest.name}: no import entry point found`);
  for (const entry of entries) {
    if (!existsSync(entry.file)) throw new Error(`${manifest.name}: ${entry.file} is missing (build the package first)`);
  }
  // An entry module keeps all of its exports. Several entry points are re-exported from one module
  // (nothing is tree-shaken away); a single one is bundled as is.
  const contents = entries.map((entry, i) => `export * as entry${i} from ${JSON.stringify(entry.file)};`).join('\n');
  const input =
    entries.length === 1
      ? { entryPoints: [entries[0]!.file] }
      : { stdin: { contents, resolveDir: packageDir, sourcefile: 'all-entry-points.js', loader: 'js' as const } };
  const result = await build({
    ...input,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'error',
    absWorkingDir: REPO_ROOT,
  });
  const code = result.outputFiles[0]!.contents;
  const realPackageDir = realpathSync(packageDir);
  const bundled = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = join(REPO_ROOT, input);
    if (!existsSync(file)) continue; // <stdin>: the re-exporting module
    const absolute = realpathSync(file);
    if (absolute.startsWith(`${realPackageDir}/`)) continue;
    const owner = owningPackage(absolute);
    if (owner) bundled.add(owner);
  }
  const output = Object.values(result.metafile.outputs)[0]!;
  const largestParts = Object.entries(output.inputs)
    .filter(([file]) => file !== '<stdin>')
    .map(([file, { bytesInOutput }]) => ({ file: relative(REPO_ROOT, realpathSync(join(REPO_ROOT, file))), minifiedBytes: bytesInOutput }))
    .sort((a, b) => b.minifiedBytes - a.minifiedBytes)
    .slice(0, 5);
  return {
    package: manifest.name,
    version: manifest.version,
    entryPoints: entries.map((entry) => `${entry.subpath} → ${relative(packageDir, entry.file)}`),
    minifiedBytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    bundled: [...bundled].sort(),
    largestParts,
  };
}

/** The name of the package a file belongs to (nearest package.json with a name). */
function owningPackage(file: string): string | undefined {
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const manifest = readManifest(dir);
      if (manifest.name) return manifest.name;
    }
  }
  return undefined;
}

export async function runSizeBenchmark(): Promise<SizeBenchResult> {
  const subjects = [
    { id: 'openapiFetch', label: 'bare openapi-fetch', dir: findInstalledPackage('openapi-fetch', PACKAGE_DIR) },
    { id: 'client', label: 'our client (@codearts-pipeline/client)', dir: findInstalledPackage('@codearts-pipeline/client', PACKAGE_DIR) },
    { id: 'sdk', label: 'openapi-generator SDK (@codearts-pipeline/sdk)', dir: findInstalledPackage('@codearts-pipeline/sdk', PACKAGE_DIR) },
  ];
  const clients: PackageSize[] = [];
  for (const subject of subjects) {
    clients.push({ id: subject.id, label: subject.label, ...(await bundleSize(subject.dir)), runtimePackages: runtimeClosure(subject.dir) });
  }
  return {
    method:
      'esbuild 0.28.2: every import entry point of the package re-exported from one module, bundled with its dependencies, minified, ESM, platform neutral, target es2022; gzip level 9. Runtime packages: the package plus its `dependencies`, transitively, as installed.',
    clients,
  };
}
