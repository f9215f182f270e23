// Every example of the bundle with the schema it illustrates: media-type examples of request bodies and
// responses, parameter and header examples, and `examples`/`example` written inside schemas.
import { follow, isObject, Json, JsonObject, operations, resolveObjectAt, Segments, toPointer } from './bundle';

export interface ExampleCase {
  /** Human-readable: where the example is and which schema it is checked against. */
  label: string;
  /** Location of the example's value. */
  valueAt: Segments;
  /** Location of the schema (after following `$ref`s to it). */
  schemaAt: Segments;
  value: Json;
  kind: 'request body' | 'response' | 'parameter' | 'header' | 'schema';
}

const SCHEMA_CHILDREN = ['items', 'not', 'additionalProperties', 'unevaluatedProperties', 'contains', 'if', 'then', 'else', 'propertyNames', 'unevaluatedItems'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];

export function collectExamples(doc: JsonObject): ExampleCase[] {
  const found = new Map<string, ExampleCase>();
  const add = (c: Omit<ExampleCase, 'label'>) => {
    const label = `${c.kind} example ${toPointer(c.valueAt)} against ${toPointer(c.schemaAt)}`;
    found.set(label, { ...c, label });
  };

  /** `example` / `examples` (Example Objects, possibly `$ref`s) of the object at `holderAt`. */
  const exampleValues = (holderAt: Segments): { value: Json; at: Segments }[] => {
    const holder = resolveObjectAt(doc, holderAt);
    const values: { value: Json; at: Segments }[] = [];
    if ('example' in holder.value) values.push({ value: holder.value.example as Json, at: [...holder.at, 'example'] });
    const examples = holder.value.examples;
    if (isObject(examples)) {
      for (const name of Object.keys(examples)) {
        const example = resolveObjectAt(doc, [...holder.at, 'examples', name]);
        if ('externalValue' in example.value) {
          throw new Error(`${toPointer(example.at)} uses externalValue, which this test cannot check`);
        }
        if ('value' in example.value) values.push({ value: example.value.value as Json, at: [...example.at, 'value'] });
      }
    }
    return values;
  };

  const mediaTypes = (holderAt: Segments, kind: ExampleCase['kind']) => {
    const holder = resolveObjectAt(doc, holderAt);
    const content = holder.value.content;
    if (!isObject(content)) return;
    for (const mediaType of Object.keys(content)) {
      const mediaTypeAt = resolveObjectAt(doc, [...holder.at, 'content', mediaType]).at;
      const media = resolveObjectAt(doc, mediaTypeAt).value;
      const values = exampleValues(mediaTypeAt);
      if (values.length === 0) continue;
      if (!('schema' in media)) throw new Error(`${toPointer(mediaTypeAt)} has examples but no schema`);
      const schemaAt = follow(doc, mediaTypeAt, 'schema').at;
      for (const v of values) add({ kind, valueAt: v.at, schemaAt, value: v.value });
    }
  };

  /** A parameter or header: `schema` + `example(s)`, or `content`. */
  const parameterLike = (at: Segments, kind: 'parameter' | 'header') => {
    const resolved = resolveObjectAt(doc, at);
    if ('content' in resolved.value) return mediaTypes(resolved.at, kind);
    const values = exampleValues(resolved.at);
    if (values.length === 0) return;
    const schemaAt = follow(doc, resolved.at, 'schema').at;
    for (const v of values) add({ kind, valueAt: v.at, schemaAt, value: v.value });
  };

  const parameterList = (ownerAt: Segments) => {
    const owner = resolveObjectAt(doc, ownerAt);
    const list = owner.value.parameters;
    if (Array.isArray(list)) list.forEach((_, i) => parameterLike([...owner.at, 'parameters', String(i)], 'parameter'));
  };

  const response = (at: Segments) => {
    const resolved = resolveObjectAt(doc, at);
    mediaTypes(resolved.at, 'response');
    const headers = resolved.value.headers;
    if (isObject(headers)) for (const name of Object.keys(headers)) parameterLike([...resolved.at, 'headers', name], 'header');
  };

  for (const path of Object.keys((doc.paths as JsonObject | undefined) ?? {})) parameterList(['paths', path]);
  for (const op of operations(doc)) {
    parameterList(op.at);
    if ('requestBody' in op.operation) mediaTypes([...op.at, 'requestBody'], 'request body');
    const responses = op.operation.responses;
    if (isObject(responses)) for (const status of Object.keys(responses)) response([...op.at, 'responses', status]);
  }

  // Components, so that an example is checked even where no operation uses it yet.
  const components = isObject(doc.components) ? doc.components : {};
  const each = (section: string, fn: (at: Segments) => void) => {
    const entries = components[section];
    if (isObject(entries)) for (const name of Object.keys(entries)) fn(['components', section, name]);
  };
  each('parameters', (at) => parameterLike(at, 'parameter'));
  each('headers', (at) => parameterLike(at, 'header'));
  each('requestBodies', (at) => mediaTypes(at, 'request body'));
  each('responses', response);

  // `examples` (JSON Schema) and `example` (OpenAPI, deprecated in 3.1) written inside schemas.
  const schema = (at: Segments) => {
    const node = resolveObjectAt(doc, at);
    if (node.at.join('/') !== at.join('/')) return; // a $ref: the target is visited on its own
    const value = node.value;
    if (Array.isArray(value.examples)) {
      value.examples.forEach((example, i) => add({ kind: 'schema', valueAt: [...at, 'examples', String(i)], schemaAt: at, value: example }));
    }
    if ('example' in value) add({ kind: 'schema', valueAt: [...at, 'example'], schemaAt: at, value: value.example as Json });
    for (const key of SCHEMA_CHILDREN) if (isObject(value[key])) schema([...at, key]);
    for (const key of SCHEMA_LISTS) {
      const list = value[key];
      if (Array.isArray(list)) list.forEach((_, i) => schema([...at, key, String(i)]));
    }
    for (const key of SCHEMA_MAPS) {
      const map = value[key];
      if (isObject(map)) for (const name of Object.keys(map)) if (isObject(map[name])) schema([...at, key, name]);
    }
  };
  each('schemas', schema);

  return [...found.values()];
}

/** The schema at `at` and, recursively, every allOf/anyOf/oneOf branch of it ($refs followed). */
function composedSchemas(doc: JsonObject, at: Segments, seen = new Set<string>()): { value: JsonObject; at: Segments }[] {
  const node = resolveObjectAt(doc, at);
  const key = toPointer(node.at);
  if (seen.has(key)) return [];
  seen.add(key);
  const all = [node];
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = node.value[keyword];
    if (Array.isArray(list)) list.forEach((_, i) => all.push(...composedSchemas(doc, [...node.at, keyword, String(i)], seen)));
  }
  return all;
}

/**
 * Instance paths of object members that the example carries but its schema does not declare (what
 * redocly's `allowAdditionalProperties: false` rejects). A schema that declares no properties, or allows
 * additional/pattern properties, is open and accepts anything.
 */
export function undeclaredProperties(doc: JsonObject, schemaAt: Segments, value: Json, path = ''): string[] {
  const schemas = composedSchemas(doc, schemaAt);
  const found: string[] = [];
  if (Array.isArray(value)) {
    const items = schemas.filter((s) => isObject(s.value.items));
    value.forEach((element, i) => {
      for (const s of items) found.push(...undeclaredProperties(doc, [...s.at, 'items'], element, `${path}/${i}`));
    });
  } else if (isObject(value)) {
    const declaring = schemas.filter((s) => isObject(s.value.properties));
    const open =
      declaring.length === 0 ||
      schemas.some((s) => 'patternProperties' in s.value || (('additionalProperties' in s.value) && s.value.additionalProperties !== false));
    for (const [name, member] of Object.entries(value)) {
      const owners = declaring.filter((s) => Object.prototype.hasOwnProperty.call(s.value.properties, name));
      if (owners.length === 0) {
        if (!open) found.push(`${path}/${name}`);
        continue;
      }
      for (const s of owners) found.push(...undeclaredProperties(doc, [...s.at, 'properties', name], member, `${path}/${name}`));
    }
  }
  return [...new Set(found)];
}
