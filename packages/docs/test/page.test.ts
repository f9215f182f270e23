// The built page (dist/index.html): it carries the bundled spec with both batch-run operations and their
// examples, and it loads no resource from another host.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExternalResources, isExternalUrl } from '../scripts/external-resources.cjs';
import { distDir, embeddedDefinition, loadBundle, readBuiltPage, TITLE } from './helpers.js';

const html = readBuiltPage();
const definition = embeddedDefinition(html);

function operationsOf(doc: any): any[] {
  return Object.values(doc.paths as Record<string, any>).flatMap((item) =>
    ['get', 'put', 'post', 'delete', 'patch'].filter((m) => item[m]).map((m) => item[m]),
  );
}

describe('dist/index.html', () => {
  test('has the project title and the pre-rendered overview', () => {
    expect(html).toContain(`<title>${TITLE}</title>`);
    expect(html).toContain('Huawei Cloud CodeArts Pipeline API');
  });

  test('embeds exactly the bundled OpenAPI document', () => {
    expect(definition).toEqual(loadBundle());
  });

  test('documents every operation of the bundle, the two batch operations among them, with their summaries', () => {
    const byId = Object.fromEntries(operationsOf(definition).map((op) => [op.operationId, op.summary]));
    expect(byId).toEqual(Object.fromEntries(operationsOf(loadBundle()).map((op) => [op.operationId, op.summary])));
    expect(byId).toMatchObject({
      BatchRunPipeline: 'Run pipelines in a batch',
      ShowBatchRunResult: 'Query the results of a batch run',
    });
  });

  test('carries the example values of both batch operations', () => {
    const text = JSON.stringify(definition);
    for (const value of [
      'Reached the maximum of 1 concurrencies for single pipeline. Entering the queuing state.',
      '85f622d9d0ad4852a9451dbc9fe3156a', // BatchRunPipeline request/response example
      '0747d5a7099e45f69dc1d099945909a9',
      '6ba9a2dbc7024c22a9a6614516dc22db', // ShowBatchRunResult request/response example
      'cd96020f0e2748048a6b4d1a15091c9b',
    ]) {
      expect(text).toContain(JSON.stringify(value));
    }
  });

  test('every operation carries its examples: the 200 response, and the request body where there is one', () => {
    const resolve = (node: any): any => (node?.$ref ? resolve(node.$ref.slice(2).split('/').reduce((v: any, k: string) => v[k], definition)) : node);
    const missing: string[] = [];
    for (const item of Object.values<any>(definition.paths)) {
      for (const method of ['get', 'put', 'post', 'delete']) {
        const operation = item[method];
        if (!operation) continue;
        const response = resolve(operation.responses['200']).content['application/json'];
        if (!Object.keys(response.examples ?? {}).length) missing.push(`${operation.operationId} response`);
        const body = operation.requestBody && resolve(operation.requestBody).content['application/json'];
        if (body && !Object.keys(body.examples ?? {}).length) missing.push(`${operation.operationId} request`);
      }
    }
    expect(operationsOf(definition)).toHaveLength(33);
    expect(missing).toEqual([]);
  });

  test('loads no resource from another host', () => {
    expect(findExternalResources(html)).toEqual([]);
  });

  test('imports Redoc from the local copy next to it, which is served with it', () => {
    expect(html).toContain('import { hydrate } from "./redoc.standalone.js";');
    expect(html).toMatch(/<link rel="modulepreload" href="\.\/redoc\.standalone\.js" integrity="sha384-/);
    const redoc = join(distDir, 'redoc.standalone.js');
    expect(existsSync(redoc)).toBe(true);
    expect(readFileSync(redoc, 'utf8')).toMatch(/export\s*\{[^}]*\bhydrate\b/);
  });

  test('keeps Redoc telemetry off', () => {
    expect(html).toContain('const __redoc_options = {"skipBundle":true,"disableTelemetry":true};');
  });

  test('has no Redoc logo from the CDN left in the local Redoc copy', () => {
    expect(readFileSync(join(distDir, 'redoc.standalone.js'), 'utf8')).not.toContain('cdn.redoc.ly');
  });
});

describe('what counts as an external resource', () => {
  test('anything the browser loads by itself from another host', () => {
    const page = [
      '<script src="https://cdn.example/x.js"></script>',
      '<link rel="stylesheet" href="//fonts.example/css">',
      '<img srcset="a.png 1x, https://img.example/b.png 2x">',
      '<div style="background: url(&quot;https://img.example/c.png&quot;)"></div>',
      '<style>@import "https://fonts.example/d.css"; @font-face { src: url(https://fonts.example/e.woff2) }</style>',
      '<script type="module">import { hydrate } from "https://cdn.example/redoc.js";</script>',
      '<svg><image href="http://img.example/f.svg"/></svg>',
    ].join('\n');
    expect(findExternalResources(page).map((r: { url: string }) => r.url).sort()).toEqual([
      'https://fonts.example/d.css',
      'https://fonts.example/e.woff2',
      'https://cdn.example/redoc.js',
      'https://cdn.example/x.js',
      '//fonts.example/css',
      'https://img.example/b.png',
      'https://img.example/c.png',
      'http://img.example/f.svg',
    ].sort());
  });

  test('but not links, text, data: URLs or same-origin paths', () => {
    const page = [
      '<a href="https://redocly.com/redoc/">API docs by Redocly</a>',
      '<p>Server: https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com</p>',
      '<script>const spec = {"servers":[{"url":"https://pipeline.example"}], "img": "<img src=https://x.example>"};</script>',
      '<link rel="icon" href="data:,"><img src="./logo.svg"><use href="#icon"></use>',
      '<style>.a { background: url("data:image/svg+xml,%3Csvg%3E") }</style>',
    ].join('\n');
    expect(findExternalResources(page)).toEqual([]);
    expect(isExternalUrl('HTTPS&colon;//example.com/x')).toBe(true);
    expect(isExternalUrl('/redoc.standalone.js')).toBe(false);
  });
});
