import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { type AccessKeyCredentials, type Authorizer, type TokenSource, accessKeyAuth, iamTokenAuth } from './auth.js';
import { type EndpointOptions, resolveEndpoint } from './endpoint.js';
import { CodeArtsApiError } from './errors.js';
import type { paths } from './generated/schema.js';
import { operationName } from './operations.js';
import { type RetryOptions, createTransport } from './transport.js';

export interface PipelineClientOptions extends EndpointOptions {
  /** IAM token sent as `X-Auth-Token` (a string, or a function returning the current one). */
  token?: TokenSource;
  /** Access key / secret key: every request is signed with SDK-HMAC-SHA256. */
  accessKey?: AccessKeyCredentials;
  /** Any other authentication, instead of `token` / `accessKey`. */
  auth?: Authorizer;
  /** Timeout of one attempt in ms (default 30 000; 0 = none). Cancel a call with `signal`. */
  timeoutMs?: number;
  /** Retry policy for failures worth repeating; `false` disables retries. */
  retry?: RetryOptions | false;
  /** Non-2xx responses throw CodeArtsApiError (default). `false` keeps openapi-fetch's `{ error }`. */
  throwOnError?: boolean;
  /** More openapi-fetch middleware, run after the built-in ones. */
  middleware?: Middleware[];
  /** A `fetch` implementation (tests, proxies, other runtimes); defaults to the global one. */
  fetch?: typeof globalThis.fetch;
  /** Headers added to every request. */
  headers?: Record<string, string>;
}

export type PipelineClient = Client<paths>;

/** The one authenticator the options name (token, accessKey or auth); the SDK's configuration uses it too. */
export function authorizerFrom(options: Pick<PipelineClientOptions, 'token' | 'accessKey' | 'auth'>): Authorizer {
  const given = [options.auth, options.token, options.accessKey].filter((value) => value !== undefined).length;
  if (given > 1) throw new Error(`pass only one of 'token', 'accessKey' or 'auth'`);
  if (options.auth) return options.auth;
  if (options.token !== undefined) return iamTokenAuth(options.token);
  if (options.accessKey) return accessKeyAuth(options.accessKey);
  throw new Error(`credentials are required: pass 'token' (an IAM token), 'accessKey' ({ accessKey, secretKey }) or 'auth'`);
}

/** Turns every non-2xx response into a thrown CodeArtsApiError. Success is the status, never the body. */
function throwOnHttpError(basePath: string): Middleware {
  return {
    async onResponse({ request, response }) {
      if (response.ok) return response;
      throw await CodeArtsApiError.fromResponse(response, operationName(request.method, request.url, basePath));
    },
  };
}

/**
 * Where requests go and the transport that sends them (credentials, timeouts, retries), from the options
 * both the client and the SDK take. `basePath` is the endpoint's path prefix, stripped to name operations.
 */
export function transportFrom(
  options: Pick<PipelineClientOptions, 'region' | 'endpoint' | 'token' | 'accessKey' | 'auth' | 'timeoutMs' | 'retry' | 'fetch'>,
): { baseUrl: string; basePath: string; transport: typeof globalThis.fetch } {
  const baseUrl = resolveEndpoint(options);
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  const transport = createTransport({
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    authorize: authorizerFrom(options),
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    basePath,
  });
  return { baseUrl, basePath, transport };
}

/**
 * A typed client for every operation of the document:
 * `client.POST('/v5/{project_id}/api/pipelines/batch-runs/result', { params: { path: { project_id } }, body })`.
 * Failures throw CodeArtsApiError (HTTP status, Huawei code and message, request id, operation).
 */
export function createPipelineClient(options: PipelineClientOptions): PipelineClient {
  const { baseUrl, basePath, transport } = transportFrom(options);
  const client = createClient<paths>({ baseUrl, headers: options.headers, fetch: transport });
  if (options.throwOnError !== false) client.use(throwOnHttpError(basePath));
  if (options.middleware?.length) client.use(...options.middleware);
  return client;
}
