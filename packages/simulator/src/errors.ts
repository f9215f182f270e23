// Huawei's error body and the codes the simulator answers with. The codes the document states — in the
// examples of its shared error responses (spec/components/responses) — are read from it; APIGW.0101 (the
// gateway's "no such API") is not part of the document, and SIMULATOR.* marks errors only the simulator makes.
import { type OpenApiDocument, dereference, loadBundledDocument } from './api-model.js';

function documentedCode(document: OpenApiDocument, response: string): string {
  const examples = dereference(document, document.components?.responses?.[response])?.content?.['application/json']?.examples ?? {};
  const code = Object.values<any>(examples).map((example) => dereference<{ value?: { error_code?: string } }>(document, example).value?.error_code)[0];
  if (!code) throw new Error(`the document's ${response} response has no example error_code`);
  return code;
}

const bundled = loadBundledDocument();
export const ErrorCodes = {
  invalidRequest: documentedCode(bundled, 'BadRequest'),
  apiNotFound: 'APIGW.0101',
  authenticationFailed: documentedCode(bundled, 'Unauthorized'),
  internal: 'SIMULATOR.0500',
} as const;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }

  get body(): { error_code: string; error_msg: string } {
    return { error_code: this.errorCode, error_msg: this.message };
  }
}

export const badRequest = (message: string) =>
  new HttpError(400, ErrorCodes.invalidRequest, `Invalid request parameters: ${message}`);
