import type { Middleware } from 'openapi-fetch';

/** A token, or a function that returns the current one (so callers can refresh it). */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * Sends an IAM token in `X-Auth-Token`. AK/SK request signing will be a middleware of the same shape,
 * selected by `createPipelineClient`'s `auth` option.
 */
export function iamTokenAuth(token: TokenSource): Middleware {
  return {
    async onRequest({ request }) {
      const value = typeof token === 'function' ? await token() : token;
      if (!value) throw new Error('the IAM token is empty');
      request.headers.set('X-Auth-Token', value);
      return request;
    },
  };
}
