// The published test vectors TV1–TV3 (shared/api-facts/conventions.md), reproduced exactly.
import {
  EMPTY_BODY_SHA256,
  GO_SDK_POLICY,
  canonicalQuery,
  canonicalUri,
  formatSdkDate,
  parseSdkDate,
  signRequest,
} from '../src/index';

const credentials = { accessKey: 'AccessKey', secretKey: 'SecretKey' };
const headers = { 'X-Sdk-Date': '20060102T150405Z', TEST_UNDERSCORE: 'TEST_VALUE' };

test('TV1: GET /path?limit=1, no body', async () => {
  const signature = await signRequest({ method: 'GET', url: 'https://example.huaweicloud.com/path?limit=1', headers }, credentials, GO_SDK_POLICY);
  expect(signature.canonicalRequest).toBe(`GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\n${EMPTY_BODY_SHA256}`);
  expect(signature.stringToSign).toBe('SDK-HMAC-SHA256\n20060102T150405Z\n85c3b7730f308aee452b16138a42a914397e43a8f0d732dfa521c0ef2afa98a4');
  expect(signature.authorization).toBe(
    'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
  );
});

test('TV2: POST /path?key=value with a JSON body and an unsigned Content-Type', async () => {
  const signature = await signRequest(
    {
      method: 'POST',
      url: 'https://example.huaweicloud.com/path?key=value',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: '{"Name":"test","Id":1}\n',
    },
    credentials,
    GO_SDK_POLICY,
  );
  expect(signature.canonicalRequest.endsWith('\na29d7b4c5efd1a22011d69fd7b7aee76fe51e4083c609244228de258afd61289')).toBe(true);
  expect(signature.authorization).toBe(
    'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59',
  );
});

test('TV3: canonical query string', () => {
  const params: Array<[string, string]> = [
    ['limit', '1'],
    ['enable', 'true'],
    ['test', '一 (&=?!#%.*)'],
    ['path', '/tmp/123'],
    ['multi', '3'],
    ['multi', '1'],
    ['multi', '2'],
  ];
  expect(canonicalQuery(params)).toBe('enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29');
});

test('a wrong secret key gives a different signature (the vector test can fail)', async () => {
  const signature = await signRequest(
    { method: 'GET', url: 'https://example.huaweicloud.com/path?limit=1', headers },
    { ...credentials, secretKey: 'OtherKey' },
    GO_SDK_POLICY,
  );
  expect(signature.authorization).not.toContain('5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624');
});

test('canonical URI: segments re-encoded, trailing slash added once', () => {
  expect(canonicalUri('/v5/p/api/pipelines/batch-runs/result')).toBe('/v5/p/api/pipelines/batch-runs/result/');
  expect(canonicalUri('/a%20b/c:d/')).toBe('/a%20b/c%3Ad/');
});

test('the default policy signs host and every header without "_"', async () => {
  const signature = await signRequest(
    {
      method: 'POST',
      url: 'http://127.0.0.1:8080/v5/x/api/pipelines/batch-runs',
      headers: { 'X-Sdk-Date': '20260102T030405Z', 'Content-Type': 'application/json', 'X-Project-Id': 'p', bad_name: 'v' },
      body: '{}',
    },
    credentials,
  );
  expect(signature.signedHeaders).toEqual(['content-type', 'host', 'x-project-id', 'x-sdk-date']);
  expect(signature.canonicalRequest).toContain('host:127.0.0.1:8080\n');
});

test('X-Sdk-Date round-trips', () => {
  const date = new Date(Date.UTC(2006, 0, 2, 15, 4, 5));
  expect(formatSdkDate(date)).toBe('20060102T150405Z');
  expect(parseSdkDate('20060102T150405Z')).toEqual(date);
  expect(parseSdkDate('2006-01-02')).toBeUndefined();
});
