// An independent peer: the official Huawei Cloud Python SDK (huaweicloudsdkcore +
// huaweicloudsdkcodeartspipeline, installed by scripts/setup.sh into .tools/python) calls
// StopPipelineRun on the simulator with AK/SK credentials. The simulator must accept its signature,
// and our signer, given the same request, time and keys, must produce the same Authorization header.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { signRequest } from '@codearts-pipeline/signer';
import type { ObservedRequest } from '@codearts-pipeline/simulator';
import { createPipelineClient } from '../src/index';
import { PROJECT_ID, type Running, secrets, startTestSimulator } from './helpers/fixtures';

const python = join(__dirname, '..', '..', '..', '.tools', 'python', 'bin', 'python');
const script = join(__dirname, 'peer', 'stop_pipeline_run.py');
const PIPELINE_ID = 'd7013d2402ff4cc88489ee5af324e049';
const RUN_ID = '3d8143d197dd4fa5b23f20ee39179af3';

let running: Running;
let observed: ObservedRequest[];

beforeAll(() => {
  if (!existsSync(python)) throw new Error(`${python} is missing: run scripts/setup.sh (it installs the official Python SDK)`);
});
beforeEach(async () => {
  observed = [];
  running = await startTestSimulator({ observe: (request) => observed.push(request) });
});
afterEach(() => running.close());

/** Runs the Python peer (asynchronously: the simulator answers from this process's event loop). */
async function callPython(secretKey = secrets.secretKey): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(python, [script, running.url, PROJECT_ID, PIPELINE_ID, RUN_ID], {
    env: { PATH: process.env.PATH, HUAWEICLOUD_SDK_AK: secrets.accessKey, HUAWEICLOUD_SDK_SK: secretKey },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [status] = await once(child, 'close');
  return { status, stdout, stderr };
}

test("the official Python SDK's AK/SK-signed StopPipelineRun is accepted by the simulator", async () => {
  const run = await callPython();
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({ success: true });
  expect(running.simulator.requestCounts.get('StopPipelineRun')).toBe(1);
  // the request shape matches the spec: POST, this path, no body
  expect(observed).toHaveLength(1);
  expect(observed[0]!.method).toBe('POST');
  expect(observed[0]!.url).toBe(`/v5/${PROJECT_ID}/api/pipelines/${PIPELINE_ID}/pipeline-runs/${RUN_ID}/stop`);
  expect(observed[0]!.body.length).toBe(0);
});

test("with a wrong secret key the Python SDK gets the simulator's 401", async () => {
  const run = await callPython(`${secrets.secretKey}x`);
  expect(run.status).toBe(1);
  expect(JSON.parse(run.stdout)).toEqual({
    status: 401,
    error_code: 'APIGW.0301',
    error_msg: 'Incorrect IAM authentication information: the signature does not match the request',
  });
});

test('our signer, given the same request, time and keys, produces the byte-identical Authorization', async () => {
  expect((await callPython()).status).toBe(0);
  const request = observed[0]!;
  const authorization = String(request.headers.authorization);
  const signedNames = /SignedHeaders=([^,]+),/.exec(authorization)![1]!.split(';');
  expect(signedNames).toEqual(expect.arrayContaining(['host', 'x-sdk-date', 'x-project-id']));
  // the headers the SDK had when it signed: those it lists (the HTTP library adds others afterwards)
  const headers = Object.fromEntries(signedNames.map((name) => [name, String(request.headers[name])]));
  const ours = await signRequest(
    { method: request.method, url: `http://${request.headers.host}${request.url}`, headers, body: request.body },
    { accessKey: secrets.accessKey, secretKey: secrets.secretKey },
  );
  expect(ours.authorization).toBe(authorization);
});

test('our client calls the same operation with AK/SK and gets the same answer', async () => {
  const client = createPipelineClient({ endpoint: running.url, accessKey: { accessKey: secrets.accessKey, secretKey: secrets.secretKey, projectId: PROJECT_ID } });
  const { data } = await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/stop', {
    params: { path: { project_id: PROJECT_ID, pipeline_id: PIPELINE_ID, pipeline_run_id: RUN_ID } },
  });
  expect(data).toEqual({ success: true });
});
