// Timeouts, cancellation, retries and error decoding, against simulator-injected faults.
import { CodeArtsApiError, type RetryInfo, createPipelineClient, resolveEndpoint } from '../src/index';
import { RESULT_PATH, RUN_PATH, type Running, SEEDED_PAIR, exposed, failureOf, path, secrets, startTestSimulator } from './helpers/fixtures';

let running: Running;
beforeEach(async () => {
  running = await startTestSimulator();
});
afterEach(() => running.close());

const query = { params: { path }, body: { query: [SEEDED_PAIR] } };
const clientWith = (options: Parameters<typeof createPipelineClient>[0] extends infer O ? Partial<O> : never) =>
  createPipelineClient({ endpoint: running.url, token: secrets.token, ...options });
const count = (operationId: string) => running.simulator.requestCounts.get(operationId) ?? 0;

test('unknown region: a clear error listing the known ones', () => {
  expect(() => createPipelineClient({ region: 'eu-central-9', token: 't' })).toThrow(
    "unknown region 'eu-central-9'; known regions: cn-north-1, cn-north-4, cn-south-1, cn-south-2, cn-east-3, cn-east-2, cn-southwest-2, cn-northeast-1, ap-southeast-3, sa-brazil-1, la-north-2, tr-west-1, la-south-2, af-north-1, me-east-1, af-south-1, eu-west-101 (or pass an endpoint)",
  );
  expect(resolveEndpoint({ region: 'la-south-2' })).toBe('https://pipeline-external.la-south-2.myhuaweicloud.com');
});

test('timeout: an attempt slower than timeoutMs fails with kind "timeout"', async () => {
  running.simulator.faults.inject({ kind: 'latency', ms: 1_000 });
  const error = await failureOf(clientWith({ timeoutMs: 100, retry: false }).POST(RESULT_PATH, query));
  expect([error.kind, error.status, error.operation]).toEqual(['timeout', 0, 'ShowBatchRunResult']);
  expect(error.message).toBe(`ShowBatchRunResult timed out (${new URL(running.url).host})`);
});

test('cancellation: aborting the signal mid-request stops the call with kind "aborted"', async () => {
  running.simulator.faults.inject({ kind: 'latency', ms: 5_000 });
  const controller = new AbortController();
  const call = failureOf(clientWith({}).POST(RESULT_PATH, { ...query, signal: controller.signal }));
  // abort once the simulator holds the request (no timing guess)
  for (let waited = 0; count('ShowBatchRunResult') === 0 && waited < 5_000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(count('ShowBatchRunResult')).toBe(1);
  controller.abort();
  const error = await call;
  expect([error.kind, error.status]).toEqual(['aborted', 0]);
  expect(error.message).toBe(`ShowBatchRunResult was cancelled (${new URL(running.url).host})`);
  expect(count('ShowBatchRunResult')).toBe(1);
});

test('429 with Retry-After: 1 is honoured (the wait is exactly 1 000 ms), then the retry succeeds', async () => {
  running.simulator.faults.inject({ kind: 'status', status: 429, retryAfter: '1' });
  const retries: RetryInfo[] = [];
  const client = clientWith({ retry: { baseDelayMs: 1, onRetry: (info) => retries.push(info) } });
  const { data } = await client.POST(RESULT_PATH, query);
  expect(data!.result![0]!.pipeline_run_id).toBe(SEEDED_PAIR.pipeline_run_id);
  expect(retries).toEqual([{ operation: 'ShowBatchRunResult', attempt: 1, delayMs: 1_000, reason: 'HTTP 429' }]);
  expect(count('ShowBatchRunResult')).toBe(2);
});

test('a Retry-After longer than maxRetryAfterMs is not waited for', async () => {
  running.simulator.faults.inject({ kind: 'status', status: 429, retryAfter: '3600' });
  const error = await failureOf(clientWith({ retry: { maxRetryAfterMs: 10_000 } }).POST(RESULT_PATH, query));
  expect(error.status).toBe(429);
  expect(count('ShowBatchRunResult')).toBe(1);
});

test('503 is retried with exponential backoff, then succeeds', async () => {
  running.simulator.faults.inject({ kind: 'status', status: 503 }, { times: 2 });
  const retries: RetryInfo[] = [];
  const client = clientWith({ retry: { baseDelayMs: 10, maxAttempts: 3, onRetry: (info) => retries.push(info) } });
  const { response } = await client.POST(RESULT_PATH, query);
  expect(response.status).toBe(200);
  expect(count('ShowBatchRunResult')).toBe(3);
  expect(retries.map((r) => [r.attempt, r.reason])).toEqual([
    [1, 'HTTP 503'],
    [2, 'HTTP 503'],
  ]);
  // full jitter: the n-th wait lies in [0, base · 2^(n-1))
  expect(retries[0]!.delayMs).toBeLessThan(10);
  expect(retries[1]!.delayMs).toBeLessThan(20);
});

test('503 is not retried on BatchRunPipeline (it starts work) unless the caller opts in', async () => {
  const body = { pipeline_ids: ['d7013d2402ff4cc88489ee5af324e049'] };
  running.simulator.faults.inject({ kind: 'status', status: 503 });
  const error = await failureOf(clientWith({ retry: { baseDelayMs: 1 } }).POST(RUN_PATH, { params: { path }, body }));
  expect([error.status, error.operation, error.errorCode]).toEqual([503, 'BatchRunPipeline', 'SIMULATOR.FAULT']);
  expect(count('BatchRunPipeline')).toBe(1);

  running.simulator.faults.inject({ kind: 'status', status: 503 });
  const optedIn = clientWith({ retry: { baseDelayMs: 1, retryStartsWork: true } });
  const { data } = await optedIn.POST(RUN_PATH, { params: { path }, body });
  expect(data!.result).toHaveLength(1);
  expect(count('BatchRunPipeline')).toBe(3);
});

test('retries re-send the identical body bytes', async () => {
  running.simulator.faults.inject({ kind: 'status', status: 502 }, { times: 2 });
  const bodies: string[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    bodies.push(await request.clone().text());
    return fetch(request);
  };
  await clientWith({ fetch: recordingFetch, retry: { baseDelayMs: 1 } }).POST(RESULT_PATH, query);
  expect(bodies).toHaveLength(3);
  expect(new Set(bodies)).toEqual(new Set([JSON.stringify({ query: [SEEDED_PAIR] })]));
});

test('a dropped connection is a network failure, retried for a safe operation', async () => {
  running.simulator.faults.inject({ kind: 'drop' });
  const { response } = await clientWith({ retry: { baseDelayMs: 1 } }).POST(RESULT_PATH, query);
  expect(response.status).toBe(200);
  expect(count('ShowBatchRunResult')).toBe(2);

  running.simulator.faults.inject({ kind: 'drop' });
  const error = await failureOf(clientWith({ retry: false }).POST(RESULT_PATH, query));
  expect([error.kind, error.status]).toEqual(['network', 0]);
  expect(error.message).toBe(`ShowBatchRunResult could not reach the service (${new URL(running.url).host})`);
});

test('an empty 401 body still gives a usable error', async () => {
  running.simulator.faults.inject({ kind: 'status', status: 401, body: 'empty' });
  const error = await failureOf(clientWith({}).POST(RESULT_PATH, query));
  expect([error.kind, error.status, error.errorCode, error.errorMsg]).toEqual(['http', 401, undefined, undefined]);
  expect(error.requestId).toMatch(/^[0-9a-f]{32}$/);
  expect(error.message).toBe(`ShowBatchRunResult failed with HTTP 401 (empty body) [request id ${error.requestId}]`);
});

test("a gateway's HTML 502 page gives a one-line message (after the retries)", async () => {
  running.simulator.faults.inject({ kind: 'status', status: 502, body: 'html' }, { times: 3 });
  const error = await failureOf(clientWith({ retry: { baseDelayMs: 1 } }).POST(RESULT_PATH, query));
  expect([error.status, error.errorCode, error.errorMsg]).toEqual([502, undefined, '502 502 Bad Gateway injected by the simulator']);
  expect(count('ShowBatchRunResult')).toBe(3);
});

test('a {code, message} body is decoded too', async () => {
  running.simulator.faults.inject({ kind: 'status', status: 403, body: 'code-message' });
  const error = await failureOf(clientWith({}).POST(RESULT_PATH, query));
  expect([error.status, error.errorCode, error.errorMsg]).toEqual([403, 'APIGW.0308', 'Injected HTTP 403']);
});

test('no credential appears in any error of these failures', async () => {
  running.simulator.faults.inject({ kind: 'status', status: 500 });
  const byToken = await failureOf(clientWith({ retry: false }).POST(RESULT_PATH, query));
  running.simulator.faults.inject({ kind: 'drop' });
  const byKey = await failureOf(
    createPipelineClient({ endpoint: running.url, accessKey: { accessKey: secrets.accessKey, secretKey: secrets.secretKey }, retry: false }).POST(
      RESULT_PATH,
      query,
    ),
  );
  for (const error of [byToken, byKey]) {
    expect(error).toBeInstanceOf(CodeArtsApiError);
    for (const secret of [secrets.token, secrets.secretKey]) expect(exposed(error)).not.toContain(secret);
  }
});
