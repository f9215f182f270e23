// The HTTP server: routes from the document's paths, validation from its schemas, behaviour from
// handlers.ts, data from state.ts. Binds to 127.0.0.1 unless told otherwise.
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiOperation, type OpenApiDocument, listOperations, loadBundledDocument } from './api-model.js';
import { type AuthOptions, type SimulatedCredential, authenticate } from './auth.js';
import { ErrorCodes, HttpError, badRequest } from './errors.js';
import { type Fault, FaultPlan } from './faults.js';
import { handlers as defaultHandlers } from './handlers/index.js';
import type { Handler } from './handlers/types.js';
import { SimulatorState, type TimingOptions, seedFromExamples } from './state.js';
import { DocumentValidator, describeErrors, responseValidatorFor } from './validation.js';

export interface SimulatorOptions {
  /** The OpenAPI document to serve; defaults to the bundle of @codearts-pipeline/openapi. */
  document?: OpenApiDocument;
  /** Initial data; defaults to the data seeded from the document's examples. */
  state?: SimulatorState;
  /** Accepted IAM tokens. When omitted, any non-empty X-Auth-Token is accepted. */
  tokens?: string[];
  /** Known AK/SK pairs for SDK-HMAC-SHA256 signed requests. */
  credentials?: SimulatedCredential[];
  /** The simulator's clock: signature dates and the progress of runs (tests move it). */
  now?: () => Date;
  /** How fast runs progress (used when no `state` is given). */
  timing?: TimingOptions;
  /** Called once per request with a one-line summary (never with credentials). */
  log?: (line: string) => void;
  /** Called with each routed request as received (headers and raw body included): for tests. */
  observe?: (request: ObservedRequest) => void;
}

export interface ObservedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface RunningSimulator {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface Route {
  operation: ApiOperation;
  pattern: RegExp;
}

function routeFor(operation: ApiOperation): Route {
  const source = operation.pathTemplate
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return { operation, pattern: new RegExp(`^${source}$`) };
}

export class Simulator {
  readonly document: OpenApiDocument;
  readonly state: SimulatorState;
  private readonly routes: Route[];
  private readonly validator: DocumentValidator;
  private readonly handlers: Record<string, Handler> = defaultHandlers;
  private server?: Server;
  /** Faults to apply to the next requests (latency, error statuses, dropped connections). */
  readonly faults = new FaultPlan();
  /** Requests received, in all and per operationId (`-` for unrouted ones). */
  readonly requestCounts = new Map<string, number>();
  requestCount = 0;

  constructor(private readonly options: SimulatorOptions = {}) {
    this.document = options.document ?? loadBundledDocument();
    this.state = options.state ?? seedFromExamples(this.document, new SimulatorState(options.timing));
    if (options.now) {
      const now = options.now;
      this.state.clock = () => now().getTime();
    }
    this.validator = new DocumentValidator(this.document);
    // Literal segments win over parameters: /pipelines/list before /pipelines/{pipeline_id}.
    this.routes = listOperations(this.document)
      .map(routeFor)
      .sort((a, b) => a.operation.pathParameterNames.length - b.operation.pathParameterNames.length);
  }

  /** Starts listening; port 0 picks a free port. */
  listen(port = 0, host = '127.0.0.1'): Promise<RunningSimulator> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error) => {
        this.send(response, new HttpError(500, ErrorCodes.internal, `Simulator failure: ${String(error)}`).body, 500);
      });
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        const address = server.address() as AddressInfo;
        const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve({
          url: `http://${shownHost}:${address.port}`,
          port: address.port,
          close: () => this.close(),
        });
      });
    });
  }

  close(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    this.server = undefined;
    return new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(request.url ?? '/', 'http://simulator.invalid');
    const method = (request.method ?? 'GET').toLowerCase();
    let status = 500;
    let operationId = '-';
    try {
      const match = this.match(method, url.pathname);
      if (!match) {
        this.count('-');
        throw new HttpError(404, ErrorCodes.apiNotFound, `No API ${request.method} ${url.pathname}`);
      }
      const { route, pathParameters } = match;
      operationId = route.operation.operationId;
      this.count(operationId);
      const fault = this.faults.take(operationId);
      // unref: a held request never keeps a stopped simulator's process alive
      if (fault?.kind === 'latency') await new Promise((resolve) => setTimeout(resolve, fault.ms).unref());
      if (fault?.kind === 'drop') {
        status = 0;
        request.socket.destroy();
        return;
      }
      if (fault?.kind === 'status') {
        status = fault.status;
        this.sendFault(response, fault);
        return;
      }
      const raw = await readBody(request);
      this.options.observe?.({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body: raw });
      if (route.operation.requiresAuthentication) await authenticate(request, raw, this.options as AuthOptions);
      const body = route.operation.hasRequestBody ? parseJsonBody(request, raw) : undefined;
      const query = this.validateRequest(route.operation, pathParameters, url.searchParams, body);
      const handler = this.handlers[operationId];
      if (!handler) {
        throw new HttpError(501, ErrorCodes.internal, `${operationId} is in the document but not simulated yet`);
      }
      const result = handler(this.state, { pathParameters, query, body });
      this.checkResponse(route.operation, result.status, result.body);
      status = result.status;
      this.send(response, result.body, status);
    } catch (error) {
      const failure =
        error instanceof HttpError ? error : new HttpError(500, ErrorCodes.internal, `Simulator failure: ${error}`);
      status = failure.status;
      this.send(response, failure.body, status);
    } finally {
      this.options.log?.(`${request.method} ${url.pathname} ${operationId} → ${status || 'dropped'} (${Date.now() - started} ms)`);
    }
  }

  private match(method: string, pathname: string) {
    for (const route of this.routes) {
      if (route.operation.method !== method) continue;
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      const pathParameters: Record<string, string> = {};
      route.operation.pathParameterNames.forEach((name, index) => {
        pathParameters[name] = decodeURIComponent(found[index + 1]!);
      });
      return { route, pathParameters };
    }
    return undefined;
  }

  /** Validates path, query and body; answers the query converted to the declared types. */
  private validateRequest(
    operation: ApiOperation,
    pathParameters: Record<string, string>,
    searchParams: URLSearchParams,
    body: unknown,
  ): Record<string, unknown> {
    const validators = this.validator.validatorsFor(operation);
    const problems: string[] = [];
    for (const [name, validate] of validators.pathParameters) {
      if (!validate(pathParameters[name])) problems.push(describeErrors(validate.errors, `path parameter ${name}`));
    }
    const query: Record<string, unknown> = {};
    for (const [name, parameter] of validators.queryParameters) {
      const text = searchParams.get(name);
      if (text === null) {
        if (parameter.required) problems.push(`query parameter ${name} is required`);
        continue;
      }
      const value = parameter.convert(text);
      if (!parameter.validate(value)) problems.push(describeErrors(parameter.validate.errors, `query parameter ${name}`));
      else query[name] = value;
    }
    if (body === undefined) {
      if (validators.requestBodyRequired) problems.push('a JSON request body is required');
    } else if (validators.requestBody && !validators.requestBody(body)) {
      problems.push(describeErrors(validators.requestBody.errors, 'body'));
    }
    if (problems.length > 0) throw badRequest(problems.join('; '));
    return query;
  }

  /** The simulator checks its own answers: a response outside the document is a simulator bug. */
  private checkResponse(operation: ApiOperation, status: number, body: unknown): void {
    const validate = responseValidatorFor(this.validator.validatorsFor(operation), status);
    if (!validate) {
      throw new HttpError(500, ErrorCodes.internal, `${operation.operationId} declares no response ${status}`);
    }
    if (!validate(body)) {
      throw new HttpError(
        500,
        ErrorCodes.internal,
        `${operation.operationId} response ${status} does not match the document: ${describeErrors(validate.errors, 'response')}`,
      );
    }
  }

  private count(operationId: string): void {
    this.requestCount += 1;
    this.requestCounts.set(operationId, (this.requestCounts.get(operationId) ?? 0) + 1);
  }

  private sendFault(response: ServerResponse, fault: Extract<Fault, { kind: 'status' }>): void {
    const headers: Record<string, string> = { 'X-Request-Id': randomUUID().replace(/-/g, '') };
    if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
    const bodies = {
      huawei: ['application/json', JSON.stringify({ error_code: 'SIMULATOR.FAULT', error_msg: `Injected HTTP ${fault.status}` })],
      'code-message': ['application/json', JSON.stringify({ code: 'APIGW.0308', message: `Injected HTTP ${fault.status}` })],
      html: ['text/html', `<html><head><title>${fault.status}</title></head><body><h1>${fault.status} Bad Gateway</h1><p>injected by the simulator</p></body></html>`],
      empty: ['', ''],
    } as const;
    const [type, text] = bodies[fault.body ?? 'huawei'];
    if (type) headers['Content-Type'] = type;
    response.writeHead(fault.status, { ...headers, 'Content-Length': String(Buffer.byteLength(text)) });
    response.end(text);
  }

  private send(response: ServerResponse, body: unknown, status: number): void {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      'Content-Type': 'application/json;charset=UTF-8',
      'Content-Length': Buffer.byteLength(text),
      'X-Request-Id': randomUUID().replace(/-/g, ''),
    });
    response.end(text);
  }
}

/** Reads the raw body (needed as bytes for signature checks). */
function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // An oversized body is drained, not cut off, so the client still receives the 413.
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        return reject(new HttpError(413, ErrorCodes.invalidRequest, `Request body larger than ${MAX_BODY_BYTES} bytes`));
      }
      resolve(Buffer.concat(chunks));
    });
  });
}

/** Parses a JSON body; an empty body is `undefined`. */
function parseJsonBody(request: IncomingMessage, raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw badRequest(`Content-Type must be application/json, got '${type || 'none'}'`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`body is not valid JSON (${(error as Error).message})`);
  }
}

/** Creates a simulator and starts it: `const sim = await startSimulator({port: 0}); …; await sim.close()`. */
export async function startSimulator(
  options: SimulatorOptions & { port?: number; host?: string } = {},
): Promise<RunningSimulator & { simulator: Simulator }> {
  const simulator = new Simulator(options);
  const running = await simulator.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return { ...running, simulator };
}
