// The simulator's view of the bundled OpenAPI document: which operations exist, where, with which
// schemas and named examples. Everything the simulator knows about the API is read from here.
import { readFileSync } from 'node:fs';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';
export type OpenApiDocument = { [key: string]: any };

export interface ApiOperation {
  operationId: string;
  method: HttpMethod;
  /** The path template as written in the document, e.g. /v5/{project_id}/api/pipelines/batch-runs */
  pathTemplate: string;
  /** JSON pointer of the operation, used to name its schemas for the validator. */
  pointer: string;
  pathParameterNames: string[];
  requiresAuthentication: boolean;
  hasRequestBody: boolean;
}

const HTTP_METHODS: HttpMethod[] = ['get', 'put', 'post', 'delete', 'patch'];

export function loadBundledDocument(): OpenApiDocument {
  const file = require.resolve('@codearts-pipeline/openapi/openapi.json');
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

/** Escapes a key for use in a JSON pointer (RFC 6901). */
export function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Follows local `$ref`s (`#/components/...`) until a non-reference object is reached. */
export function dereference<T = any>(document: OpenApiDocument, node: any): T {
  let current = node;
  for (let hops = 0; current && typeof current === 'object' && typeof current.$ref === 'string'; hops += 1) {
    if (hops > 32) throw new Error(`Reference cycle at ${node.$ref}`);
    const ref: string = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`Only local references are supported, got ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((value: any, key) => (value == null ? undefined : value[key]), document);
    if (current === undefined) throw new Error(`Unresolved reference ${ref}`);
  }
  return current as T;
}

export function listOperations(document: OpenApiDocument): ApiOperation[] {
  const operations: ApiOperation[] = [];
  for (const [pathTemplate, rawPathItem] of Object.entries<any>(document.paths ?? {})) {
    const pathItem = dereference(document, rawPathItem);
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p: any) =>
        dereference(document, p),
      );
      const security = operation.security ?? document.security ?? [];
      operations.push({
        operationId: operation.operationId,
        method,
        pathTemplate,
        pointer: `#/paths/${pointerToken(pathTemplate)}/${method}`,
        pathParameterNames: parameters.filter((p: any) => p.in === 'path').map((p: any) => p.name),
        requiresAuthentication: security.length > 0 && !security.some((s: object) => Object.keys(s).length === 0),
        hasRequestBody: Boolean(operation.requestBody),
      });
    }
  }
  return operations;
}

/** The operation object (dereferenced path item member) behind an ApiOperation. */
export function operationObject(document: OpenApiDocument, operation: ApiOperation): any {
  return dereference(document, document.paths[operation.pathTemplate])[operation.method];
}

/**
 * The value of a named example of an operation: its request body example (`status` omitted) or the
 * example of one of its responses. With no `name`, the operation must have exactly one such example.
 */
export function exampleValue<T = unknown>(
  document: OpenApiDocument,
  operationId: string,
  where: { status?: string; name?: string } = {},
): T {
  const operation = listOperations(document).find((o) => o.operationId === operationId);
  if (!operation) throw new Error(`No operation ${operationId} in the document`);
  const object = operationObject(document, operation);
  const holder = where.status
    ? dereference(document, object.responses?.[where.status])
    : dereference(document, object.requestBody);
  const examples = holder?.content?.['application/json']?.examples ?? {};
  const names = Object.keys(examples);
  const name = where.name ?? (names.length === 1 ? names[0] : undefined);
  const what = where.status ? `response ${where.status}` : 'request body';
  if (!name || !examples[name]) {
    throw new Error(`${operationId} ${what}: no example ${where.name ?? ''} (has: ${names.join(', ') || 'none'})`);
  }
  return dereference<{ value: T }>(document, examples[name]).value;
}
