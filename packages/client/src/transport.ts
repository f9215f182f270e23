// The fetch the typed client runs on: authentication per attempt, a timeout per attempt, the caller's
// AbortSignal, and retries with exponential backoff and jitter for network failures and 429/502/503/504
// on operations that are safe to repeat. Every attempt re-sends the identical body bytes.
import type { Authorizer } from './auth.js';
import { CodeArtsApiError } from './errors.js';
import { type OperationInfo, findOperation, operationName as nameOf } from './operations.js';

export interface RetryOptions {
  /** Attempts in all, the first included. Default 3. */
  maxAttempts?: number;
  /** First backoff; doubles each retry, with full jitter. Default 200 ms. */
  baseDelayMs?: number;
  /** Longest backoff. Default 5 000 ms. */
  maxDelayMs?: number;
  /** Longest `Retry-After` honoured; a longer one fails at once. Default 60 000 ms. */
  maxRetryAfterMs?: number;
  /** HTTP statuses worth another attempt. Default 429, 502, 503, 504. */
  retryOnStatus?: number[];
  /** Also retry operations that start work (BatchRunPipeline, run, retry). Default false. */
  retryStartsWork?: boolean;
  /** Called before each wait: for logging or progress. Never receives credentials. */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  operation: string;
  /** The attempt that failed (1 = the first). */
  attempt: number;
  /** How long the transport waits before the next attempt. */
  delayMs: number;
  /** `HTTP 503`, `network`, `timeout`, … */
  reason: string;
}

export interface TransportOptions {
  fetch: typeof globalThis.fetch;
  authorize: Authorizer;
  /** Per attempt; default 30 000 ms. 0 disables it. */
  timeoutMs?: number;
  /** `false` disables retries. */
  retry?: RetryOptions | false;
  /** Path prefix of the endpoint (e.g. a proxy's /codearts), stripped before matching operations. */
  basePath?: string;
  /** Injection points for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

const DEFAULT_RETRY: Required<Omit<RetryOptions, 'onRetry'>> & Pick<RetryOptions, 'onRetry'> = {
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 60_000,
  retryOnStatus: [429, 502, 503, 504],
  retryStartsWork: false,
  onRetry: undefined,
};

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(response: Response, now = Date.now()): number | undefined {
  const value = response.headers.get('Retry-After');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function createTransport(options: TransportOptions): typeof globalThis.fetch {
  const retry = options.retry === false ? { ...DEFAULT_RETRY, maxAttempts: 1 } : { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;

  return async function transport(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const original = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(original.url);
    const operation: OperationInfo | undefined = findOperation(original.method, url.pathname, options.basePath);
    const operationName = operation?.operationId ?? nameOf(original.method, original.url, options.basePath);
    const retryable = retry.maxAttempts > 1 && (!operation?.startsWork || retry.retryStartsWork);
    // Read once: every attempt sends these exact bytes (a Request body is a one-shot stream).
    const body = original.body ? new Uint8Array(await original.arrayBuffer()) : undefined;
    const callerSignal = original.signal;

    for (let attempt = 1; ; attempt += 1) {
      const timeout = timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
      const signal = timeout ? AbortSignal.any([callerSignal, timeout]) : callerSignal;
      const request = new Request(original.url, { method: original.method, headers: new Headers(original.headers), body, signal });
      await options.authorize(request, body);

      let response: Response | undefined;
      let failure: CodeArtsApiError | undefined;
      try {
        response = await options.fetch(request);
      } catch (error) {
        if (callerSignal.aborted) throw new CodeArtsApiError('aborted', 0, operationName, undefined, undefined, undefined, { cause: error, host: url.host });
        const kind = timeout?.aborted ? 'timeout' : 'network';
        failure = new CodeArtsApiError(kind, 0, operationName, undefined, undefined, undefined, { cause: error, host: url.host });
      }

      const last = attempt >= retry.maxAttempts || !retryable;
      if (response && (!retry.retryOnStatus.includes(response.status) || last)) return response;
      if (failure && last) throw failure;

      let delay = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1)) * random();
      if (response) {
        const requested = retryAfterMs(response);
        if (requested !== undefined) {
          if (requested > retry.maxRetryAfterMs) return response;
          delay = requested;
        }
        await response.body?.cancel().catch(() => undefined);
      }
      retry.onRetry?.({ operation: operationName, attempt, delayMs: delay, reason: response ? `HTTP ${response.status}` : failure!.kind });
      try {
        await sleep(delay, callerSignal);
      } catch (error) {
        throw new CodeArtsApiError('aborted', 0, operationName, undefined, undefined, undefined, { cause: error, host: url.host });
      }
    }
  };
}
