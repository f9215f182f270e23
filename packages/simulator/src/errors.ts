// Huawei's error body and the codes the simulator answers with.
// DEVCP.00021400 is documented for invalid request parameters; APIGW.* are the API gateway's codes
// for unknown APIs and failed authentication. SIMULATOR.* marks errors only the simulator produces.
export const ErrorCodes = {
  invalidRequest: 'DEVCP.00021400',
  apiNotFound: 'APIGW.0101',
  authenticationFailed: 'APIGW.0301',
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
