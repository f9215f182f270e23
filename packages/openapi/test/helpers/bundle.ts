// Reading the bundled document: JSON pointers, internal $ref resolution, and a walk over every $ref.
import { readFileSync } from 'node:fs';
import { bundleJsonPath } from './paths';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
/** A location in the document as unescaped JSON pointer segments. */
export type Segments = string[];

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function loadBundle(path = bundleJsonPath): JsonObject {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${path} is missing: run \`node scripts/bundle.mjs\` in packages/openapi first (${String(error)})`);
  }
  const doc = JSON.parse(text) as Json;
  if (!isObject(doc)) throw new Error(`${path} is not a JSON object`);
  return doc;
}

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `#/a/b` form of a location (JSON pointer, not URI-encoded). */
export function toPointer(segments: Segments): string {
  return '#' + segments.map((s) => '/' + escapeSegment(s)).join('');
}

/** URI-fragment form of a location, for `$ref`s handed to Ajv. */
export function toUriFragment(segments: Segments): string {
  return '#' + segments.map((s) => '/' + encodeURIComponent(escapeSegment(s))).join('');
}

export function parseInternalRef(ref: string): Segments {
  if (!ref.startsWith('#/')) throw new Error(`not an internal $ref: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function getAt(doc: Json, segments: Segments): Json | undefined {
  let node: Json | undefined = doc;
  for (const segment of segments) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node)) node = Object.prototype.hasOwnProperty.call(node, segment) ? node[segment] : undefined;
    else return undefined;
  }
  return node;
}

/** The node at `segments`, following internal `$ref`s (a Reference Object) until a non-reference. */
export function resolveAt(doc: JsonObject, segments: Segments): { value: Json; at: Segments } {
  let at = segments;
  const seen = new Set<string>();
  for (;;) {
    const value = getAt(doc, at);
    if (value === undefined) throw new Error(`${toPointer(at)} does not exist in the bundle`);
    if (!isObject(value) || typeof value.$ref !== 'string') return { value, at };
    const key = toPointer(at);
    if (seen.has(key)) throw new Error(`$ref cycle at ${key}`);
    seen.add(key);
    at = parseInternalRef(value.$ref);
  }
}

export function resolveObjectAt(doc: JsonObject, segments: Segments): { value: JsonObject; at: Segments } {
  const { value, at } = resolveAt(doc, segments);
  if (!isObject(value)) throw new Error(`${toPointer(at)} is not an object`);
  return { value, at };
}

/** Every `$ref` string in the document with the location of the object holding it. */
export function collectRefs(node: Json, at: Segments = []): { ref: string; at: Segments }[] {
  const found: { ref: string; at: Segments }[] = [];
  if (Array.isArray(node)) node.forEach((child, i) => found.push(...collectRefs(child, [...at, String(i)])));
  else if (isObject(node)) {
    for (const [key, child] of Object.entries(node)) {
      if (key === '$ref' && typeof child === 'string') found.push({ ref: child, at });
      else found.push(...collectRefs(child, [...at, key]));
    }
  }
  return found;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OperationRef {
  path: string;
  method: string;
  at: Segments;
  operation: JsonObject;
}

export function operations(doc: JsonObject): OperationRef[] {
  const result: OperationRef[] = [];
  const paths = doc.paths;
  if (!isObject(paths)) return result;
  for (const path of Object.keys(paths)) {
    const item = resolveObjectAt(doc, ['paths', path]);
    for (const method of HTTP_METHODS) {
      if (isObject(item.value[method])) {
        result.push({ path, method, at: [...item.at, method], operation: item.value[method] as JsonObject });
      }
    }
  }
  return result;
}

/** Resolves `start`, then each key in turn, following `$ref`s at every step. */
export function follow(doc: JsonObject, start: Segments, ...keys: string[]): { value: Json; at: Segments } {
  let current = resolveAt(doc, start);
  for (const key of keys) current = resolveAt(doc, [...current.at, key]);
  return current;
}

export function followObject(doc: JsonObject, start: Segments, ...keys: string[]): { value: JsonObject; at: Segments } {
  const found = follow(doc, start, ...keys);
  if (!isObject(found.value)) throw new Error(`${toPointer(found.at)} is not an object`);
  return { value: found.value, at: found.at };
}
