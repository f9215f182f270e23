// The run lifecycle on a virtual clock: progress, manual decisions, stop and retry.
import {
  DEFAULT_PLAN,
  LifecycleError,
  type RunState,
  type StagePlan,
  Tasks,
  advance,
  decide,
  findStep,
  newRun,
  planFromDefinition,
  retry,
  stop,
} from '../src/lifecycle';

const STEP = 100;
const T0 = 1_733_212_800_000;
const statuses = (run: RunState) => run.stages.map((s) => `${s.name}:${s.status}[${s.jobs.map((j) => j.steps.map((st) => st.status).join(',')).join('|')}]`);
const allSteps = (run: RunState) => run.stages.flatMap((s) => [...s.pre, ...s.jobs.flatMap((j) => j.steps)]);
const plan = (...steps: string[]): StagePlan[] => [
  { name: 'Only', pre: [{ name: 'Entry', task: Tasks.autoCheckpoint }], jobs: [{ name: 'Job', steps: steps.map((task, i) => ({ name: `step ${i + 1}`, task })) }] },
];

test('the default plan runs stage by stage, one step per interval, to COMPLETED', () => {
  const run = newRun(DEFAULT_PLAN, T0);
  advance(run, T0, STEP);
  expect(run.status).toBe('RUNNING');
  expect(run.stages[0]!.pre[0]!.status).toBe('RUNNING');
  expect(statuses(run)).toEqual(['Build:RUNNING[INIT,INIT]', 'Test:INIT[INIT]', 'Deploy:INIT[INIT]']);

  advance(run, T0 + 2 * STEP, STEP); // entry check done, checkout done, compile running
  expect(statuses(run)).toEqual(['Build:RUNNING[COMPLETED,RUNNING]', 'Test:INIT[INIT]', 'Deploy:INIT[INIT]']);

  const steps = allSteps(run).length; // 3 entry checks + 4 steps
  advance(run, T0 + steps * STEP, STEP);
  expect(run.status).toBe('COMPLETED');
  expect(run.end_time).toBe(T0 + steps * STEP);
  expect(statuses(run)).toEqual(['Build:COMPLETED[COMPLETED,COMPLETED]', 'Test:COMPLETED[COMPLETED]', 'Deploy:COMPLETED[COMPLETED]']);
});

test('the timeline does not depend on how often the run is polled', () => {
  const polledOnce = newRun(DEFAULT_PLAN, T0);
  advance(polledOnce, T0 + 60_000, STEP);
  const polledOften = newRun(DEFAULT_PLAN, T0);
  for (let t = T0; t <= T0 + 60_000; t += 37) advance(polledOften, t, STEP);
  const times = (run: RunState) => allSteps(run).map((s) => [s.start_time, s.end_time]);
  expect(times(polledOften)).toEqual(times(polledOnce));
  const steps = allSteps(polledOnce);
  steps.forEach((step, i) => {
    expect(step.start_time).toBe(T0 + i * STEP);
    expect(step.end_time).toBe(T0 + (i + 1) * STEP);
  });
});

test('a manual review holds the run until it is approved', () => {
  const run = newRun(plan('build', Tasks.manualReview, 'deploy'), T0);
  advance(run, T0 + 3_600_000, STEP);
  const review = run.stages[0]!.jobs[0]!.steps[1]!;
  expect([run.status, review.status]).toEqual(['RUNNING', 'RUNNING']);
  expect(review.log.join('\n')).toContain('waiting for a manual decision');

  decide(run, review.id, true, T0 + 3_600_000, 'review', 'looks good');
  advance(run, T0 + 3_600_000 + STEP, STEP);
  expect(review.status).toBe('COMPLETED');
  expect(review.end_time).toBe(T0 + 3_600_000);
  expect(review.log.at(-1)).toContain('approved: looks good');
  expect(run.status).toBe('COMPLETED');
  expect(() => decide(run, review.id, true, T0, 'review')).toThrow(/not waiting for a decision/);
});

test('a rejected review fails its job, its stage and the run; later steps never start', () => {
  const run = newRun(plan(Tasks.manualReview, 'deploy'), T0);
  advance(run, T0 + STEP, STEP);
  decide(run, run.stages[0]!.jobs[0]!.steps[0]!.id, false, T0 + 500, 'review');
  advance(run, T0 + 10_000, STEP);
  expect(run.status).toBe('FAILED');
  expect(run.end_time).toBe(T0 + 500);
  expect(statuses(run)).toEqual(['Only:FAILED[FAILED,INIT]']);
});

test('a manual checkpoint is passed with a checkpoint decision, not a review one', () => {
  const stages: StagePlan[] = [{ name: 'Gate', pre: [{ name: 'Manual entry', task: Tasks.manualCheckpoint }], jobs: [{ name: 'Job', steps: [{ name: 's', task: 'x' }] }] }];
  const run = newRun(stages, T0);
  advance(run, T0 + 10_000, STEP);
  const gate = run.stages[0]!.pre[0]!;
  expect(gate.status).toBe('RUNNING');
  expect(() => decide(run, gate.id, true, T0 + 10_000, 'review')).toThrow(LifecycleError);
  expect(() => decide(run, 'f'.repeat(32), true, T0, 'checkpoint')).toThrow(/has no step/);
  decide(run, gate.id, true, T0 + 10_000, 'checkpoint');
  advance(run, T0 + 10_000 + STEP, STEP);
  expect(run.status).toBe('COMPLETED');
  expect(findStep(run, gate.id)?.stage.name).toBe('Gate');
});

test('stop cancels what runs, leaves what has not started, and works once', () => {
  const run = newRun(DEFAULT_PLAN, T0);
  advance(run, T0 + STEP + 10, STEP);
  expect(stop(run, T0 + STEP + 10)).toBe(true);
  expect(run.status).toBe('CANCELED');
  expect(run.end_time).toBe(T0 + STEP + 10);
  expect(statuses(run)).toEqual(['Build:CANCELED[CANCELED,INIT]', 'Test:INIT[INIT]', 'Deploy:INIT[INIT]']);
  advance(run, T0 + 60_000, STEP);
  expect(run.status).toBe('CANCELED');
  expect(stop(run, T0 + 60_000)).toBe(false);
});

test('retry restarts a failed run from its failed step, now; a fail-once step then passes', () => {
  const run = newRun(plan('build', Tasks.failOnce, 'deploy'), T0);
  advance(run, T0 + 60_000, STEP);
  expect(run.status).toBe('FAILED');
  expect(statuses(run)).toEqual(['Only:FAILED[COMPLETED,FAILED,INIT]']);
  const build = run.stages[0]!.jobs[0]!.steps[0]!;
  const buildEnd = build.end_time;

  expect(() => retry(newRun(DEFAULT_PLAN, T0), T0)).toThrow(/only a FAILED or CANCELED run can be retried/);
  const retriedAt = T0 + 120_000;
  retry(run, retriedAt);
  expect(run.status).toBe('RUNNING');
  advance(run, retriedAt + 2 * STEP, STEP);
  expect(run.status).toBe('COMPLETED');
  expect(build.end_time).toBe(buildEnd); // completed work is kept
  const flaky = run.stages[0]!.jobs[0]!.steps[1]!;
  expect([flaky.attempts, flaky.start_time, flaky.end_time]).toEqual([2, retriedAt, retriedAt + STEP]);
});

test('a stopped run can be retried and finishes', () => {
  const run = newRun(DEFAULT_PLAN, T0);
  advance(run, T0 + 50, STEP);
  stop(run, T0 + 50);
  retry(run, T0 + 1_000);
  advance(run, T0 + 60_000, STEP);
  expect(run.status).toBe('COMPLETED');
});

test('the plan is read from a definition, with the default for anything unreadable', () => {
  const definition = JSON.stringify({
    stages: [{ name: 'Build', jobs: [{ name: 'Compile', steps: [{ name: 'mvn package', task: 'official_devcloud_mavenBuild' }] }] }],
  });
  expect(planFromDefinition(definition)).toEqual([
    { name: 'Build', pre: [{ name: 'Start automatically', task: Tasks.autoCheckpoint }], jobs: [{ name: 'Compile', steps: [{ name: 'mvn package', task: 'official_devcloud_mavenBuild' }] }] },
  ]);
  for (const unreadable of [undefined, '', 'not json', '{"stages": []}', '[1,2]']) {
    expect(planFromDefinition(unreadable)).toBe(DEFAULT_PLAN);
  }
});
