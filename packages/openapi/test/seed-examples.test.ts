// The bundled document against the public API reference page of "Querying the Batch Pipeline Execution
// Result" (the seed): same URI, same examples verbatim, the documented fields and constraints.
import { bundleValidator } from './helpers/ajv';
import { followObject, isObject, Json, JsonObject, loadBundle, resolveObjectAt, Segments } from './helpers/bundle';
import { findSeed, jsonObjectAfter, seedOperation, tableRows } from './helpers/seed';

const PATH = '/v5/{project_id}/api/pipelines/batch-runs/result';
const METHOD = 'post';
const OPERATION_ID = 'ShowBatchRunResult';
const REQUEST_EXAMPLE = 'ShowBatchRunResultRequest';
const RESPONSE_EXAMPLE = 'ShowBatchRunResultResponse';

const seed = findSeed(`POST ${PATH}`);
const doc = loadBundle();
const validator = bundleValidator(doc);
const operationAt: Segments = ['paths', PATH, METHOD];
const JSON_MEDIA = 'application/json';

/** The value of named example `name` of the media type at `mediaTypeAt`, reached through its `$ref`. */
function namedExampleValue(mediaTypeAt: Segments, name: string): Json {
  const mediaType = resolveObjectAt(doc, mediaTypeAt);
  const examples = mediaType.value.examples;
  if (!isObject(examples)) throw new Error(`${mediaTypeAt.join(' ')} has no named examples`);
  const entry = examples[name];
  if (!isObject(entry)) throw new Error(`${mediaTypeAt.join(' ')} has no example named ${name}`);
  expect(entry.$ref).toBe(`#/components/examples/${name}`);
  const example = resolveObjectAt(doc, [...mediaType.at, 'examples', name]);
  expect(example.at).toEqual(['components', 'examples', name]);
  expect(example.value).toHaveProperty('value');
  return example.value.value as Json;
}

function requestSchema() {
  return followObject(doc, operationAt, 'requestBody', 'content', JSON_MEDIA, 'schema');
}
function responseSchema() {
  return followObject(doc, operationAt, 'responses', '200', 'content', JSON_MEDIA, 'schema');
}
/** The `items` schema of array property `name` of the object schema at `at`. */
function itemsOf(at: Segments, name: string) {
  const property = followObject(doc, at, 'properties', name);
  expect(property.value.type).toBe('array');
  return followObject(doc, property.at, 'items');
}
function propertyAt(at: Segments, name: string): Segments {
  return followObject(doc, at, 'properties', name).at;
}
function mandatory(rows: Record<string, string>[]): string[] {
  return rows.filter((r) => r.Mandatory === 'Yes').map((r) => r.Parameter!).sort();
}
function names(rows: Record<string, string>[]): string[] {
  return rows.map((r) => r.Parameter!).sort();
}

describe('seed page: Querying the Batch Pipeline Execution Result', () => {
  test('the seed page documents this operation (URI section)', () => {
    expect(seedOperation(seed.text)).toEqual({ method: METHOD, path: PATH });
  });

  test(`the bundle has ${METHOD.toUpperCase()} ${PATH} with operationId ${OPERATION_ID}`, () => {
    const paths = doc.paths as JsonObject;
    expect(Object.keys(paths)).toContain(PATH);
    const operation = resolveObjectAt(doc, operationAt).value;
    expect(operation.operationId).toBe(OPERATION_ID);
  });

  test('project_id is a required path parameter: a string of exactly 32 characters', () => {
    expect(seed.text).toMatch(/project_id\s+Yes\s+String[\s\S]*?The value contains 32 characters\./);
    const pathItem = resolveObjectAt(doc, ['paths', PATH]);
    const operation = resolveObjectAt(doc, operationAt);
    const parameters = [
      ...((pathItem.value.parameters as Json[] | undefined) ?? []).map((_, i) => [...pathItem.at, 'parameters', String(i)]),
      ...((operation.value.parameters as Json[] | undefined) ?? []).map((_, i) => [...operation.at, 'parameters', String(i)]),
    ].map((at) => resolveObjectAt(doc, at));
    const projectIds = parameters.filter((p) => p.value.name === 'project_id' && p.value.in === 'path');
    expect(projectIds).toHaveLength(1);
    const parameter = projectIds[0]!;
    expect(parameter.value.required).toBe(true);
    const schema = followObject(doc, parameter.at, 'schema');
    expect(schema.value).toMatchObject({ type: 'string', minLength: 32, maxLength: 32 });
    const validate = validator.at(schema.at);
    expect(validate('db8d07265e24426598b3eb03a7818972')).toBe(true);
    expect(validate('db8d07265e24426598b3eb03a781897')).toBe(false);
    expect(validate('db8d07265e24426598b3eb03a78189722')).toBe(false);
    expect(validate(32)).toBe(false);
  });

  test('the named request example is the seed’s example request, verbatim', () => {
    const fromSeed = jsonObjectAfter(seed.text, 'Example Requests');
    expect(fromSeed).toHaveProperty('query');
    const mediaTypeAt = followObject(doc, operationAt, 'requestBody', 'content', JSON_MEDIA).at;
    expect(namedExampleValue(mediaTypeAt, REQUEST_EXAMPLE)).toStrictEqual(fromSeed);
  });

  test('the named 200 response example is the seed’s example response, verbatim', () => {
    const fromSeed = jsonObjectAfter(seed.text, 'Example Responses');
    expect(fromSeed).toHaveProperty('result');
    const mediaTypeAt = followObject(doc, operationAt, 'responses', '200', 'content', JSON_MEDIA).at;
    expect(namedExampleValue(mediaTypeAt, RESPONSE_EXAMPLE)).toStrictEqual(fromSeed);
  });

  test('the request schema requires exactly the mandatory fields of Tables 2 and 3', () => {
    const columns = ['Parameter', 'Mandatory', 'Type', 'Description'];
    const table2 = tableRows(seed.text, 'Table 2 Request body parameters', columns);
    const table3 = tableRows(seed.text, 'Table 3 query', columns);
    expect(names(table2)).toEqual(['query']);
    expect(names(table3)).toEqual(['pipeline_id', 'pipeline_run_id']);

    const body = requestSchema();
    expect(body.value.type).toBe('object');
    expect([...((body.value.required as string[] | undefined) ?? [])].sort()).toEqual(mandatory(table2));
    expect(Object.keys(body.value.properties as JsonObject).sort()).toEqual(names(table2));

    const item = itemsOf(body.at, 'query');
    expect([...((item.value.required as string[] | undefined) ?? [])].sort()).toEqual(mandatory(table3));
    expect(Object.keys(item.value.properties as JsonObject).sort()).toEqual(names(table3));
    for (const row of table3) {
      expect(row.Type).toBe('String');
      const validate = validator.at(propertyAt(item.at, row.Parameter!));
      expect(validate('6ba9a2dbc7024c22a9a6614516dc22db')).toBe(true);
      expect(validate(7)).toBe(false);
    }
  });

  test('every response field of Table 5 exists in the response schema, with the documented type', () => {
    const table4 = tableRows(seed.text, 'Table 4 Response body parameters', ['Parameter', 'Type', 'Description']);
    const table5 = tableRows(seed.text, 'Table 5 result', ['Parameter', 'Type', 'Description']);
    expect(names(table4)).toEqual(['result']);
    expect(names(table5)).toEqual(['pipeline_id', 'pipeline_name', 'pipeline_run_id', 'reason', 'status']);

    const item = itemsOf(responseSchema().at, 'result');
    const properties = Object.keys(item.value.properties as JsonObject);
    for (const row of table5) {
      expect(properties).toContain(row.Parameter);
      expect(row.Type).toBe('String');
      const validate = validator.at(propertyAt(item.at, row.Parameter!));
      expect({ field: row.Parameter, acceptsString: validate('text') }).toEqual({ field: row.Parameter, acceptsString: true });
      expect({ field: row.Parameter, acceptsNumber: validate(1) }).toEqual({ field: row.Parameter, acceptsNumber: false });
    }
  });

  test('reason is nullable (null when the run started) and otherwise a string', () => {
    const item = itemsOf(responseSchema().at, 'result');
    const validate = validator.at(propertyAt(item.at, 'reason'));
    expect(validate(null)).toBe(true);
    expect(validate('Current pipeline is banned.')).toBe(true);
    expect(validate(false)).toBe(false);
    const fromSeed = jsonObjectAfter(seed.text, 'Example Responses') as { result: { reason: unknown }[] };
    expect(fromSeed.result.some((r) => r.reason === null)).toBe(true);
  });

  test('status is an open set: values other than START_SUCCESS/START_FAILED are accepted', () => {
    const item = itemsOf(responseSchema().at, 'result');
    const validateStatus = validator.at(propertyAt(item.at, 'status'));
    expect(validateStatus('START_SUCCESS')).toBe(true);
    expect(validateStatus('START_FAILED')).toBe(true);
    expect(validateStatus('START_QUEUED')).toBe(true);
    expect(validateStatus(42)).toBe(false);

    const validateResponse = validator.at(responseSchema().at);
    const response = jsonObjectAfter(seed.text, 'Example Responses') as { result: { status: string }[] };
    response.result[0]!.status = 'SOME_STATUS_ADDED_LATER';
    expect(validateResponse(response)).toBe(true);
  });
});
