// What the API gateway checks before a request reaches the service: an IAM token it knows, or an AK/SK
// signature recomputed from the request as received (SDK-HMAC-SHA256), within 15 minutes of its clock.
import type { IncomingMessage } from 'node:http';
import { SIGNING_ALGORITHM, parseSdkDate, signRequest } from '@codearts-pipeline/signer';
import { ErrorCodes, HttpError } from './errors.js';

export interface SimulatedCredential {
  accessKey: string;
  secretKey: string;
  /** Set for temporary credentials: requests must carry it in X-Security-Token, signed. */
  securityToken?: string;
}

export interface AuthOptions {
  /** Accepted IAM tokens; when omitted any non-empty X-Auth-Token is accepted. */
  tokens?: string[];
  /** Known AK/SK pairs. */
  credentials?: SimulatedCredential[];
  /** The gateway's clock (tests move it). */
  now?: () => Date;
  /** Largest accepted |X-Sdk-Date − now|. Default 15 minutes. */
  maxClockSkewMs?: number;
}

const refuse = (why: string) => new HttpError(401, ErrorCodes.authenticationFailed, `Incorrect IAM authentication information: ${why}`);

const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export async function authenticate(request: IncomingMessage, body: Buffer, options: AuthOptions): Promise<void> {
  const authorization = header(request, 'authorization');
  if (authorization?.startsWith(SIGNING_ALGORITHM)) return verifySignature(request, body, authorization, options);
  const token = header(request, 'x-auth-token');
  if (!token) throw refuse('no X-Auth-Token header and no SDK-HMAC-SHA256 signature');
  if (options.tokens && !options.tokens.includes(token)) throw refuse('the token is not valid');
}

async function verifySignature(request: IncomingMessage, body: Buffer, authorization: string, options: AuthOptions): Promise<void> {
  const parsed = AUTHORIZATION.exec(authorization);
  if (!parsed) throw refuse('malformed SDK-HMAC-SHA256 Authorization header');
  const [, accessKey, signedHeaderList, signature] = parsed as unknown as [string, string, string, string];
  const credential = options.credentials?.find((c) => c.accessKey === accessKey);
  if (!credential) throw refuse('unknown access key');

  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('x-sdk-date')) throw refuse('x-sdk-date is not signed');
  const dateValue = header(request, 'x-sdk-date');
  const date = dateValue ? parseSdkDate(dateValue) : undefined;
  if (!date) throw refuse('missing or malformed X-Sdk-Date (expected YYYYMMDDTHHMMSSZ)');
  const now = (options.now ?? (() => new Date()))();
  if (Math.abs(now.getTime() - date.getTime()) > (options.maxClockSkewMs ?? 15 * 60_000)) {
    throw refuse('X-Sdk-Date is more than 15 minutes away from the server time');
  }
  if (credential.securityToken !== undefined) {
    if (header(request, 'x-security-token') !== credential.securityToken || !signedHeaders.includes('x-security-token')) {
      throw refuse('temporary credentials need their signed X-Security-Token');
    }
  }

  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = header(request, name);
    if (value === undefined) throw refuse(`signed header ${name} is missing from the request`);
    headers[name] = value;
  }
  const expected = await signRequest(
    { method: request.method ?? 'GET', url: `http://${header(request, 'host')}${request.url}`, headers, body },
    credential,
    { signHeader: (name) => signedHeaders.includes(name), signHost: false },
  );
  if (!expected.authorization.endsWith(`Signature=${signature}`)) throw refuse('the signature does not match the request');
}
