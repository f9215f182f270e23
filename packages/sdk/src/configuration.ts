// The SDK runs on the client's transport, so it authenticates (IAM token or AK/SK signature), times out,
// retries safe operations and reports failures exactly as @codearts-pipeline/client does.
import {
  type AccessKeyCredentials,
  type Authorizer,
  CodeArtsApiError,
  type RetryOptions,
  type TokenSource,
  operationName,
  transportFrom,
} from '@codearts-pipeline/client';
import { Configuration, type FetchAPI, type Middleware } from './generated/runtime.js';

export interface SdkOptions {
  /** A region id such as `cn-north-4` (see KNOWN_REGIONS). */
  region?: string;
  /** A base URL; wins over `region` (the simulator, a proxy). */
  endpoint?: string;
  /** IAM token sent as `X-Auth-Token`, or a function returning the current one. */
  token?: TokenSource;
  /** Access key / secret key: every attempt is signed with SDK-HMAC-SHA256. */
  accessKey?: AccessKeyCredentials;
  /** Any other authentication instead of `token` / `accessKey`. */
  auth?: Authorizer;
  /** Timeout of one attempt in ms (default 30 000; 0 = none). */
  timeoutMs?: number;
  /** Retry policy (see @codearts-pipeline/client); `false` disables retries. */
  retry?: RetryOptions | false;
  /** More middleware, run after the error mapping. */
  middleware?: Middleware[];
  /** A `fetch` implementation under the transport; defaults to the global one. */
  fetchApi?: FetchAPI;
}

/** Non-2xx answers and failures without an answer both become CodeArtsApiError. */
function huaweiErrors(basePath: string): Middleware {
  const operationOf = (url: string, method = 'GET') => operationName(method, url, basePath);
  return {
    async post({ url, init, response }) {
      if (!response.ok) throw await CodeArtsApiError.fromResponse(response, operationOf(url, init.method));
      return response;
    },
    async onError({ url, init, error }) {
      // The transport already throws CodeArtsApiError (network, timeout, aborted); keep it as it is.
      throw error instanceof CodeArtsApiError ? error : new CodeArtsApiError('network', 0, operationOf(url, init.method), undefined, undefined, undefined, { cause: error });
    },
  };
}

/**
 * A Configuration for the generated Api classes:
 * `new PipelineManagementApi(createConfiguration({ region: 'cn-north-4', token }))`.
 */
export function createConfiguration(options: SdkOptions): Configuration {
  const { baseUrl, basePath, transport } = transportFrom({ ...options, fetch: options.fetchApi });
  return new Configuration({
    basePath: baseUrl,
    fetchApi: transport,
    middleware: [huaweiErrors(basePath), ...(options.middleware ?? [])],
  });
}
