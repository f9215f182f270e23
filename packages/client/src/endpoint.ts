import { REGION_ENDPOINTS, type RegionId } from './generated/regions.js';

export interface EndpointOptions {
  /** A region id such as `cn-north-4`; picks the endpoint the document lists for it. */
  region?: RegionId | (string & {});
  /** A full base URL (`https://host[:port]`); wins over `region`. Use it for the simulator or a proxy. */
  endpoint?: string;
}

export const KNOWN_REGIONS = Object.keys(REGION_ENDPOINTS) as RegionId[];

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
  const url = (REGION_ENDPOINTS as Record<string, string>)[region];
  if (!url) {
    throw new Error(`unknown region '${region}'; known regions: ${KNOWN_REGIONS.join(', ')} (or pass 'endpoint')`);
  }
  return url;
}
