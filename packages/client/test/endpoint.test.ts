// Endpoint selection and the token header, checked with an injected fetch (no network).
import { KNOWN_REGIONS, REGION_ENDPOINTS, createPipelineClient, resolveEndpoint } from '../src/index';

function recordingFetch() {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    return new Response(JSON.stringify({ result: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

describe('endpoints', () => {
  test('the region table comes from the document servers (17 regions, SDK hosts)', () => {
    expect(KNOWN_REGIONS).toHaveLength(17);
    expect(REGION_ENDPOINTS['cn-north-4']).toBe('https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com');
    expect(REGION_ENDPOINTS['tr-west-1']).toBe('https://pipeline-external.tr-west-1.myhuaweicloud.com');
    expect(REGION_ENDPOINTS['af-south-1']).toBe('https://pipeline.af-south-1.myhuaweicloud.com');
  });

  test('an unknown region is an error listing the known ones', () => {
    expect(() => resolveEndpoint({ region: 'mars-north-1' })).toThrow(
      /unknown region 'mars-north-1'; known regions: cn-north-1, cn-north-4, .*af-south-1/,
    );
  });

  test('an endpoint wins over a region and loses its trailing slash', () => {
    expect(resolveEndpoint({ region: 'cn-north-4', endpoint: 'http://127.0.0.1:8080/' })).toBe('http://127.0.0.1:8080');
    expect(() => resolveEndpoint({ endpoint: 'localhost:8080' })).toThrow(/is not an absolute http\(s\) URL/);
  });

  test('a region client sends to the regional host with the token in X-Auth-Token', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createPipelineClient({ region: 'cn-south-1', token: () => 'token-from-callback', fetch });
    await client.POST('/v5/{project_id}/api/pipelines/batch-runs/result', {
      params: { path: { project_id: 'db8d07265e24426598b3eb03a7818972' } },
      body: { query: [{ pipeline_id: 'a', pipeline_run_id: 'b' }] },
    });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.url).toBe(
      'https://cloudpipeline-ext.cn-south-1.myhuaweicloud.com/v5/db8d07265e24426598b3eb03a7818972/api/pipelines/batch-runs/result',
    );
    expect(request!.headers.get('X-Auth-Token')).toBe('token-from-callback');
    expect(await request!.json()).toEqual({ query: [{ pipeline_id: 'a', pipeline_run_id: 'b' }] });
  });

  test('a client without credentials is refused at creation', () => {
    expect(() => createPipelineClient({ region: 'cn-north-4' })).toThrow(/credentials are required/);
  });
});
