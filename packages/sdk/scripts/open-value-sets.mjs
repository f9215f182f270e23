// Open value sets (spec/README.md): `anyOf: [{type: string, enum: [...]}, {type: string}]`.
// openapi-generator 7.25.0's typescript-fetch turns such a schema into an empty `interface X {}`, so a
// `status` field would be typed `{}` (the OpenAPI Normalizer rule SIMPLIFY_ANYOF_STRING_AND_ENUM_STRING
// does not apply to it either; see test/open-value-sets.test.ts, which shows the problem with the
// generator itself). Upstream: OpenAPITools/openapi-generator, OpenAPI 3.1 anyOf support in
// typescript-fetch ("OpenAPI 3.1 support is still in beta", printed by the generator).
// Work-around, in this one place: map each such schema to `string` with --type-mappings.
const isString = (schema) => schema?.type === 'string' || (Array.isArray(schema?.type) && schema.type.includes('string'));

export function isOpenValueSet(schema) {
  const branches = schema?.anyOf;
  return (
    Array.isArray(branches) &&
    branches.length === 2 &&
    branches.some((branch) => isString(branch) && Array.isArray(branch.enum)) &&
    branches.some((branch) => isString(branch) && !branch.enum)
  );
}

/** Names of the component schemas that are open value sets. */
export function openValueSetSchemas(document) {
  return Object.entries(document.components?.schemas ?? {})
    .filter(([, schema]) => isOpenValueSet(schema))
    .map(([name]) => name);
}
