// Client overhead: the seed's ShowBatchRunResult call through five clients, interleaved in one process,
// (1) with an injected in-memory fetch — the client's own cost — and (2) against the simulator on
// loopback (in a child process). Each round runs every client for the same number of calls, in a
// rotated order; ratios are taken within a round, then summarised over the rounds.
import { createHash, createHmac } from 'node:crypto';
import { type PipelineClient, accessKeyAuth, createPipelineClient, type paths } from '@codearts-pipeline/client';
import { formatSdkDate, signRequest } from '@codearts-pipeline/signer';
import { PipelineManagementApi, createConfiguration } from '@codearts-pipeline/sdk';
import createClient from 'openapi-fetch';
import { BENCH_CREDENTIALS, RESULT_PATH, type SeedCall, seedCall } from './seed';
import { startSimulatorProcess } from './simulator-process';
import { type Spread, nowMs, pairwiseRatios, round, spread } from './stats';

export type VariantId = 'rawFetch' | 'openapiFetch' | 'clientAkSk' | 'clientToken' | 'sdk';

export const VARIANTS: ReadonlyArray<{ id: VariantId; label: string; what: string }> = [
  { id: 'rawFetch', label: '(a) raw fetch', what: 'fetch(url, {method, headers, body: JSON.stringify(…)}), response.ok check, response.json()' },
  { id: 'openapiFetch', label: '(b) bare openapi-fetch', what: 'createClient<paths>() from openapi-fetch 0.17.0 with an X-Auth-Token header, no middleware' },
  {
    id: 'clientAkSk',
    label: '(c) our client, AK/SK',
    what: 'createPipelineClient({ accessKey }): SDK-HMAC-SHA256 signing of every attempt, retries armed (defaults), 30 s timeout, error mapping',
  },
  {
    id: 'clientToken',
    label: "(c') our client, token",
    what: 'createPipelineClient({ token }): the same stack with an IAM token instead of signing',
  },
  { id: 'sdk', label: '(d) openapi-generator SDK', what: "PipelineManagementApi.showBatchRunResult() of @codearts-pipeline/sdk (token, on the client's transport: the same per-attempt request copy, timeout and error mapping as (c'))" },
];

export interface ClientBenchOptions {
  /** Rounds of interleaved measurement; each gives one sample per client. */
  rounds: number;
  /** Iterations per round of each building block measured in isolation (see runDiagnostics). */
  diagnosticIterations: number;
  /** Calls per client per round, and calls per client before the first round (JIT warm-up). */
  inMemory: { callsPerRound: number; warmupCalls: number };
  loopback: { callsPerRound: number; warmupCalls: number };
}

export interface VariantResult {
  id: VariantId;
  label: string;
  what: string;
  /** Calls per second, one sample per round. */
  opsPerSecond: Spread;
  /** Microseconds per call (from the median ops/s). */
  microsecondsPerCall: number;
  /** Time per call relative to raw fetch, ratio taken within each round. */
  ratioToRawFetch: Spread;
  /** Time per call relative to bare openapi-fetch, ratio taken within each round. */
  ratioToOpenapiFetch: Spread;
}

export interface ModeResult {
  mode: 'inMemory' | 'loopback';
  rounds: number;
  callsPerRound: number;
  warmupCalls: number;
  variants: VariantResult[];
}

export interface ClientBenchResult {
  call: string;
  inMemory: ModeResult;
  loopback: ModeResult;
  /** What each client sent during its check call (header names only, no values). */
  checks: Record<VariantId, { authentication: string }>;
  /** Building blocks of the client's stack measured alone, to show where its time goes. */
  diagnostics: Diagnostic[];
}

export interface Diagnostic {
  id: 'authorizer' | 'signRequest' | 'nodeCryptoEquivalent' | 'timeoutSignals' | 'requestCopy';
  what: string;
  /** Microseconds per operation, one sample per round. */
  microseconds: Spread;
}

type Call = () => Promise<number>;

/**
 * An in-memory fetch: builds the Request like fetch() does, consumes the body as sending it would,
 * and answers the documented 200 response. No network, no event-loop I/O.
 */
export function inMemoryFetch(responseText: string, onRequest?: (request: Request) => void): typeof globalThis.fetch {
  const contentLength = String(Buffer.byteLength(responseText));
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    onRequest?.(request);
    await request.arrayBuffer();
    return new Response(responseText, {
      status: 200,
      headers: { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': contentLength, 'X-Request-Id': 'bench' },
    });
  };
}

/** The five clients, each making the seed call once per invocation and returning the number of results. */
export function makeCalls(seed: SeedCall, baseUrl: string, fetchImpl?: typeof globalThis.fetch): Record<VariantId, Call> {
  const { token, accessKey, secretKey } = BENCH_CREDENTIALS;
  const { projectId, body } = seed;
  const doFetch = fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  const rawUrl = `${baseUrl}/v5/${encodeURIComponent(projectId)}/api/pipelines/batch-runs/result`;
  const rawFetch: Call = async () => {
    const response = await doFetch(rawUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`raw fetch: HTTP ${response.status}`);
    const data = (await response.json()) as { result?: unknown[] };
    return data.result?.length ?? 0;
  };

  const bare = createClient<paths>({ baseUrl, headers: { 'X-Auth-Token': token }, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  const openapiFetch: Call = async () => {
    const { data, response } = await bare.POST(RESULT_PATH, { params: { path: { project_id: projectId } }, body });
    if (!response.ok) throw new Error(`openapi-fetch: HTTP ${response.status}`);
    return data?.result?.length ?? 0;
  };

  const viaClient = (client: PipelineClient): Call => async () => {
    const { data } = await client.POST(RESULT_PATH, { params: { path: { project_id: projectId } }, body });
    return data?.result?.length ?? 0;
  };
  const common = { endpoint: baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) };
  const clientAkSk = viaClient(createPipelineClient({ ...common, accessKey: { accessKey, secretKey } }));
  const clientToken = viaClient(createPipelineClient({ ...common, token }));

  const api = new PipelineManagementApi(createConfiguration({ endpoint: baseUrl, token, ...(fetchImpl ? { fetchApi: fetchImpl } : {}) }));
  const sdk: Call = async () => {
    const outcome = await api.showBatchRunResult({ projectId, showBatchRunResultRequest: body });
    return outcome.result?.length ?? 0;
  };

  return { rawFetch, openapiFetch, clientAkSk, clientToken, sdk };
}

/**
 * Building blocks of our client measured alone, interleaved over rounds like the clients:
 * - authorizer: what the transport calls per attempt with AK/SK (accessKeyAuth): headers copied into an
 *   object, X-Sdk-Date set, signRequest, Authorization set — on a Request built for it;
 * - signRequest: the AK/SK signature of the seed request, as the client computes it (Web Crypto:
 *   two SHA-256 digests, an HMAC key import and an HMAC, each an asynchronous call);
 * - nodeCryptoEquivalent: the same two digests and HMAC with node:crypto's synchronous API — the
 *   cryptographic work itself, without Web Crypto's asynchronous dispatch;
 * - timeoutSignals: what the transport does per attempt for its timeout, AbortSignal.timeout() +
 *   AbortSignal.any();
 * - requestCopy: one more Request built from the body and read back into bytes, as the transport does
 *   to re-send identical bytes on each attempt.
 */
export async function runDiagnostics(seed: SeedCall, rounds: number, iterations: number): Promise<Diagnostic[]> {
  const bodyText = JSON.stringify(seed.body);
  const bodyBytes = new TextEncoder().encode(bodyText);
  const url = `https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com/v5/${seed.projectId}/api/pipelines/batch-runs/result`;
  const headers = { 'content-type': 'application/json', 'x-sdk-date': formatSdkDate(new Date()) };
  const credentials = { accessKey: BENCH_CREDENTIALS.accessKey, secretKey: BENCH_CREDENTIALS.secretKey };
  const caller = new AbortController();
  // The exact strings the signer hashes, for the node:crypto comparison.
  const reference = await signRequest({ method: 'POST', url, headers, body: bodyBytes }, credentials);
  const authorize = accessKeyAuth(credentials);
  const blocks: Array<{ id: Diagnostic['id']; what: string; run: () => unknown }> = [
    {
      id: 'authorizer',
      what: "the client's AK/SK authorizer (accessKeyAuth) on a new Request: header copy, X-Sdk-Date, signRequest(), Authorization",
      run: () => authorize(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyText }), bodyBytes),
    },
    {
      id: 'signRequest',
      what: 'signRequest() of @codearts-pipeline/signer on the seed request (Web Crypto, asynchronous)',
      run: () => signRequest({ method: 'POST', url, headers, body: bodyBytes }, credentials),
    },
    {
      id: 'nodeCryptoEquivalent',
      what: "the same SHA-256 ×2 + HMAC-SHA256 with node:crypto's synchronous API (the crypto work alone)",
      run: () => {
        createHash('sha256').update(bodyBytes).digest('hex');
        createHash('sha256').update(reference.canonicalRequest).digest('hex');
        return createHmac('sha256', credentials.secretKey).update(reference.stringToSign).digest('hex');
      },
    },
    {
      id: 'timeoutSignals',
      what: 'AbortSignal.timeout(30000) + AbortSignal.any([caller, timeout]), made per attempt by the transport',
      run: () => AbortSignal.any([caller.signal, AbortSignal.timeout(30_000)]),
    },
    {
      id: 'requestCopy',
      what: 'new Request(url, {method, headers, body}) + arrayBuffer(): one more copy of the request and its body',
      run: () => new Request(url, { method: 'POST', headers, body: bodyText }).arrayBuffer(),
    },
  ];
  const samples = new Map(blocks.map((block) => [block.id, [] as number[]]));
  for (const block of blocks) for (let i = 0; i < iterations; i += 1) await block.run(); // warm-up
  for (let r = 0; r < rounds; r += 1) {
    for (const block of blocks) {
      collectGarbage();
      const started = nowMs();
      for (let i = 0; i < iterations; i += 1) await block.run();
      samples.get(block.id)!.push(((nowMs() - started) * 1000) / iterations);
    }
  }
  return blocks.map((block) => ({ id: block.id, what: block.what, microseconds: roundSpread(spread(samples.get(block.id)!), 2) }));
}

/** Clears garbage left by the previous sample, when node runs with --expose-gc (pnpm bench does). */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs `call` n times in sequence; returns calls per second. Throws if any answer is wrong. */
async function callsPerSecond(call: Call, n: number, expected: number, id: VariantId): Promise<number> {
  const started = nowMs();
  for (let i = 0; i < n; i += 1) {
    const results = await call();
    if (results !== expected) throw new Error(`${id}: expected ${expected} results, got ${results}`);
  }
  const elapsed = nowMs() - started;
  return (n * 1000) / elapsed;
}

/** The header by which a request authenticated: proves each client does what its label says. */
function authenticationOf(request: Request): string {
  const authorization = request.headers.get('Authorization');
  if (authorization?.startsWith('SDK-HMAC-SHA256 ')) return 'Authorization: SDK-HMAC-SHA256 (signed)';
  if (request.headers.get('X-Auth-Token')) return 'X-Auth-Token';
  return 'none';
}

async function checkCalls(seed: SeedCall): Promise<Record<VariantId, { authentication: string }>> {
  let seen: Request | undefined;
  const calls = makeCalls(
    seed,
    'http://check.invalid',
    inMemoryFetch(seed.responseText, (request) => {
      seen = request.clone();
    }),
  );
  const checks = {} as Record<VariantId, { authentication: string }>;
  for (const { id } of VARIANTS) {
    seen = undefined;
    const results = await calls[id]();
    if (results !== seed.expectedResults) throw new Error(`${id}: expected ${seed.expectedResults} results, got ${results}`);
    if (!seen) throw new Error(`${id}: the injected fetch was not called`);
    const request = seen as Request;
    const sent = (await request.json()) as unknown;
    if (JSON.stringify(sent) !== JSON.stringify(seed.body)) throw new Error(`${id}: sent a different body`);
    checks[id] = { authentication: authenticationOf(request) };
  }
  const expected: Record<VariantId, string> = {
    rawFetch: 'X-Auth-Token',
    openapiFetch: 'X-Auth-Token',
    clientAkSk: 'Authorization: SDK-HMAC-SHA256 (signed)',
    clientToken: 'X-Auth-Token',
    sdk: 'X-Auth-Token',
  };
  for (const { id } of VARIANTS) {
    if (checks[id].authentication !== expected[id]) throw new Error(`${id}: authenticated with ${checks[id].authentication}, expected ${expected[id]}`);
  }
  return checks;
}

async function measureMode(
  mode: 'inMemory' | 'loopback',
  calls: Record<VariantId, Call>,
  expected: number,
  rounds: number,
  settings: { callsPerRound: number; warmupCalls: number },
): Promise<ModeResult> {
  for (const { id } of VARIANTS) await callsPerSecond(calls[id], settings.warmupCalls, expected, id);
  const samples = Object.fromEntries(VARIANTS.map(({ id }) => [id, [] as number[]])) as Record<VariantId, number[]>;
  for (let r = 0; r < rounds; r += 1) {
    // Rotate the order each round so no client always runs first (or right after a GC-heavy one).
    const order = VARIANTS.map((_, i) => VARIANTS[(i + r) % VARIANTS.length]!);
    for (const { id } of order) {
      collectGarbage();
      samples[id].push(await callsPerSecond(calls[id], settings.callsPerRound, expected, id));
    }
  }
  const variants = VARIANTS.map(({ id, label, what }): VariantResult => {
    const ops = spread(samples[id]);
    return {
      id,
      label,
      what,
      opsPerSecond: roundSpread(ops, 0),
      microsecondsPerCall: round(1e6 / ops.median, 1),
      // time per call ratio = (1/ops_v) / (1/ops_ref) = ops_ref / ops_v
      ratioToRawFetch: roundSpread(spread(pairwiseRatios(samples.rawFetch, samples[id])), 3),
      ratioToOpenapiFetch: roundSpread(spread(pairwiseRatios(samples.openapiFetch, samples[id])), 3),
    };
  });
  return { mode, rounds, callsPerRound: settings.callsPerRound, warmupCalls: settings.warmupCalls, variants };
}

function roundSpread(s: Spread, digits: number): Spread {
  return { n: s.n, median: round(s.median, digits), min: round(s.min, digits), max: round(s.max, digits), q1: round(s.q1, digits), q3: round(s.q3, digits) };
}

export async function runClientBenchmark(options: ClientBenchOptions): Promise<ClientBenchResult> {
  const seed = seedCall();
  const checks = await checkCalls(seed);

  const inMemory = await measureMode(
    'inMemory',
    makeCalls(seed, 'http://in-memory.invalid', inMemoryFetch(seed.responseText)),
    seed.expectedResults,
    options.rounds,
    options.inMemory,
  );

  const simulator = await startSimulatorProcess({
    tokens: [BENCH_CREDENTIALS.token],
    credentials: [{ accessKey: BENCH_CREDENTIALS.accessKey, secretKey: BENCH_CREDENTIALS.secretKey }],
  });
  let loopback: ModeResult;
  try {
    loopback = await measureMode('loopback', makeCalls(seed, simulator.url), seed.expectedResults, options.rounds, options.loopback);
  } finally {
    await simulator.close();
  }
  const diagnostics = await runDiagnostics(seed, options.rounds, options.diagnosticIterations);
  return {
    call: `ShowBatchRunResult (POST ${RESULT_PATH}) with the reference example's ${seed.body.query.length} pairs`,
    inMemory,
    loopback,
    checks,
    diagnostics,
  };
}
