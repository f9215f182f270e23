// The lint policy (redocly.yaml) catches each kind of breakage, and says where: run on a throw-away copy of
// spec/ with one breakage applied, `redocly lint` must exit non-zero and name the broken file and line.
import { BREAKAGES } from './helpers/breakages';
import { editFile, lineOf, makeSpecCopy, removeDir } from './helpers/spec-copy';
import { lintJson, parseStylish, runRedocly, stylishFileLines } from './helpers/redocly';

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

  test.each(BREAKAGES.map((b) => [b.name, b] as const))('%s fails lint at the broken file and line', (_name, b) => {
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
