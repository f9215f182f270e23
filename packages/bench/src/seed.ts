// The call every client benchmark makes: the API reference's example ShowBatchRunResult request (six
// pipeline/run pairs), read from the bundled document like the quickstart does, never re-typed here.
import { join } from 'node:path';
import { dereference, exampleValue, loadBundledDocument } from '@codearts-pipeline/simulator';
import type { components } from '@codearts-pipeline/client';

export type ShowBatchRunResultRequest = components['schemas']['ShowBatchRunResultRequest'];
export type ShowBatchRunResultResponse = components['schemas']['ShowBatchRunResultResponse'];

/** The repository root (this file is packages/bench/src or packages/bench/dist). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
/** packages/bench */
export const PACKAGE_DIR = join(__dirname, '..');

export const RESULT_PATH = '/v5/{project_id}/api/pipelines/batch-runs/result';

export interface SeedCall {
  projectId: string;
  body: ShowBatchRunResultRequest;
  /** The documented 200 answer, as JSON text (what the in-memory fetch returns). */
  responseText: string;
  /** Number of result items a correct answer has. */
  expectedResults: number;
}

export function seedCall(): SeedCall {
  const document = loadBundledDocument();
  const projectId = dereference<{ example: string }>(document, document.components.parameters.ProjectId).example;
  const body = exampleValue<ShowBatchRunResultRequest>(document, 'ShowBatchRunResult');
  const response = exampleValue<ShowBatchRunResultResponse>(document, 'ShowBatchRunResult', { status: '200' });
  return { projectId, body, responseText: JSON.stringify(response), expectedResults: response.result?.length ?? 0 };
}

/**
 * Credentials of the benchmarks' own simulator: made up here, accepted only by the simulator process
 * the benchmark starts, never printed.
 */
export const BENCH_CREDENTIALS = {
  token: 'bench-iam-token',
  accessKey: 'BENCHACCESSKEY000000',
  secretKey: 'bench-secret-key-for-the-local-simulator',
} as const;
