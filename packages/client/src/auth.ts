// Request authentication: an IAM token, or an AK/SK signature. An Authorizer adds headers to one attempt
// of a request; the transport calls it for every attempt, so a retried request gets a fresh X-Sdk-Date.
import { formatSdkDate, signRequest } from '@codearts-pipeline/signer';

export type Authorizer = (request: Request, body: Uint8Array | undefined) => Promise<void>;

/** A token, or a function that returns the current one (so callers can refresh it). */
export type TokenSource = string | (() => string | Promise<string>);

export function iamTokenAuth(token: TokenSource): Authorizer {
  return async (request) => {
    const value = typeof token === 'function' ? await token() : token;
    if (!value) throw new Error('the IAM token is empty');
    request.headers.set('X-Auth-Token', value);
  };
}

export interface AccessKeyCredentials {
  accessKey: string;
  secretKey: string;
  /** For temporary credentials (STS): sent as X-Security-Token and signed. */
  securityToken?: string;
  /** Sent as X-Project-Id and signed, as the official SDKs' BasicCredentials do. */
  projectId?: string;
}

/** Signs each attempt with SDK-HMAC-SHA256. `now` is for tests. */
export function accessKeyAuth(credentials: AccessKeyCredentials, now: () => Date = () => new Date()): Authorizer {
  if (!credentials.accessKey || !credentials.secretKey) throw new Error('AK/SK authentication needs both accessKey and secretKey');
  return async (request, body) => {
    request.headers.set('X-Sdk-Date', formatSdkDate(now()));
    if (credentials.projectId) request.headers.set('X-Project-Id', credentials.projectId);
    if (credentials.securityToken) request.headers.set('X-Security-Token', credentials.securityToken);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const { authorization } = await signRequest({ method: request.method, url: request.url, headers, body }, credentials);
    request.headers.set('Authorization', authorization);
  };
}
