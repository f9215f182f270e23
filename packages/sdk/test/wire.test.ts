// For the same call, the SDK and the openapi-fetch client put the same bytes on the wire,
// and those bytes are the reference page's example request.
import { once } from 'node:events';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPipelineClient } from '@codearts-pipeline/client';
import { exampleValue, loadBundledDocument } from '@codearts-pipeline/simulator';
import { PipelineManagementApi, type ShowBatchRunResultRequest, createConfiguration } from '../src/index';

const document = loadBundledDocument();
const projectId = document.components.parameters.ProjectId.example as string;
const example = exampleValue<ShowBatchRunResultRequest>(document, 'ShowBatchRunResult');

interface Captured {
  method: string;
  url: string;
  contentType: string | undefined;
  body: Buffer;
}
let server: Server;
let url: string;
const captured: Captured[] = [];

beforeAll(async () => {
  server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    captured.push({ method: request.method!, url: request.url!, contentType: request.headers['content-type'], body: Buffer.concat(chunks) });
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"result":[]}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

test('SDK and openapi-fetch client send byte-identical bodies: the seed example request', async () => {
  captured.length = 0;
  const client = createPipelineClient({ endpoint: url, token: 't' });
  await client.POST('/v5/{project_id}/api/pipelines/batch-runs/result', { params: { path: { project_id: projectId } }, body: example });
  const sdk = new PipelineManagementApi(createConfiguration({ endpoint: url, token: 't' }));
  await sdk.showBatchRunResult({ projectId, showBatchRunResultRequest: example });

  expect(captured).toHaveLength(2);
  const [fromClient, fromSdk] = captured as [Captured, Captured];
  expect(fromSdk.body.equals(fromClient.body)).toBe(true);
  expect(fromSdk.body.toString('utf8')).toBe(JSON.stringify(example));
  expect(JSON.parse(fromSdk.body.toString('utf8'))).toStrictEqual(example);
  expect([fromClient.method, fromClient.url]).toEqual([fromSdk.method, fromSdk.url]);
  expect(fromClient.url).toBe(`/v5/${projectId}/api/pipelines/batch-runs/result`);
  expect(fromClient.contentType).toBe('application/json');
  expect(fromSdk.contentType).toBe('application/json');
});

test('the same holds for BatchRunPipeline', async () => {
  captured.length = 0;
  const body = exampleValue<{ pipeline_ids: string[] }>(document, 'BatchRunPipeline');
  await createPipelineClient({ endpoint: url, token: 't' }).POST('/v5/{project_id}/api/pipelines/batch-runs', {
    params: { path: { project_id: projectId } },
    body,
  });
  await new PipelineManagementApi(createConfiguration({ endpoint: url, token: 't' })).batchRunPipeline({
    projectId,
    batchRunPipelineRequest: body,
  });
  expect(captured[1]!.body.equals(captured[0]!.body)).toBe(true);
  expect(captured[0]!.body.toString('utf8')).toBe(JSON.stringify(body));
});
