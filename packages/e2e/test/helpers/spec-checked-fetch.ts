// A fetch that checks every response against the bundled document, independently of the simulator's
// own check: the operation is found from the method and path, the response schema from the status, and
// the JSON body is validated with Ajv (JSON Schema 2020-12, the document registered whole so its
// `$ref`s resolve). Each response is recorded as checked or as a violation; tests assert on both.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { findOperation } from '@codearts-pipeline/client';
import { loadBundledDocument } from '@codearts-pipeline/simulator';

const document = loadBundledDocument();
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ ...document, $id: 'urn:e2e:openapi' });

const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function validatorFor(schemaPointer: string) {
  let validate = validators.get(schemaPointer);
  if (!validate) validators.set(schemaPointer, (validate = ajv.compile({ $ref: `urn:e2e:openapi${schemaPointer}` })));
  return validate;
}

const pointer = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

function responseSchemaPointer(method: string, path: string, status: number): string | undefined {
  const operation = document.paths[path]?.[method.toLowerCase()];
  const responses = operation?.responses ?? {};
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((candidate) => responses[candidate]);
  if (!key) return undefined;
  let base = `#/paths/${pointer(path)}/${method.toLowerCase()}/responses/${pointer(key)}`;
  if (responses[key].$ref) base = responses[key].$ref;
  return `${base}/content/application~1json/schema`;
}

export interface SpecCheck {
  fetch: typeof globalThis.fetch;
  /** operationId → responses checked */
  checked: Map<string, number>;
  /** one line per response that does not match the document */
  violations: string[];
}

export function specCheckedFetch(): SpecCheck {
  const checked = new Map<string, number>();
  const violations: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await globalThis.fetch(request);
    const { pathname } = new URL(request.url);
    const operation = findOperation(request.method, pathname);
    if (!operation) {
      violations.push(`${request.method} ${pathname}: not an operation of the document`);
      return response;
    }
    const schemaPointer = responseSchemaPointer(operation.method, operation.path, response.status);
    const text = await response.clone().text();
    if (!schemaPointer) violations.push(`${operation.operationId}: status ${response.status} is not declared`);
    else {
      const validate = validatorFor(schemaPointer);
      if (!validate(JSON.parse(text))) {
        violations.push(`${operation.operationId} ${response.status}: ${ajv.errorsText(validate.errors)}`);
      }
    }
    checked.set(operation.operationId, (checked.get(operation.operationId) ?? 0) + 1);
    return response;
  };
  return { fetch, checked, violations };
}
