// The reference in a real browser (Debian's chromium through playwright-core), served by serve.mjs on
// 127.0.0.1 with every request to another host blocked and recorded: Redoc must hydrate, show both
// operations and an example response value, log no console error, and try to fetch nothing from outside.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { readBuiltPage, reportsDir, Served, startServe } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);
const isLocal = (url: string) => {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || LOCAL_HOSTS.has(hostname);
};

jest.setTimeout(90_000);

let served: Served | undefined;
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

test('the served reference renders the two batch operations and an example, offline', async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install chromium\` (or set CHROMIUM_PATH).`);
  }
  readBuiltPage(); // fails with the build hint when dist/ is missing
  served = await startServe();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page: Page = await context.newPage();

  const externalRequests: string[] = [];
  const consoleErrors: string[] = [];
  // `request` sees every attempt, including ones the page's CSP stops before they reach the router.
  page.on('request', (request) => {
    if (!isLocal(request.url())) externalRequests.push(request.url());
  });
  await context.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));

  await page.goto(served.url, { waitUntil: 'load' });
  // Operations are rendered by Redoc once the page is interactive (they are not in the pre-rendered HTML):
  // opening the tag in the navigation and following its link to ShowBatchRunResult shows both operations.
  await page.locator('[data-component-name="Menu/Menu"]').first().getByText('Pipeline Management', { exact: true }).click();
  await page.locator('a[href="#/pipeline-management/showbatchrunresult"]').first().click();
  for (const summary of ['Run pipelines in a batch', 'Query the results of a batch run']) {
    const heading = page.getByRole('heading', { name: summary });
    await heading.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await heading.isVisible()).toBe(true);
  }

  // The response sample of ShowBatchRunResult: its items start collapsed; "Expand all" opens them.
  const operation = page.locator('[id="pipeline-management/showbatchrunresult"]').locator('xpath=..');
  const responseSample = operation.locator('[data-component-name="Panel/Panel"]', { hasText: 'Response' }).last();
  await responseSample.locator('[data-testid="expand-all"]').click();
  const example = responseSample.getByText('Reached the maximum of 1 concurrencies for single pipeline. Entering the queuing state.');
  await example.waitFor({ state: 'visible', timeout: 10_000 });
  const pipelineId = responseSample.getByText('cce81e5f7e604b609172aafcae73c025'); // the same example item
  expect(await pipelineId.isVisible()).toBe(true);
  await pipelineId.scrollIntoViewIfNeeded(); // a short line: brings the item on screen without scrolling sideways

  mkdirSync(reportsDir, { recursive: true });
  await page.screenshot({ path: join(reportsDir, 'docs.png') });

  expect(externalRequests).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('the navigation lists every operation under its tag, tags in the document\'s order; searching "batch" finds both batch operations', async () => {
  if (!browser || !served) throw new Error('the first browser test did not start the browser and the server');
  const bundle = JSON.parse(readFileSync(require.resolve('@codearts-pipeline/openapi/openapi.json'), 'utf8'));
  const operations: Array<{ tag: string; summary: string }> = Object.values<any>(bundle.paths).flatMap((item) =>
    ['get', 'put', 'post', 'delete', 'patch'].filter((m) => item[m]).map((m) => ({ tag: item[m].tags[0], summary: item[m].summary })),
  );
  const tags: string[] = bundle.tags.map((tag: { name: string }) => tag.name);
  expect(new Set(operations.map((o) => o.tag))).toEqual(new Set(tags)); // every tag has operations, none is undeclared
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  await page.goto(served.url, { waitUntil: 'load' });

  const navigation = page.locator('[data-component-name="Menu/Menu"]').first();
  const inOrder = (text: string, labels: string[]) => {
    const positions = labels.map((label) => text.indexOf(label));
    return { missing: labels.filter((_, i) => positions[i]! < 0), outOfOrder: labels.filter((_, i) => i > 0 && positions[i]! < positions[i - 1]!) };
  };
  // the tags, in the document's order
  expect(inOrder(await navigation.innerText(), tags)).toEqual({ missing: [], outOfOrder: [] });
  // each tag opens (and closes the others) to list its operations in document order
  for (const tag of tags) {
    await navigation.getByText(tag, { exact: true }).click();
    const summaries = operations.filter((o) => o.tag === tag).map((o) => o.summary);
    for (const summary of summaries) {
      await navigation.getByText(summary, { exact: true }).first().waitFor({ state: 'visible', timeout: 10_000 });
    }
    expect([tag, inOrder(await navigation.innerText(), summaries)]).toEqual([tag, { missing: [], outOfOrder: [] }]);
  }

  await page.getByText('Search', { exact: false }).first().click();
  const input = page.locator('input[placeholder="Search docs..."]');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('batch');
  // Redoc builds its search index in the background; on a loaded machine the first answers can be
  // "Searching..." or come late, so poll the dialog's text (up to 30 s) and show it when the wait runs out.
  const dialog = page.getByTestId('search-dialog');
  const wanted = ['Run pipelines in a', 'Query the results of a'];
  let text = '';
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await page.waitForTimeout(250)) {
    text = await dialog.innerText();
    if (wanted.every((summary) => text.includes(summary))) break;
  }
  for (const summary of wanted) expect(text).toContain(summary);
  expect(text).toContain('/v5/{project_id}/api/pipelines/batch-runs\n');
  expect(text).toContain('/v5/{project_id}/api/pipelines/batch-runs/result');
  expect(text).not.toContain('Stop a pipeline run');
  mkdirSync(reportsDir, { recursive: true });
  await page.screenshot({ path: join(reportsDir, 'docs-search.png') });
  expect(consoleErrors).toEqual([]);
  await context.close();
});
