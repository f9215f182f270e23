#!/usr/bin/env node
// Renders the API reference from the bundled OpenAPI document into dist/, usable with no network:
//   dist/index.html          `redocly build-docs` output (pre-rendered text + embedded spec), templates/index.hbs
//   dist/redoc.standalone.js Redoc's browser bundle, which the page imports to become interactive
// build-docs makes the page import Redoc from cdn.redocly.com. Here the import (and its modulepreload link)
// is pointed at a local copy of that very file, the copy's one run-time fetch from a CDN (the "API docs by
// Redocly" logo) is replaced by an inline image, and the page is refused if it still loads anything from
// another host. Output goes to a staging folder that is swapped into dist/ only when every step passed.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runRedocly } from '../../../scripts/lib/redocly.mjs';
import externalResources from './external-resources.cjs';

const TITLE = 'CodeArts Pipeline API reference (unofficial)';
const REDOC_FILE = 'redoc.standalone.js';
// What build-docs writes into <head>, e.g.
// <link rel="modulepreload" href="https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js" integrity="sha384-…"
const CDN_PRELOAD = /<link rel="modulepreload" href="(https:\/\/cdn\.redocly\.com\/redoc\/([^/"]+)\/bundles\/redoc\.standalone\.js)" integrity="([^"]+)"/;
// Redoc's sidebar footer shows a logo it loads from this CDN once the page is interactive.
const LOGO_URLS = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'];

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(packageDir, 'dist');
const tmpDir = join(packageDir, '.tmp'); // git-ignored; same file system as dist/, so rename() is atomic
const require = createRequire(join(packageDir, 'package.json'));

const log = (line) => process.stderr.write(`docs: ${line}\n`);
const sri = (content) => `sha384-${createHash('sha384').update(content).digest('base64')}`;
class BuildError extends Error {}

function resolveFirst(candidates) {
  for (const specifier of candidates) {
    try {
      const path = require.resolve(specifier);
      if (existsSync(path)) return path;
    } catch {}
  }
  return null;
}

/** An inline stand-in for the Redocly logo: the word "Redocly" (or "R" for the collapsed sidebar). */
function logoDataUrl(text) {
  const width = text.length * 9;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16"><text x="0" y="13" font-family="sans-serif" font-size="14" font-weight="600" fill="#0044d4">${text}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function build(stagingDir) {
  const bundle = resolveFirst(['@codearts-pipeline/openapi/openapi.json']);
  if (!bundle) {
    throw new BuildError('the OpenAPI bundle is missing: run `pnpm --filter @codearts-pipeline/openapi build` (or `node packages/openapi/scripts/bundle.mjs`)');
  }
  // Redoc's browser bundle: the copy @redocly/cli ships for `build-docs --inlineBundle` (the npm package
  // redoc@3.0.1 cannot be installed, see docs/adr/0005-offline-docs.md). It must be the file build-docs
  // rendered the page for: checked below against the SRI hash build-docs writes for its CDN link.
  const redocSource = resolveFirst([`@redocly/cli/lib/chunks/${REDOC_FILE}`]);
  if (!redocSource) throw new BuildError(`no ${REDOC_FILE} found in @redocly/cli (has the CLI moved it?): run pnpm install`);

  const template = join(packageDir, 'templates', 'index.hbs');
  const page = join(stagingDir, 'index.html');
  log(`rendering ${relative(process.cwd(), bundle)} with redocly build-docs`);
  const result = runRedocly(['build-docs', bundle, '-o', page, '-t', template, '--title', TITLE], { fromDir: packageDir });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new BuildError(`redocly build-docs failed (exit ${result.status})`);
  }
  let html = readFileSync(page, 'utf8');
  const preload = CDN_PRELOAD.exec(html);
  if (!preload) throw new BuildError('build-docs output has no Redoc CDN link to rewrite; has its format changed?');
  const [, cdnUrl, redocVersion, cdnIntegrity] = preload;

  log(`copying Redoc ${redocVersion} from ${relative(process.cwd(), redocSource)}`);
  let redoc = readFileSync(redocSource, 'utf8');
  if (sri(redoc) !== cdnIntegrity) {
    throw new BuildError(`${redocSource} is not the Redoc ${redocVersion} bundle build-docs rendered the page for (SRI hash differs); revisit docs/adr/0005-offline-docs.md after a @redocly/cli upgrade`);
  }
  for (const url of LOGO_URLS) {
    if (!redoc.includes(url)) throw new BuildError(`Redoc bundle no longer contains ${url}; revisit the logo patch in scripts/build.mjs`);
    redoc = redoc.replaceAll(url, logoDataUrl(url.endsWith('-full.svg') ? 'Redocly' : 'R'));
  }
  writeFileSync(join(stagingDir, REDOC_FILE), redoc);

  log(`pointing the page at ./${REDOC_FILE}`);
  html = html.replaceAll(cdnUrl, `./${REDOC_FILE}`).replace(cdnIntegrity, sri(redoc));

  log('checking the page loads nothing from another host');
  const external = externalResources.findExternalResources(html);
  if (external.length > 0) {
    throw new BuildError(`the page would load external resources:\n${external.map((r) => `  ${r.where} ${r.url}`).join('\n')}`);
  }
  // Redoc 3 reports usage to otel.cloud.redocly.com unless telemetry is off (redocly.yaml `telemetry: off`).
  if (!html.includes('"disableTelemetry":true')) throw new BuildError('Redoc telemetry is not disabled in the page options (redocly.yaml `telemetry: off`)');
  if (!html.includes(`<title>${TITLE}</title>`)) throw new BuildError('the page title is not the expected one');
  writeFileSync(page, html);
}

mkdirSync(tmpDir, { recursive: true });
const stagingDir = mkdtempSync(join(tmpDir, 'dist-'));
let exitCode = 0;
try {
  build(stagingDir);
  chmodSync(stagingDir, 0o755); // mkdtemp makes it private; dist/ is meant to be served and copied
  // Swap: the old dist/ is moved aside and deleted only once the new one is in place.
  const oldDir = existsSync(distDir) ? mkdtempSync(join(tmpDir, 'old-dist-')) : null;
  if (oldDir) renameSync(distDir, join(oldDir, 'dist'));
  renameSync(stagingDir, distDir);
  if (oldDir) rmSync(oldDir, { recursive: true, force: true });
  log(`wrote dist/index.html and dist/${REDOC_FILE}`);
} catch (error) {
  log(`build failed: ${error instanceof BuildError ? error.message : error.stack}`);
  log('dist/ was left untouched.');
  exitCode = 1;
} finally {
  rmSync(stagingDir, { recursive: true, force: true });
  try {
    rmdirSync(tmpDir); // only succeeds when empty: a concurrent build may still be using it
  } catch {}
}
process.exit(exitCode);
