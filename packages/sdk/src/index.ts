export * from './generated/index.js';
export { createConfiguration, type SdkOptions } from './configuration.js';
export { CodeArtsApiError, REGION_ENDPOINTS, KNOWN_REGIONS, endpointForRegion, type RegionId } from '@codearts-pipeline/client';
