export * from './generated/index.js';
export { createConfiguration, type SdkOptions } from './configuration.js';
export { CodeArtsApiError, huaweiErrors } from './errors.js';
export { REGION_ENDPOINTS, KNOWN_REGIONS, endpointForRegion, type RegionId } from './generated/regions.js';
