// The one error type of the client. It carries what a caller acts on and nothing secret: no headers,
// no request object, no credentials — only status, Huawei's code and message, the request id and the
// operation.

export type FailureKind = 'http' | 'network' | 'timeout' | 'aborted';

export class CodeArtsApiError extends Error {
  override readonly name = 'CodeArtsApiError';

  constructor(
    /** `http`: the service answered non-2xx; otherwise no answer arrived (status 0). */
    readonly kind: FailureKind,
    /** HTTP status, 0 when no response arrived. */
    readonly status: number,
    /** operationId (e.g. `ShowBatchRunResult`) or `METHOD /path` for a path the document lacks. */
    readonly operation: string,
    /** Huawei error code such as `DEVCP.00021400`, when the body had one. */
    readonly errorCode?: string,
    /** Huawei error message, or the start of a non-JSON body. */
    readonly errorMsg?: string,
    /** `X-Request-Id` of the response, to quote to Huawei support. */
    readonly requestId?: string,
    /** `cause`: the underlying failure; `host`: where the request went (named when no answer came). */
    options?: { cause?: unknown; host?: string },
  ) {
    super(describe(kind, status, operation, errorCode, errorMsg, requestId, options?.host), options);
  }

  /** Decodes `{error_code, error_msg}`, `{code, message}`, any other body, or none. */
  static async fromResponse(response: Response, operation: string): Promise<CodeArtsApiError> {
    const text = await response.text().catch(() => '');
    let errorCode: string | undefined;
    let errorMsg: string | undefined;
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      errorCode = stringOrUndefined(body.error_code) ?? stringOrUndefined(body.code);
      errorMsg = stringOrUndefined(body.error_msg) ?? stringOrUndefined(body.message);
    } catch {
      // not JSON (a gateway's HTML page, plain text) or empty
    }
    if (errorMsg === undefined && text.trim()) errorMsg = summarise(text);
    return new CodeArtsApiError('http', response.status, operation, errorCode, errorMsg, response.headers.get('X-Request-Id') ?? undefined);
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The readable part of an HTML page or text body, squeezed to one line. */
function summarise(text: string): string {
  const withoutTags = text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ');
  const line = withoutTags.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function describe(kind: FailureKind, status: number, operation: string, code?: string, message?: string, requestId?: string, host?: string): string {
  const what =
    kind === 'http'
      ? `HTTP ${status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ' (empty body)'}`
      : kind === 'timeout'
        ? 'timed out'
        : kind === 'aborted'
          ? 'was cancelled'
          : 'could not reach the service';
  const where = kind !== 'http' && host ? ` (${host})` : '';
  return `${operation} ${kind === 'http' ? 'failed with ' : ''}${what}${where}${requestId ? ` [request id ${requestId}]` : ''}`;
}
