// The lint policy (redocly.yaml) catches each kind of breakage, and says where: run on a throw-away copy of
// spec/ with one breakage applied, `redocly lint` must exit non-zero and name the broken file and line.
import { Edit, editFile, lineOf, makeSpecCopy, removeDir } from './helpers/spec-copy';
import { lintJson, parseStylish, runRedocly, stylishFileLines } from './helpers/redocly';

const RESULT_PATHS = 'spec/paths/v5@{project_id}@api@pipelines@batch-runs@result.yaml';
const REQUEST_EXAMPLE = 'spec/components/examples/ShowBatchRunResultRequest.yaml';

interface Breakage {
  name: string;
  /** The rule that must report it. */
  rule: string;
  /** The file edited, relative to the copy's root; the problem must be located in it. */
  file: string;
  edits: Edit[];
  /** Text in the edited file whose first line is the line the problem must point at. */
  at: string;
}

const breakages: Breakage[] = [
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

describe('redocly lint on a copy of spec/', () => {
  let dir: string | undefined;
  afterEach(() => {
    removeDir(dir);
    dir = undefined;
  });

  test('the pristine copy lints clean: 0 errors, 0 warnings', () => {
    dir = makeSpecCopy();
    const { status, report, stdout, stderr } = lintJson(dir);
    expect({ status, totals: report.totals, problems: report.problems }).toEqual({
      status: 0,
      totals: { errors: 0, warnings: 0, ignored: 0 },
      problems: [],
    });
    const stylish = runRedocly(['lint', '--format', 'stylish'], dir);
    expect(stylish.status).toBe(0);
    expect(parseStylish(stylish.stdout + stylish.stderr)).toEqual([]);
    expect(stdout + stderr).toContain('spec/openapi.yaml');
  });

  test.each(breakages.map((b) => [b.name, b] as const))('%s fails lint at the broken file and line', (_name, b) => {
    dir = makeSpecCopy();
    const text = editFile(dir, b.file, b.edits);
    const line = lineOf(text, b.at);

    const { status, report } = lintJson(dir);
    expect(status).not.toBe(0);
    expect(report.totals.errors).toBeGreaterThan(0);
    const problem = report.problems.find((p) => p.ruleId === b.rule);
    if (!problem) {
      throw new Error(`${b.rule} did not report the breakage; problems: ${JSON.stringify(report.problems.map((p) => p.ruleId))}`);
    }
    expect(problem.severity).toBe('error');
    expect({ file: problem.location[0]?.source.ref, line: problem.location[0]?.start?.line }).toEqual({ file: b.file, line });
    // Nothing else in the copy is blamed.
    expect([...new Set(report.problems.map((p) => p.location[0]?.source.ref))]).toEqual([b.file]);

    const stylish = runRedocly(['lint', '--format', 'stylish'], dir);
    expect(stylish.status).not.toBe(0);
    expect(stylishFileLines(stylish.stdout)).toContain(`${b.file}:${line} ${b.rule}`);
    expect(stylish.stdout).toContain(problem.message);
  });
});
