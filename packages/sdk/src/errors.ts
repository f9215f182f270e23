import type { Middleware, ResponseContext } from './generated/runtime.js';

/**
 * A non-2xx answer of the service, with Huawei's error body decoded. Bodies that are not
 * `{error_code, error_msg}` (`{code, message}`, an HTML gateway page, nothing) still give a usable error.
 */
export class CodeArtsApiError extends Error {
  override readonly name = 'CodeArtsApiError';

  constructor(
    /** HTTP status code. */
    readonly status: number,
    /** Huawei error code, e.g. `DEVCP.00021400`; undefined when the body carried none. */
    readonly errorCode: string | undefined,
    /** Huawei error message, or the body text when it was not JSON. */
    readonly errorMsg: string | undefined,
    /** The `X-Request-Id` response header, to quote to Huawei support. */
    readonly requestId: string | undefined,
    /** `METHOD /path` of the failed request (no query string, no credentials). */
    readonly operation: string,
  ) {
    super(`${operation} failed with HTTP ${status}${errorCode ? ` ${errorCode}` : ''}${errorMsg ? `: ${errorMsg}` : ''}`);
  }

  static async fromResponse(context: ResponseContext): Promise<CodeArtsApiError> {
    const { response } = context;
    const text = await response.clone().text();
    let code: string | undefined;
    let message: string | undefined = text.trim() ? text.trim().slice(0, 500) : undefined;
    try {
      const body = JSON.parse(text);
      code = body.error_code ?? body.code;
      message = body.error_msg ?? body.message ?? message;
    } catch {
      // not JSON: keep the text
    }
    const path = new URL(context.url).pathname;
    return new CodeArtsApiError(
      response.status,
      code,
      message,
      response.headers.get('X-Request-Id') ?? undefined,
      `${(context.init.method ?? 'GET').toUpperCase()} ${path}`,
    );
  }
}

/** Middleware that turns every non-2xx response into a CodeArtsApiError. */
export function huaweiErrors(): Middleware {
  return {
    async post(context) {
      if (!context.response.ok) throw await CodeArtsApiError.fromResponse(context);
      return context.response;
    },
  };
}
