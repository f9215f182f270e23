// Ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses) over the whole bundle, so `#/components/...` refs resolve.
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { JsonObject, Segments, toUriFragment } from './bundle';

export const BUNDLE_ID = 'https://codearts-pipeline.invalid/openapi.json';

export interface BundleValidator {
  ajv: Ajv2020;
  /** A validator for the schema found at `segments` of the bundle. */
  at(segments: Segments): ValidateFunction;
}

export function bundleValidator(doc: JsonObject): BundleValidator {
  // strict: false — the bundle is an OpenAPI document, not a schema: its top-level keys (openapi, info,
  // paths…) and OpenAPI's own schema keywords (example, discriminator, xml…) are unknown to Ajv.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, BUNDLE_ID);
  const cache = new Map<string, ValidateFunction>();
  return {
    ajv,
    at(segments) {
      const ref = BUNDLE_ID + toUriFragment(segments);
      let validate = cache.get(ref);
      if (!validate) {
        validate = ajv.compile({ $ref: ref });
        cache.set(ref, validate);
      }
      return validate;
    },
  };
}

export function formatErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`).join('; ');
}
