// The client benchmark's five clients, through the in-memory fetch: each makes the seed call and gets
// the six documented results, and none of them passes a failure off as a result.
import { VARIANTS, inMemoryFetch, makeCalls } from '../src/client-bench';
import { seedCall } from '../src/seed';

const seed = seedCall();

test('the seed call is the reference example: six pairs in, six results out', () => {
  expect(seed.body.query).toHaveLength(6);
  expect(seed.expectedResults).toBe(6);
  expect(seed.projectId).toMatch(/^[0-9a-f]{32}$/);
});

test('every client returns the documented results through the in-memory fetch, which sees each request', async () => {
  const seen: string[] = [];
  const calls = makeCalls(seed, 'http://bench.invalid', inMemoryFetch(seed.responseText, (request) => seen.push(`${request.method} ${new URL(request.url).pathname}`)));
  for (const { id } of VARIANTS) await expect(calls[id]()).resolves.toBe(6);
  expect(seen).toEqual(VARIANTS.map(() => `POST /v5/${seed.projectId}/api/pipelines/batch-runs/result`));
});

test('an error answer rejects in every client (no client counts a 401 as a result)', async () => {
  const unauthorized: typeof fetch = async () =>
    new Response(JSON.stringify({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' }), {
      status: 401,
      headers: { 'Content-Type': 'application/json' },
    });
  const calls = makeCalls(seed, 'http://bench.invalid', unauthorized);
  for (const { id } of VARIANTS) await expect(calls[id]()).rejects.toThrow(/401/);
});
