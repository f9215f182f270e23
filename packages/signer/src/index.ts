// Huawei Cloud API-gateway request signing, "SDK-HMAC-SHA256" (shared/api-facts/conventions.md §b.2).
// Uses only Web Crypto (globalThis.crypto.subtle), so it runs unchanged in Node ≥ 20 and in browsers.

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
/** SHA-256 of an empty body. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface SigningCredentials {
  accessKey: string;
  secretKey: string;
}

export interface RequestToSign {
  method: string;
  /** Absolute URL; its path and query are canonicalised, its host[:port] is the signed `host`. */
  url: string;
  /** Headers present at signing time (X-Sdk-Date must be among them). */
  headers: Record<string, string>;
  /** The exact body bytes that will be sent (empty for none). */
  body?: Uint8Array | string;
}

export interface SigningPolicy {
  /** Which headers are signed. Default: all but names containing "_" (the gateway drops those). */
  signHeader?: (lowerCaseName: string) => boolean;
  /** Sign `host` (from the URL) even if no Host header is given. Default true. */
  signHost?: boolean;
}

/** The official Go SDK's choice, used by the published test vectors: no content-type, no "_". */
export const GO_SDK_POLICY: SigningPolicy = {
  signHeader: (name) => !name.startsWith('content-type') && !name.includes('_'),
  signHost: false,
};

const encoder = new TextEncoder();
const toBytes = (value: Uint8Array | string | undefined) =>
  value === undefined ? new Uint8Array() : typeof value === 'string' ? encoder.encode(value) : value;
const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  return hex(await globalThis.crypto.subtle.digest('SHA-256', toBytes(data) as Uint8Array<ArrayBuffer>));
}

async function hmacSha256Hex(key: string, data: string): Promise<string> {
  const cryptoKey = await globalThis.crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return hex(await globalThis.crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(data)));
}

/** RFC 3986 percent-encoding: unreserved characters stay, every other UTF-8 byte becomes %XX. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Each path segment decoded then re-encoded, joined by "/", always ending in "/". */
export function canonicalUri(pathname: string): string {
  const path = pathname
    .split('/')
    .map((segment) => encodeRfc3986(safeDecode(segment)))
    .join('/');
  return path.endsWith('/') ? path : `${path}/`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Sorted by key (byte order), then by value within a key; key and value RFC 3986-encoded. */
export function canonicalQuery(params: Iterable<[string, string]>): string {
  const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...params]
    .map(([key, value]) => [encodeRfc3986(key), encodeRfc3986(value)] as const)
    .sort(([ka, va], [kb, vb]) => byteOrder(ka, kb) || byteOrder(va, vb))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

export interface Signature {
  /** The value of the Authorization header. */
  authorization: string;
  signedHeaders: string[];
  canonicalRequest: string;
  stringToSign: string;
}

export async function signRequest(
  request: RequestToSign,
  credentials: SigningCredentials,
  policy: SigningPolicy = {},
): Promise<Signature> {
  const signHeader = policy.signHeader ?? ((name: string) => !name.includes('_'));
  const url = new URL(request.url);
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (signHeader(lower)) headers.set(lower, value.trim());
  }
  if ((policy.signHost ?? true) && !headers.has('host')) headers.set('host', url.host);
  const date = [...Object.entries(request.headers)].find(([name]) => name.toLowerCase() === 'x-sdk-date')?.[1];
  if (!date) throw new Error('the request has no X-Sdk-Date header to sign');
  headers.set('x-sdk-date', date.trim());

  const signedHeaders = [...headers.keys()].sort();
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${headers.get(name)}\n`).join('');
  const payloadHash = await sha256Hex(toBytes(request.body));
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.searchParams),
    canonicalHeaders,
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const stringToSign = `${SIGNING_ALGORITHM}\n${date.trim()}\n${await sha256Hex(canonicalRequest)}`;
  const signature = await hmacSha256Hex(credentials.secretKey, stringToSign);
  return {
    authorization: `${SIGNING_ALGORITHM} Access=${credentials.accessKey}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
    signedHeaders,
    canonicalRequest,
    stringToSign,
  };
}

/** `20060102T150405Z`: the X-Sdk-Date format. */
export function formatSdkDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Parses an X-Sdk-Date value; undefined when malformed. */
export function parseSdkDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}
