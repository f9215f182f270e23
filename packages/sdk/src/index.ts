export * from './generated/index.js';
export { createConfiguration, type SdkOptions } from './configuration.js';
export { CodeArtsApiError, REGION_ENDPOINTS, KNOWN_REGIONS, endpointForRegion, type RegionId } from '@codearts-pipeline/client';
export { waitForRun, type SdkWaitOptions } from './wait.js';
export { RunWaitTimeoutError, FINAL_RUN_STATUSES, type RunLocator } from '@codearts-pipeline/client';
