// Token and AK/SK authentication against the simulator, which checks them as the gateway does.
import { accessKeyAuth, createPipelineClient } from '../src/index';
import {
  PROJECT_ID,
  RESULT_PATH,
  type Running,
  SEEDED_PAIR,
  TEMPORARY_ACCESS_KEY,
  exposed,
  failureOf,
  path,
  secrets,
  startTestSimulator,
} from './helpers/fixtures';

let running: Running;
beforeEach(async () => {
  running = await startTestSimulator();
});
afterEach(() => running.close());

const query = { params: { path }, body: { query: [SEEDED_PAIR] } };

test('IAM token', async () => {
  const client = createPipelineClient({ endpoint: running.url, token: secrets.token });
  const { data } = await client.POST(RESULT_PATH, query);
  expect(data!.result![0]!.reason).toBe('Current pipeline is banned.');
});

test('AK/SK signature (with X-Project-Id signed)', async () => {
  const client = createPipelineClient({
    endpoint: running.url,
    accessKey: { accessKey: secrets.accessKey, secretKey: secrets.secretKey, projectId: PROJECT_ID },
  });
  const { data, response } = await client.POST(RESULT_PATH, query);
  expect(response.status).toBe(200);
  expect(data!.result).toHaveLength(1);
});

test('temporary credentials send and sign X-Security-Token; without it they are refused', async () => {
  const temporary = { accessKey: TEMPORARY_ACCESS_KEY, secretKey: secrets.secretKey };
  const withToken = createPipelineClient({ endpoint: running.url, accessKey: { ...temporary, securityToken: secrets.securityToken } });
  expect((await withToken.POST(RESULT_PATH, query)).response.status).toBe(200);

  const without = createPipelineClient({ endpoint: running.url, accessKey: temporary, retry: false });
  const error = await failureOf(without.POST(RESULT_PATH, query));
  expect([error.status, error.errorCode, error.errorMsg]).toEqual([
    401,
    'APIGW.0301',
    'Incorrect IAM authentication information: temporary credentials need their signed X-Security-Token',
  ]);
});

test('a wrong secret key: 401 "signature does not match", and the secret appears nowhere in the error', async () => {
  const wrongSecret = `${secrets.secretKey}-wrong`;
  const client = createPipelineClient({ endpoint: running.url, accessKey: { accessKey: secrets.accessKey, secretKey: wrongSecret } });
  const error = await failureOf(client.POST(RESULT_PATH, query));
  expect([error.status, error.errorCode, error.errorMsg]).toEqual([
    401,
    'APIGW.0301',
    'Incorrect IAM authentication information: the signature does not match the request',
  ]);
  expect(exposed(error)).not.toContain(wrongSecret);
  expect(exposed(error)).not.toContain(secrets.secretKey);
});

test('an unknown access key: 401', async () => {
  const client = createPipelineClient({ endpoint: running.url, accessKey: { accessKey: 'AKUNKNOWN', secretKey: secrets.secretKey } });
  const error = await failureOf(client.POST(RESULT_PATH, query));
  expect([error.status, error.errorMsg]).toEqual([401, 'Incorrect IAM authentication information: unknown access key']);
});

test('a clock 16 minutes off: 401; 14 minutes off: accepted', async () => {
  const minutes = (n: number) => n * 60_000;
  const skewed = (offset: number) =>
    createPipelineClient({
      endpoint: running.url,
      auth: accessKeyAuth({ accessKey: secrets.accessKey, secretKey: secrets.secretKey }, () => new Date(Date.now() - offset)),
    });
  const error = await failureOf(skewed(minutes(16)).POST(RESULT_PATH, query));
  expect([error.status, error.errorMsg]).toEqual([
    401,
    'Incorrect IAM authentication information: X-Sdk-Date is more than 15 minutes away from the server time',
  ]);
  expect((await skewed(minutes(14)).POST(RESULT_PATH, query)).response.status).toBe(200);
});

test('an empty token is refused before anything is sent', async () => {
  const client = createPipelineClient({ endpoint: running.url, token: () => '' });
  await expect(client.POST(RESULT_PATH, query)).rejects.toThrow('the IAM token is empty');
  expect(running.simulator.requestCount).toBe(0);
});
