// Shared by the client tests: the test credentials (scripts/test-secrets.json, which the suite's
// closing scan searches for in every captured output) and a simulator started with them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningSimulator, type Simulator, type SimulatorOptions, loadBundledDocument, startSimulator } from '@codearts-pipeline/simulator';
import { CodeArtsApiError } from '../../src/index';

export const secrets: { token: string; accessKey: string; secretKey: string; securityToken: string } = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', '..', 'scripts', 'test-secrets.json'), 'utf8'),
);
export const TEMPORARY_ACCESS_KEY = `${secrets.accessKey}TMP`;

export const document = loadBundledDocument();
export const PROJECT_ID = document.components.parameters.ProjectId.example as string;
export const RESULT_PATH = '/v5/{project_id}/api/pipelines/batch-runs/result';
export const RUN_PATH = '/v5/{project_id}/api/pipelines/batch-runs';
export const path = { project_id: PROJECT_ID };
export const SEEDED_PAIR = { pipeline_id: '6ba9a2dbc7024c22a9a6614516dc22db', pipeline_run_id: 'e41fe3981361476eb6dad17ad98c683c' };

export type Running = RunningSimulator & { simulator: Simulator };

export function startTestSimulator(extra: Partial<SimulatorOptions> = {}): Promise<Running> {
  return startSimulator({
    ...extra,
    tokens: [secrets.token],
    credentials: [
      { accessKey: secrets.accessKey, secretKey: secrets.secretKey },
      { accessKey: TEMPORARY_ACCESS_KEY, secretKey: secrets.secretKey, securityToken: secrets.securityToken },
    ],
  });
}

/** The CodeArtsApiError a call rejects with (fails the test if it resolves or throws anything else). */
export async function failureOf(call: Promise<unknown>): Promise<CodeArtsApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CodeArtsApiError);
  return error as CodeArtsApiError;
}

/** Everything an error exposes, as text: for "no credential leaks" checks. */
export function exposed(error: Error): string {
  return [error.message, error.stack, JSON.stringify(error), String((error as { cause?: unknown }).cause ?? '')].join('\n');
}
