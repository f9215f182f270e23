// Breakages of spec/, one per kind the lint policy (redocly.yaml) must catch, each with the rule that reports
// it and the line it must point at. The lint test applies every one; the bundle test applies the first
// two to show the build fails the same way without touching dist/.
import type { Edit } from './spec-copy';

const RESULT_PATHS = 'spec/paths/v5@{project_id}@api@pipelines@batch-runs@result.yaml';
const REQUEST_EXAMPLE = 'spec/components/examples/ShowBatchRunResultRequest.yaml';

export interface Breakage {
  name: string;
  /** The rule that must report it. */
  rule: string;
  /** The file edited, relative to the copy's root; the problem must be located in it. */
  file: string;
  edits: Edit[];
  /** Text in the edited file whose first line is the line the problem must point at. */
  at: string;
}

export const BREAKAGES: Breakage[] = [
  {
    name: '(a) an example value of the wrong type',
    rule: 'no-invalid-media-type-examples',
    file: REQUEST_EXAMPLE,
    edits: [{ from: '  - pipeline_id: 6ba9a2dbc7024c22a9a6614516dc22db\n', to: '  - pipeline_id: 12345\n' }],
    at: '  - pipeline_id: 12345',
  },
  {
    name: '(b) a dangling $ref to a missing file',
    rule: 'no-unresolved-refs',
    file: RESULT_PATHS,
    edits: [{ from: '$ref: ../components/schemas/ShowBatchRunResultRequest.yaml', to: '$ref: ../components/schemas/DoesNotExist.yaml' }],
    at: '$ref: ../components/schemas/DoesNotExist.yaml',
  },
  {
    // Redocly reports the second occurrence in document order (the result path comes second), so the
    // breakage is made there; made in the first path file, it would be reported in the other file.
    name: '(c) an operationId used by both path files',
    rule: 'operation-operationId-unique',
    file: RESULT_PATHS,
    edits: [{ from: 'operationId: ShowBatchRunResult\n', to: 'operationId: BatchRunPipeline\n' }],
    at: 'operationId: BatchRunPipeline',
  },
  {
    name: '(d) an example missing a required field',
    rule: 'no-invalid-media-type-examples',
    file: REQUEST_EXAMPLE,
    edits: [{ from: '    pipeline_run_id: e41fe3981361476eb6dad17ad98c683c\n', to: '' }],
    at: '  - pipeline_id: 6ba9a2dbc7024c22a9a6614516dc22db', // the object that lost `pipeline_run_id`
  },
  {
    name: 'rule/operation-id-pascal-case: an operationId not in PascalCase',
    rule: 'rule/operation-id-pascal-case',
    file: RESULT_PATHS,
    edits: [{ from: 'operationId: ShowBatchRunResult\n', to: 'operationId: showBatchRunResult\n' }],
    at: 'operationId: showBatchRunResult',
  },
  {
    name: 'rule/operation-has-one-tag: an operation without tags',
    rule: 'rule/operation-has-one-tag',
    file: RESULT_PATHS,
    edits: [{ from: '  tags:\n    - Pipeline Management\n', to: '' }],
    at: '  operationId: ShowBatchRunResult\n  summary:', // a missing key is reported at the first line of the operation's body
  },
  {
    name: 'rule/operation-has-one-tag: an operation with an empty tag list',
    rule: 'rule/operation-has-one-tag',
    file: RESULT_PATHS,
    edits: [{ from: '  tags:\n    - Pipeline Management\n', to: '  tags: []\n' }],
    at: '  tags: []',
  },
  {
    name: 'rule/property-names-snake-case: a camelCase property',
    rule: 'rule/property-names-snake-case',
    file: 'spec/components/schemas/BatchRunResult.yaml',
    edits: [{ from: '  reason:\n', to: '  startedAt:\n    type: string\n    description: When the run started.\n  reason:\n' }],
    at: '  startedAt:',
  },
  {
    name: 'rule/request-body-has-example: a request body without examples',
    rule: 'rule/request-body-has-example',
    file: RESULT_PATHS,
    edits: [{ from: '        examples:\n          ShowBatchRunResultRequest:\n            $ref: ../components/examples/ShowBatchRunResultRequest.yaml\n', to: '' }],
    at: '      application/json:\n        schema:\n          $ref: ../components/schemas/ShowBatchRunResultRequest.yaml',
  },
  {
    name: 'rule/success-response-has-example: a 200 response without examples',
    rule: 'rule/success-response-has-example',
    file: RESULT_PATHS,
    edits: [{ from: '          examples:\n            ShowBatchRunResultResponse:\n              $ref: ../components/examples/ShowBatchRunResultResponse.yaml\n', to: '' }],
    at: '        application/json:\n          schema:\n            $ref: ../components/schemas/ShowBatchRunResultResponse.yaml',
  },
  {
    name: 'rule/error-response-uses-shared-schema: an error response with its own schema',
    rule: 'rule/error-response-uses-shared-schema',
    file: 'spec/components/responses/BadRequest.yaml',
    edits: [
      {
        from: '    schema:\n      $ref: ../schemas/ErrorResponse.yaml\n',
        to: '    schema:\n      type: object\n      properties:\n        error_code:\n          type: string\n        error_msg:\n          type: string\n',
      },
    ],
    at: '    schema:',
  },
  {
    name: 'rule/error-response-uses-shared-schema: an inline error response in a path file',
    rule: 'rule/error-response-uses-shared-schema',
    file: RESULT_PATHS,
    edits: [
      {
        from: "    '400':\n      $ref: ../components/responses/BadRequest.yaml\n",
        to: "    '400':\n      description: Bad request.\n      content:\n        application/json:\n          schema:\n            type: object\n",
      },
    ],
    at: '          schema:\n            type: object',
  },
];
