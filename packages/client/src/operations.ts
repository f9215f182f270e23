// Which operation a request is, from the document's operation table (generated): for error messages
// and for the retry policy (operations marked `x-starts-work` are never retried unless asked).
import { OPERATIONS } from './generated/operations.js';

export interface OperationInfo {
  operationId: string;
  method: string;
  path: string;
  startsWork: boolean;
}

// Literal segments win over parameters (`/pipelines/list` before `/pipelines/{pipeline_id}`).
const matchers = OPERATIONS.map((operation) => ({
  operation: operation as OperationInfo,
  pattern: new RegExp(`^${operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  parameters: (operation.path.match(/\{/g) ?? []).length,
})).sort((a, b) => a.parameters - b.parameters);

/** The operation a method and URL path belong to, or undefined for a path the document lacks. */
export function findOperation(method: string, pathname: string, basePath = ''): OperationInfo | undefined {
  const path = basePath && pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
  const upper = method.toUpperCase();
  return matchers.find((m) => m.operation.method === upper && m.pattern.test(path))?.operation;
}

/** How errors name a request: its operationId, or `METHOD /path` for a path the document lacks. */
export function operationName(method: string, url: string, basePath = ''): string {
  const { pathname } = new URL(url);
  return findOperation(method, pathname, basePath)?.operationId ?? `${method.toUpperCase()} ${pathname}`;
}
