#!/usr/bin/env node
// Conformance of the bundle with the fact table of the official API (shared/api-facts/
// pipeline-management.json): for every operation in scope (SDK operations whose scope starts with
// "core", plus the detailed docs-only operations), compares method and path, parameters (name,
// location, required) and every request and response field (json name, type, required), recursively.
// Prints a coverage table and each mismatch; mismatches listed with a reason in
// spec/conformance-exceptions.yaml are explained, the rest fail (exit 1).
// usage: conformance.mjs [--bundle FILE] [--facts FILE] [--exceptions FILE] [--json]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '../..');
const { values } = parseArgs({
  options: {
    bundle: { type: 'string', default: join(packageDir, 'dist', 'openapi.json') },
    facts: { type: 'string', default: join(repoRoot, '..', 'shared', 'api-facts', 'pipeline-management.json') },
    exceptions: { type: 'string', default: join(repoRoot, 'spec', 'conformance-exceptions.yaml') },
    json: { type: 'boolean', default: false },
  },
});
for (const file of [values.bundle, values.facts, values.exceptions]) {
  if (!existsSync(file)) {
    process.stderr.write(`conformance: ${file} does not exist${file === values.facts ? ' (the fact table lives in ../shared/api-facts beside the repository)' : ''}\n`);
    process.exit(2);
  }
}
const bundle = JSON.parse(readFileSync(values.bundle, 'utf8'));
const facts = JSON.parse(readFileSync(values.facts, 'utf8'));
const exceptions = parseYaml(readFileSync(values.exceptions, 'utf8')) ?? [];

/** The mismatch places an exception covers: `where` is one place or a list of them. */
const placesOf = (exception) => (Array.isArray(exception.where) ? exception.where : [exception.where]);

const deref = (node) => {
  let current = node;
  while (current?.$ref) current = current.$ref.slice(2).split('/').reduce((value, key) => value?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], bundle);
  return current;
};

/** The fact table's spelling of a (dereferenced) schema's type; models are "model". */
function typeOf(schema) {
  const s = deref(schema) ?? {};
  if (s.anyOf || s.oneOf) {
    const kinds = new Set((s.anyOf ?? s.oneOf).map((branch) => typeOf(branch)));
    return kinds.size === 1 ? [...kinds][0] : 'union';
  }
  const type = Array.isArray(s.type) ? s.type.filter((t) => t !== 'null')[0] : s.type;
  if (type === 'integer') return s.format === 'int32' || s.format === 'int64' ? s.format : 'integer';
  if (type === 'number') return s.format === 'float' || s.format === 'double' ? s.format : 'number';
  if (type === 'array') return `array<${typeOf(s.items)}>`;
  if (type === 'object' || s.properties) {
    if (s.properties) return 'model';
    if (s.additionalProperties && typeof s.additionalProperties === 'object') return `map<string,${typeOf(s.additionalProperties)}>`;
    return 'object';
  }
  return type ?? 'any';
}

/** The fact table's type, with model names and "array<object>" with fields normalised to "model". */
function factType(field) {
  const normalise = (t) => {
    const inner = /^array<(.+)>$/.exec(t);
    if (inner) return `array<${normalise(inner[1])}>`;
    const map = /^map<string,\s*(.+)>$/.exec(t);
    if (map) return `map<string,${normalise(map[1])}>`;
    if (/^[A-Z]/.test(t)) return 'model';
    if (t === 'object' && field.fields?.length) return 'model';
    if (t === 'string(nullable)') return 'string';
    return t;
  };
  return normalise(field.type.replace(/\s+/g, ''));
}

function propertiesOf(schema) {
  let s = deref(schema) ?? {};
  while (s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array'))) s = deref(s.items) ?? {};
  if (s.additionalProperties && !s.properties) s = deref(s.additionalProperties) ?? {};
  return { properties: s.properties ?? {}, required: new Set(s.required ?? []) };
}

function compareFields(factFields, schema, where, problems, counts) {
  const { properties, required } = propertiesOf(schema);
  const seen = new Set();
  for (const field of factFields ?? []) {
    counts.total += 1;
    seen.add(field.name);
    const at = `${where}.${field.name}`;
    const property = properties[field.name];
    if (!property) {
      problems.push({ where: at, problem: 'missing from the spec' });
      continue;
    }
    const expected = factType(field);
    const actual = typeOf(property);
    let ok = true;
    if (expected !== actual) {
      problems.push({ where: at, problem: `type ${actual} in the spec, ${expected} in the facts` });
      ok = false;
    }
    const factRequired = field.required === true;
    if (factRequired !== required.has(field.name)) {
      problems.push({ where: at, problem: `${required.has(field.name) ? 'required' : 'optional'} in the spec, ${factRequired ? 'required' : 'optional'} in the facts` });
      ok = false;
    }
    if (field.fields?.length) compareFields(field.fields, property, at, problems, counts);
    if (ok) counts.matched += 1;
  }
  for (const name of Object.keys(properties)) {
    if (!seen.has(name)) problems.push({ where: `${where}.${name}`, problem: 'in the spec, not in the facts' });
  }
}

/**
 * The facts list the IAM token header (X-Auth-Token) as a parameter of some operations; the spec states it
 * once, as an apiKey security scheme in that header. An operation whose security accepts such a scheme
 * carries the header, so it is matched without a parameter (and without an exception per operation).
 */
function carriedBySecurityScheme(headerName, operation) {
  const requirements = operation.security ?? bundle.security ?? [];
  return requirements.some((requirement) =>
    Object.keys(requirement).some((name) => {
      const scheme = deref(bundle.components?.securitySchemes?.[name]);
      return scheme?.type === 'apiKey' && scheme.in === 'header' && scheme.name.toLowerCase() === headerName.toLowerCase();
    }),
  );
}

function compareParameters(fact, operation, pathItem, problems, counts) {
  const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(deref);
  const locations = { path_params: 'path', query_params: 'query', header_params: 'header' };
  for (const [key, location] of Object.entries(locations)) {
    const declared = parameters.filter((p) => p.in === location);
    for (const param of fact[key] ?? []) {
      counts.total += 1;
      if (location === 'header' && carriedBySecurityScheme(param.name, operation)) {
        counts.matched += 1;
        continue;
      }
      const found = declared.find((p) => p.name === param.name);
      const at = `${location} ${param.name}`;
      if (!found) problems.push({ where: at, problem: 'missing from the spec' });
      else if ((param.required === true) !== (found.required === true)) {
        problems.push({ where: at, problem: `${found.required ? 'required' : 'optional'} in the spec, ${param.required === true ? 'required' : 'optional'} in the facts` });
      } else counts.matched += 1;
    }
    for (const p of declared) {
      if (!(fact[key] ?? []).some((param) => param.name === p.name)) problems.push({ where: `${location} ${p.name}`, problem: 'in the spec, not in the facts' });
    }
  }
}

const inScope = [
  ...facts.operations_sdk.filter((op) => String(op.scope).startsWith('core')).map((op) => ({ ...op, id: op.sdk_name })),
  ...facts.operations_docs_only.map((op) => ({ ...op, id: op.doc_name })),
];

const rows = [];
for (const fact of inScope) {
  const pathItem = bundle.paths[fact.path] ? deref(bundle.paths[fact.path]) : undefined;
  const operation = pathItem?.[fact.method.toLowerCase()];
  const counts = { total: 0, matched: 0 };
  const problems = [];
  if (operation) {
    if (operation.operationId !== fact.id) problems.push({ where: 'operationId', problem: `${operation.operationId} in the spec, ${fact.id} in the facts` });
    compareParameters(fact, operation, pathItem, problems, counts);
    const requestSchema = deref(operation.requestBody)?.content?.['application/json']?.schema;
    if (fact.request_body?.fields) compareFields(fact.request_body.fields, requestSchema, 'request', problems, counts);
    else if (fact.request_body?.model && /^array</.test(fact.request_body.model)) {
      // a bare JSON array as the body (e.g. a list of pipeline ids): its type is all there is to compare
      counts.total += 1;
      const expected = factType({ type: fact.request_body.model });
      const actual = requestSchema ? typeOf(requestSchema) : 'no body';
      if (expected === actual) counts.matched += 1;
      else problems.push({ where: 'request', problem: `${actual} in the spec, ${expected} in the facts` });
    } else if (requestSchema) problems.push({ where: 'request', problem: 'a body in the spec, none in the facts' });
    const responseSchema = deref(operation.responses?.['200'])?.content?.['application/json']?.schema;
    if (fact.response_200?.fields) compareFields(fact.response_200.fields, responseSchema, 'response', problems, counts);
  }
  const explained = problems.map((p) => ({
    ...p,
    reason: exceptions.find((e) => e.operation === fact.id && placesOf(e).includes(p.where))?.reason,
  }));
  rows.push({ operation: fact.id, method: fact.method, path: fact.path, present: Boolean(operation), ...counts, problems: explained });
}

const unexplained = rows.flatMap((row) => row.problems.filter((p) => !p.reason).map((p) => ({ operation: row.operation, ...p })));
// an exception lists one place or several (`where: [a, b]`) with one reason; each place must be in use
const unusedExceptions = exceptions.flatMap((e) =>
  placesOf(e)
    .filter((where) => !rows.some((row) => row.operation === e.operation && row.problems.some((p) => p.where === where)))
    .map((where) => ({ ...e, where })),
);
const withoutReason = exceptions.filter((e) => !e.reason || !String(e.reason).trim());
const summary = {
  operationsInScope: rows.length,
  operationsPresent: rows.filter((row) => row.present).length,
  fields: rows.reduce((sum, row) => sum + row.total, 0),
  fieldsMatched: rows.reduce((sum, row) => sum + row.matched, 0),
  explained: rows.reduce((sum, row) => sum + row.problems.filter((p) => p.reason).length, 0),
  unexplained: unexplained.length,
  unusedExceptions: unusedExceptions.length,
  exceptionsWithoutReason: withoutReason.length,
};

if (values.json) {
  process.stdout.write(`${JSON.stringify({ summary, rows, unexplained, unusedExceptions }, null, 2)}\n`);
} else {
  const lines = [
    'Spec vs the official fact table. "fields matched": parameters and request/response fields (recursively) whose',
    'name, type and required flag agree; "mismatches (explained)": differences, and how many of them',
    'spec/conformance-exceptions.yaml explains. Operations not in the spec yet are listed last.',
    '',
    'operation                          present  fields matched  mismatches (explained)',
  ];
  for (const row of [...rows].sort((a, b) => Number(b.present) - Number(a.present))) {
    const explainedCount = row.problems.filter((p) => p.reason).length;
    lines.push(`${row.operation.padEnd(34)} ${row.present ? 'yes' : 'NO '}      ${`${row.matched}/${row.total}`.padEnd(14)}  ${row.problems.length} (${explainedCount})`);
    for (const p of row.problems) lines.push(`    ${p.reason ? 'explained  ' : 'MISMATCH   '}${p.where}: ${p.problem}${p.reason ? ` — ${p.reason}` : ''}`);
  }
  lines.push(
    '',
    `${summary.operationsPresent}/${summary.operationsInScope} operations present; ${summary.fieldsMatched}/${summary.fields} fields and parameters matched; ${summary.explained} explained, ${summary.unexplained} unexplained mismatches`,
  );
  for (const e of unusedExceptions) lines.push(`unused exception (no such mismatch any more): ${e.operation} ${e.where}`);
  for (const e of withoutReason) lines.push(`exception without a reason: ${e.operation} ${e.where}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
process.exit(unexplained.length || unusedExceptions.length || withoutReason.length ? 1 : 0);
