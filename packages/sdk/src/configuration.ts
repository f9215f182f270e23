import { endpointForRegion } from './generated/regions.js';
import { Configuration, type FetchAPI, type Middleware } from './generated/runtime.js';
import { huaweiErrors } from './errors.js';

export interface SdkOptions {
  /** A region id such as `cn-north-4` (see KNOWN_REGIONS). */
  region?: string;
  /** A base URL; wins over `region` (the simulator, a proxy). */
  endpoint?: string;
  /** IAM token sent as `X-Auth-Token`, or a function returning the current one. */
  token: string | (() => string | Promise<string>);
  /** More middleware, run after the error mapping. */
  middleware?: Middleware[];
  /** A `fetch` implementation; defaults to the global one. */
  fetchApi?: FetchAPI;
}

/**
 * A Configuration for the generated Api classes: endpoint, IAM token, and errors decoded into
 * CodeArtsApiError. `new PipelineManagementApi(createConfiguration({ region: 'cn-north-4', token }))`.
 */
export function createConfiguration(options: SdkOptions): Configuration {
  const basePath = options.endpoint?.replace(/\/+$/, '') ?? (options.region ? endpointForRegion(options.region) : undefined);
  if (!basePath) throw new Error(`either 'region' or 'endpoint' is required`);
  const { token } = options;
  return new Configuration({
    basePath,
    apiKey: async () => (typeof token === 'function' ? token() : token),
    middleware: [huaweiErrors(), ...(options.middleware ?? [])],
    fetchApi: options.fetchApi,
  });
}
