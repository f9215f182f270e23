import { type RegionId, KNOWN_REGIONS, endpointForRegion } from './generated/regions.js';

export interface EndpointOptions {
  /** A region id such as `cn-north-4`; picks the endpoint the document lists for it. */
  region?: RegionId | (string & {});
  /** A full base URL (`https://host[:port]`); wins over `region`. Use it for the simulator or a proxy. */
  endpoint?: string;
}

/** The base URL requests go to, without a trailing slash. */
export function resolveEndpoint({ region, endpoint }: EndpointOptions): string {
  if (endpoint !== undefined) {
    let protocol = '';
    try {
      protocol = new URL(endpoint).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'https:' && protocol !== 'http:') {
      throw new Error(`endpoint '${endpoint}' is not an absolute http(s) URL (expected e.g. https://host or http://127.0.0.1:8080)`);
    }
    return endpoint.replace(/\/+$/, '');
  }
  if (region === undefined) {
    throw new Error(`either 'region' (one of ${KNOWN_REGIONS.join(', ')}) or 'endpoint' is required`);
  }
  return endpointForRegion(region);
}
