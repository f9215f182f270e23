// Waiting for a run with the SDK: the client's polling loop (interval, deadline, cancellation, progress
// callback) reading the run through the generated PipelineManagementApi.
import { type RunLocator, type WaitForRunOptions, pollRun } from '@codearts-pipeline/client';
import type { PipelineManagementApi } from './generated/apis/index.js';
import type { ShowPipelineRunDetailResponse } from './generated/models/index.js';

export type SdkWaitOptions = Omit<WaitForRunOptions, 'onProgress' | 'isFinal'> & {
  /** Called after every poll with the run as it is now; a thrown error stops the wait. */
  onProgress?: (run: ShowPipelineRunDetailResponse) => void | Promise<void>;
  /** Which statuses end the wait (the whole run is passed too). Default: FINAL_RUN_STATUSES. */
  isFinal?: (status: string, run: ShowPipelineRunDetailResponse) => boolean;
};

/** Polls `api.showPipelineRunDetail` until the run's status is final; answers the final run. */
export function waitForRun(api: PipelineManagementApi, locator: RunLocator, options: SdkWaitOptions = {}): Promise<ShowPipelineRunDetailResponse> {
  return pollRun(
    (signal) =>
      api.showPipelineRunDetail(
        { projectId: locator.projectId, pipelineId: locator.pipelineId, pipelineRunId: locator.pipelineRunId },
        { signal },
      ),
    locator,
    options,
  );
}
