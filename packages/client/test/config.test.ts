// Options from environment variables (official Huawei SDK names where they exist).
import { clientOptionsFromEnv, createPipelineClient } from '../src/index';

test('AK/SK, security token and project id from the official variable names', () => {
  expect(
    clientOptionsFromEnv({
      CODEARTS_PIPELINE_REGION: 'cn-north-4',
      HUAWEICLOUD_SDK_AK: 'ak',
      HUAWEICLOUD_SDK_SK: 'sk',
      HUAWEICLOUD_SDK_SECURITY_TOKEN: 'sts',
      HUAWEICLOUD_SDK_PROJECT_ID: 'p',
    }),
  ).toEqual({ region: 'cn-north-4', accessKey: { accessKey: 'ak', secretKey: 'sk', securityToken: 'sts', projectId: 'p' } });
});

test("a region's endpoint override uses the official HUAWEICLOUD_SDK_REGION_CODEARTSPIPELINE_<REGION> variable", () => {
  const options = clientOptionsFromEnv({
    CODEARTS_PIPELINE_REGION: 'cn-north-4',
    HUAWEICLOUD_SDK_REGION_CODEARTSPIPELINE_CN_NORTH_4: 'https://proxy.example.test',
    CODEARTS_PIPELINE_TOKEN: 'tok',
  });
  expect(options).toEqual({ endpoint: 'https://proxy.example.test', token: 'tok' });
  expect(() => createPipelineClient(options)).not.toThrow();
});

test.each([
  [{}, 'no credentials in the environment: set CODEARTS_PIPELINE_TOKEN, or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK'],
  [{ CODEARTS_PIPELINE_TOKEN: 't' }, 'no endpoint in the environment: set CODEARTS_PIPELINE_REGION (e.g. cn-north-4) or CODEARTS_PIPELINE_ENDPOINT'],
  [{ CODEARTS_PIPELINE_TOKEN: 't', HUAWEICLOUD_SDK_AK: 'a', HUAWEICLOUD_SDK_SK: 's' }, 'set either CODEARTS_PIPELINE_TOKEN or HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK, not both'],
  [{ HUAWEICLOUD_SDK_AK: 'a', CODEARTS_PIPELINE_REGION: 'cn-north-4' }, 'no credentials in the environment'],
])('incomplete environment %j: %s', (env, message) => {
  expect(() => clientOptionsFromEnv(env)).toThrow(message);
});

test('two kinds of credentials at once are refused', () => {
  expect(() => createPipelineClient({ region: 'cn-north-4', token: 't', accessKey: { accessKey: 'a', secretKey: 's' } })).toThrow(
    "pass only one of 'token', 'accessKey' or 'auth'",
  );
});
