// Request validation compiled from the bundled document's own schemas (no schema is re-typed here).
// The whole document is registered with Ajv under one id, so every `#/components/...` reference inside
// the schemas resolves exactly as in the document.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { type ApiOperation, type OpenApiDocument, dereference, operationObject, pointerToken } from './api-model.js';

const DOCUMENT_ID = 'urn:codearts-pipeline:openapi';

export interface QueryParameterValidator {
  required: boolean;
  /** Turns the query string's text into the declared type ("5" → 5 for an integer), else leaves it. */
  convert: (text: string) => unknown;
  validate: ValidateFunction;
}

export interface OperationValidators {
  pathParameters: Map<string, ValidateFunction>;
  queryParameters: Map<string, QueryParameterValidator>;
  requestBody?: ValidateFunction;
  requestBodyRequired: boolean;
  responses: Map<string, ValidateFunction>;
}

export class DocumentValidator {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, OperationValidators>();

  constructor(private readonly document: OpenApiDocument) {
    // OpenAPI adds keywords JSON Schema does not know (example, discriminator, xml, externalDocs).
    this.ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  }

  private compile(pointer: string): ValidateFunction {
    return this.ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
  }

  validatorsFor(operation: ApiOperation): OperationValidators {
    const cached = this.cache.get(operation.operationId);
    if (cached) return cached;
    const object = operationObject(this.document, operation);
    const pathItem = dereference(this.document, this.document.paths[operation.pathTemplate]);
    const pathItemPointer = `#/paths/${pointerToken(operation.pathTemplate)}`;

    const pathParameters = new Map<string, ValidateFunction>();
    const queryParameters = new Map<string, QueryParameterValidator>();
    const parameterLists: Array<[string, any[]]> = [
      [`${pathItemPointer}/parameters`, pathItem.parameters ?? []],
      [`${operation.pointer}/parameters`, object.parameters ?? []],
    ];
    for (const [listPointer, list] of parameterLists) {
      list.forEach((raw, index) => {
        const parameter = dereference(this.document, raw);
        const base = raw.$ref ? raw.$ref : `${listPointer}/${index}`;
        if (parameter.in === 'path') pathParameters.set(parameter.name, this.compile(`${base}/schema`));
        if (parameter.in === 'query') {
          queryParameters.set(parameter.name, {
            required: parameter.required === true,
            convert: converterFor(dereference(this.document, parameter.schema ?? {})),
            validate: this.compile(`${base}/schema`),
          });
        }
      });
    }

    const requestBody = object.requestBody ? dereference(this.document, object.requestBody) : undefined;
    const requestBodyPointer = object.requestBody?.$ref ?? `${operation.pointer}/requestBody`;
    const responses = new Map<string, ValidateFunction>();
    for (const [status, raw] of Object.entries<any>(object.responses ?? {})) {
      const response = dereference(this.document, raw);
      if (!response.content?.['application/json']?.schema) continue;
      const base = raw.$ref ?? `${operation.pointer}/responses/${pointerToken(status)}`;
      responses.set(status, this.compile(`${base}/content/application~1json/schema`));
    }

    const validators: OperationValidators = {
      pathParameters,
      queryParameters,
      requestBody: requestBody?.content?.['application/json']?.schema
        ? this.compile(`${requestBodyPointer}/content/application~1json/schema`)
        : undefined,
      requestBodyRequired: Boolean(requestBody?.required),
      responses,
    };
    this.cache.set(operation.operationId, validators);
    return validators;
  }
}

/** Query values arrive as text; numbers and booleans are converted so the schema can check them. */
function converterFor(schema: { type?: string | string[] }): (text: string) => unknown {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('integer') || types.includes('number')) {
    return (text) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);
  }
  if (types.includes('boolean')) return (text) => (text === 'true' ? true : text === 'false' ? false : text);
  return (text) => text;
}

/** "/query/0 must have required property 'pipeline_run_id'"-style text, one problem per clause. */
export function describeErrors(errors: ErrorObject[] | null | undefined, root: string): string {
  return (errors ?? [])
    .map((error) => {
      const where = `${root}${error.instancePath}` || '(body)';
      const extra =
        error.keyword === 'enum' ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
      return `${where} ${error.message}${extra}`;
    })
    .filter((text, index, all) => all.indexOf(text) === index)
    .join('; ');
}

/** Picks the declared response for a status: exact code, then the `4XX`/`5XX` range, then `default`. */
export function responseValidatorFor(validators: OperationValidators, status: number): ValidateFunction | undefined {
  return (
    validators.responses.get(String(status)) ??
    validators.responses.get(`${String(status)[0]}XX`) ??
    validators.responses.get('default')
  );
}
