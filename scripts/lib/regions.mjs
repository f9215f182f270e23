// Renders the TypeScript module both clients use to map a region id to its endpoint.
// The table is expanded from the bundle's `servers` (URL templates with a `region` variable), so the
// regions are written once, in spec/openapi.yaml; this file only holds the code around them.
export function regionEndpoints(servers) {
  const endpoints = {};
  for (const server of servers ?? []) {
    for (const region of server.variables?.region?.enum ?? []) {
      if (endpoints[region]) throw new Error(`region ${region} is listed by two servers in the document`);
      endpoints[region] = server.url.replace('{region}', region);
    }
  }
  return endpoints;
}

export function renderRegionsModule(document, header) {
  const endpoints = regionEndpoints(document.servers);
  if (Object.keys(endpoints).length === 0) throw new Error('the document lists no regional servers');
  return `${header}
/** Regional endpoints of the service, from the document's \`servers\`. */
export const REGION_ENDPOINTS = ${JSON.stringify(endpoints, null, 2)} as const;

/** A region id the document lists, such as \`cn-north-4\`. */
export type RegionId = keyof typeof REGION_ENDPOINTS;

export const KNOWN_REGIONS = Object.keys(REGION_ENDPOINTS) as RegionId[];

/** The endpoint of a region; an unknown region is an error that lists the known ones. */
export function endpointForRegion(region: string): string {
  const endpoint = (REGION_ENDPOINTS as Record<string, string>)[region];
  if (!endpoint) {
    throw new Error(\`unknown region '\${region}'; known regions: \${KNOWN_REGIONS.join(', ')} (or pass an endpoint)\`);
  }
  return endpoint;
}
`;
}
