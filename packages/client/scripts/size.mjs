#!/usr/bin/env node
// Size of the client as an application ships it: dist/esm/index.js bundled with its runtime dependencies
// (openapi-fetch, the signer) by esbuild, minified, then gzip-compressed. Prints JSON.
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const result = await build({
  entryPoints: [join(packageDir, 'dist', 'esm', 'index.js')],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  write: false,
  metafile: true,
  logLevel: 'error',
  absWorkingDir: resolve(packageDir, '..', '..'), // input paths then read packages/<name>/...
});
const code = result.outputFiles[0].contents;
const inputs = Object.keys(result.metafile.inputs);
const dependencies = [...new Set(inputs.flatMap((input) => /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? []))];
const workspace = [...new Set(inputs.flatMap((input) => /packages\/([^/]+)\//.exec(input)?.[1] ?? []))];
process.stdout.write(
  `${JSON.stringify({ minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, bundled: [...dependencies, ...workspace.filter((p) => p !== 'client').map((p) => `@codearts-pipeline/${p}`)] })}\n`,
);
