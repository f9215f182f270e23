// Every simulated operation, by operationId.
import { batchHandlers } from './batch.js';
import { legacyHandlers } from './legacy.js';
import { pipelineHandlers } from './pipelines.js';
import { runHandlers } from './runs.js';
import { templateHandlers } from './templates.js';
import type { Handler } from './types.js';

export const handlers: Record<string, Handler> = {
  ...batchHandlers,
  ...pipelineHandlers,
  ...runHandlers,
  ...templateHandlers,
  ...legacyHandlers,
};
