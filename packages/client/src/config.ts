// Client options from environment variables. Names follow the official Huawei Cloud SDKs where they
// have one; the rest use the CODEARTS_PIPELINE_ prefix.
import type { PipelineClientOptions } from './client.js';

export const ENVIRONMENT_VARIABLES = {
  accessKey: 'HUAWEICLOUD_SDK_AK',
  secretKey: 'HUAWEICLOUD_SDK_SK',
  securityToken: 'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  projectId: 'HUAWEICLOUD_SDK_PROJECT_ID',
  /** + the region id, upper-cased, `-` → `_`: an endpoint override for that region (official SDKs). */
  regionEndpointPrefix: 'HUAWEICLOUD_SDK_REGION_CODEARTSPIPELINE_',
  region: 'CODEARTS_PIPELINE_REGION',
  endpoint: 'CODEARTS_PIPELINE_ENDPOINT',
  token: 'CODEARTS_PIPELINE_TOKEN',
} as const;

type Environment = Record<string, string | undefined>;

/**
 * Options for createPipelineClient from the environment: region or endpoint, and an IAM token or an
 * AK/SK pair (with optional security token and project id). Throws, naming the variables, when the
 * environment holds neither credential or both.
 */
export function clientOptionsFromEnv(env: Environment = (globalThis as { process?: { env: Environment } }).process?.env ?? {}): PipelineClientOptions {
  const v = ENVIRONMENT_VARIABLES;
  const read = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const region = read(v.region);
  const regionOverride = region ? read(`${v.regionEndpointPrefix}${region.toUpperCase().replace(/-/g, '_')}`) : undefined;
  const endpoint = read(v.endpoint) ?? regionOverride;
  const token = read(v.token);
  const accessKey = read(v.accessKey);
  const secretKey = read(v.secretKey);

  if (token && (accessKey || secretKey)) throw new Error(`set either ${v.token} or ${v.accessKey}/${v.secretKey}, not both`);
  if (!token && !(accessKey && secretKey)) {
    throw new Error(`no credentials in the environment: set ${v.token}, or ${v.accessKey} and ${v.secretKey}`);
  }
  if (!region && !endpoint) throw new Error(`no endpoint in the environment: set ${v.region} (e.g. cn-north-4) or ${v.endpoint}`);

  return {
    ...(endpoint ? { endpoint } : { region }),
    ...(token
      ? { token }
      : {
          accessKey: {
            accessKey: accessKey!,
            secretKey: secretKey!,
            securityToken: read(v.securityToken),
            projectId: read(v.projectId),
          },
        }),
  };
}
