// Every example in the bundle validates against its schema, checked with Ajv (JSON Schema 2020-12)
// independently of redocly's own example rules.
import { bundleValidator, formatErrors } from './helpers/ajv';
import { followObject, Json, JsonObject, loadBundle, operations, toPointer } from './helpers/bundle';
import { collectExamples, undeclaredProperties } from './helpers/examples';

const doc = loadBundle();
const validator = bundleValidator(doc);
const cases = collectExamples(doc);

describe('the bundle’s examples', () => {
  test('are found for every request body, every 200 response and the path parameters', () => {
    const checked = cases.map((c) => toPointer(c.valueAt));
    for (const op of operations(doc)) {
      const name = `${op.method.toUpperCase()} ${op.path}`;
      if ('requestBody' in op.operation) {
        const body = cases.filter((c) => c.kind === 'request body' && c.schemaAt.join('/') ===
          followObject(doc, op.at, 'requestBody', 'content', 'application/json', 'schema').at.join('/'));
        expect({ operation: name, requestBodyExamples: body.length > 0 }).toEqual({ operation: name, requestBodyExamples: true });
      }
      const okSchema = followObject(doc, op.at, 'responses', '200', 'content', 'application/json', 'schema').at.join('/');
      const ok = cases.filter((c) => c.kind === 'response' && c.schemaAt.join('/') === okSchema);
      expect({ operation: name, okResponseExamples: ok.length > 0 }).toEqual({ operation: name, okResponseExamples: true });
    }
    expect(cases.some((c) => c.kind === 'parameter')).toBe(true);
    expect(new Set(checked).size).toBe(checked.length);
  });

  test.each(cases.map((c) => [c.label, c] as const))('%s validates', (_label, c) => {
    const validate = validator.at(c.schemaAt);
    const valid = validate(c.value);
    expect(valid ? 'valid' : formatErrors(validate)).toBe('valid');
  });

  test.each(cases.map((c) => [c.label, c] as const))('%s declares every property it carries', (_label, c) => {
    expect(undeclaredProperties(doc, c.schemaAt, c.value)).toEqual([]);
  });
});

describe('negative controls: the checks above can fail', () => {
  const requestCase = cases.find((c) => c.kind === 'request body' && toPointer(c.valueAt) === '#/components/examples/ShowBatchRunResultRequest/value');
  const parameterCase = cases.find((c) => c.kind === 'parameter');

  function mutatedRequest(mutate: (query: Record<string, Json>[]) => void): Json {
    if (!requestCase) throw new Error('the ShowBatchRunResultRequest example was not collected');
    const copy = structuredClone(requestCase.value) as { query: Record<string, Json>[] };
    mutate(copy.query);
    return copy as unknown as Json;
  }

  test('an example value of the wrong type is rejected', () => {
    const validate = validator.at(requestCase!.schemaAt);
    expect(validate(requestCase!.value)).toBe(true);
    expect(validate(mutatedRequest((q) => (q[0]!.pipeline_id = 12345)))).toBe(false);
    expect(validate.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ instancePath: '/query/0/pipeline_id', keyword: 'type' })]),
    );
  });

  test('an example missing a required property is rejected', () => {
    const validate = validator.at(requestCase!.schemaAt);
    expect(validate(mutatedRequest((q) => delete q[1]!.pipeline_run_id))).toBe(false);
    expect(validate.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ instancePath: '/query/1', keyword: 'required', params: { missingProperty: 'pipeline_run_id' } }),
      ]),
    );
  });

  test('a parameter example of the wrong length is rejected', () => {
    if (!parameterCase) throw new Error('no parameter example was collected');
    const validate = validator.at(parameterCase.schemaAt);
    expect(validate(parameterCase.value)).toBe(true);
    expect(validate(String(parameterCase.value).slice(1))).toBe(false);
  });

  test('a misspelt (undeclared) property is reported, though plain schema validation accepts it', () => {
    const misspelt = mutatedRequest((q) => {
      q[2]!.pipline_id = q[2]!.pipeline_id ?? null;
    });
    expect(validator.at(requestCase!.schemaAt)(misspelt)).toBe(true);
    expect(undeclaredProperties(doc, requestCase!.schemaAt, misspelt)).toEqual(['/query/2/pipline_id']);
  });

  test('`#/components/...` refs are followed: a required property two refs deep is enforced', () => {
    const schemas = (doc.components as JsonObject).schemas as JsonObject;
    expect(Object.keys(schemas).length).toBeGreaterThan(0);
    // PipelineRunRef is reached from the request schema only through `#/components/schemas/...` refs.
    const validate = validator.at(['components', 'schemas', 'ShowBatchRunResultRequest']);
    expect(validate({ query: [{ pipeline_id: 'a' }] })).toBe(false);
  });
});
