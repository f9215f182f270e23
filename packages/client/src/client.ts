import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { type TokenSource, iamTokenAuth } from './auth.js';
import { type EndpointOptions, resolveEndpoint } from './endpoint.js';
import type { paths } from './generated/schema.js';

export interface PipelineClientOptions extends EndpointOptions {
  /** IAM token sent as `X-Auth-Token`. */
  token?: TokenSource;
  /** Replaces the token option: any request-authenticating middleware (AK/SK signing comes later). */
  auth?: Middleware;
  /** Extra middleware, run after authentication, in order. */
  middleware?: Middleware[];
  /** A `fetch` implementation (tests, proxies, non-Node runtimes); defaults to the global one. */
  fetch?: typeof globalThis.fetch;
  /** Headers added to every request. */
  headers?: Record<string, string>;
}

export type PipelineClient = Client<paths>;

/**
 * A typed client for every operation of the document:
 * `client.POST('/v5/{project_id}/api/pipelines/batch-runs/result', { params: { path: { project_id } }, body })`.
 */
export function createPipelineClient(options: PipelineClientOptions): PipelineClient {
  const baseUrl = resolveEndpoint(options);
  const auth = options.auth ?? (options.token !== undefined ? iamTokenAuth(options.token) : undefined);
  if (!auth) throw new Error(`credentials are required: pass 'token' (an IAM token) or 'auth'`);
  const client = createClient<paths>({
    baseUrl,
    headers: options.headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(auth, ...(options.middleware ?? []));
  return client;
}
