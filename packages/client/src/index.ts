export { authorizerFrom, transportFrom, createPipelineClient, type PipelineClient, type PipelineClientOptions } from './client.js';
export { iamTokenAuth, accessKeyAuth, type AccessKeyCredentials, type Authorizer, type TokenSource } from './auth.js';
export { CodeArtsApiError, type FailureKind } from './errors.js';
export { createTransport, retryAfterMs, type RetryOptions, type RetryInfo, type TransportOptions } from './transport.js';
export { fetchBatchRunResults, startBatchRun, runBatch, mapWithConcurrency, type BatchOptions, type ItemOutcome } from './batch.js';
export {
  waitForRun,
  pollRun,
  runPipelineAndWait,
  runBatchAndWait,
  RunWaitTimeoutError,
  FINAL_RUN_STATUSES,
  type WaitForRunOptions,
  type RunLocator,
  type RunOutcome,
  type PipelineRunDetail,
  type RunPipelineBody,
} from './wait.js';
export { clientOptionsFromEnv, ENVIRONMENT_VARIABLES } from './config.js';
export { findOperation, operationName, type OperationInfo } from './operations.js';
export { resolveEndpoint, type EndpointOptions } from './endpoint.js';
export { REGION_ENDPOINTS, KNOWN_REGIONS, endpointForRegion, type RegionId } from './generated/regions.js';
export type { paths, components, operations } from './generated/schema.js';

import type { components } from './generated/schema.js';
/** One item of ShowBatchRunResult's `result`. */
export type BatchRunResult = components['schemas']['BatchRunResult'];
/** A pipeline/run pair, as sent to ShowBatchRunResult and returned by BatchRunPipeline. */
export type PipelineRunRef = components['schemas']['PipelineRunRef'];
/** Huawei's error body. */
export type ErrorResponse = components['schemas']['ErrorResponse'];
