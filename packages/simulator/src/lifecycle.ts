// How a simulated pipeline run progresses: stages in order, each stage's entry checks, then its jobs in
// order, each job's steps in order. Time is virtual and derived: a step that starts when the previous
// one ended takes `stepMs`, so the timeline a client reads is the same however often it polls.
// `advance(now)` brings a run up to date; it is called before every read or action.
import { newId } from './ids.js';

/** Step tasks the simulator gives a behaviour (documented in the simulator README). */
export const Tasks = {
  /** A step that waits for AcceptManualReview / RejectManualReview. */
  manualReview: 'official_devcloud_manualReview',
  /** A stage entry check that waits for AcceptCheckpoint. */
  manualCheckpoint: 'official_devcloud_manualTrigger',
  /** A stage entry check that passes by itself (the default). */
  autoCheckpoint: 'official_devcloud_autoTrigger',
  /** A step that fails on its first attempt and passes when the run is retried. */
  failOnce: 'simulator_fail_once',
  /** A step that always fails. */
  fail: 'simulator_fail',
} as const;

export interface StepPlan {
  name: string;
  task: string;
}
export interface JobPlan {
  name: string;
  steps: StepPlan[];
}
export interface StagePlan {
  name: string;
  /** Entry checks (a manual checkpoint waits for AcceptCheckpoint). */
  pre: StepPlan[];
  jobs: JobPlan[];
}

export type Status = 'INIT' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELED';
const FINAL: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED', 'CANCELED']);
export const isFinal = (status: string) => FINAL.has(status);

interface Timed {
  id: string;
  name: string;
  sequence: number;
  status: Status;
  start_time?: number;
  end_time?: number;
}
export interface StepRunState extends Timed {
  task: string;
  /** Attempts made (retries start a failed step again). */
  attempts: number;
  /** A manual decision, once made. */
  decision?: { approved: boolean; at: number; comment?: string };
  log: string[];
}
export interface JobRunState extends Timed {
  steps: StepRunState[];
}
export interface StageRunState extends Timed {
  pre: StepRunState[];
  jobs: JobRunState[];
}
export interface RunState {
  pipeline_run_id: string;
  status: Status;
  start_time: number;
  end_time?: number;
  stages: StageRunState[];
}

/** Why an action is not possible now; the handler turns it into a 400. */
export class LifecycleError extends Error {}

export function newRun(plan: StagePlan[], now: number): RunState {
  const step = (s: StepPlan, sequence: number): StepRunState => ({
    id: newId(),
    name: s.name,
    task: s.task,
    sequence,
    status: 'INIT',
    attempts: 0,
    log: [],
  });
  return {
    pipeline_run_id: newId(),
    status: 'RUNNING',
    start_time: now,
    stages: plan.map((stage, stageIndex) => ({
      id: newId(),
      name: stage.name,
      sequence: stageIndex,
      status: 'INIT',
      pre: stage.pre.map(step),
      jobs: stage.jobs.map((job, jobIndex) => ({
        id: newId(),
        name: job.name,
        sequence: jobIndex,
        status: 'INIT',
        steps: job.steps.map(step),
      })),
    })),
  };
}

/** The work items of a run in execution order, each with the job and stage it belongs to. */
function* itemsOf(run: RunState): Generator<{ stage: StageRunState; job?: JobRunState; step: StepRunState }> {
  for (const stage of run.stages) {
    for (const step of stage.pre) yield { stage, step };
    for (const job of stage.jobs) for (const step of job.steps) yield { stage, job, step };
  }
}

const waitsForDecision = (step: StepRunState) => step.task === Tasks.manualReview || step.task === Tasks.manualCheckpoint;

/** Every step of a run, entry checks included, in execution order. */
export const stepsOf = (run: RunState): StepRunState[] => [...itemsOf(run)].map((item) => item.step);

/** A step that is running and waits for someone's review or checkpoint decision. */
export const isAwaitingDecision = (step: StepRunState) => step.status === 'RUNNING' && waitsForDecision(step) && !step.decision;

function outcome(step: StepRunState): 'COMPLETED' | 'FAILED' {
  if (step.task === Tasks.fail) return 'FAILED';
  if (step.task === Tasks.failOnce && step.attempts === 1) return 'FAILED';
  if (waitsForDecision(step)) return step.decision?.approved ? 'COMPLETED' : 'FAILED';
  return 'COMPLETED';
}

function start(item: { stage: StageRunState; job?: JobRunState; step: StepRunState }, at: number): void {
  for (const holder of [item.stage, item.job]) {
    if (holder && holder.status === 'INIT') {
      holder.status = 'RUNNING';
      holder.start_time = at;
    }
  }
  item.step.status = 'RUNNING';
  item.step.start_time = at;
  item.step.end_time = undefined;
  item.step.attempts += 1;
  item.step.log.push(`${new Date(at).toISOString()} [INFO] ${item.step.name}: started (attempt ${item.step.attempts})`);
  if (waitsForDecision(item.step)) {
    item.step.log.push(`${new Date(at).toISOString()} [INFO] ${item.step.name}: waiting for a manual decision`);
  }
}

function finish(run: RunState, item: { stage: StageRunState; job?: JobRunState; step: StepRunState }, at: number): void {
  const result = outcome(item.step);
  item.step.status = result;
  item.step.end_time = at;
  const note = item.step.decision ? ` (${item.step.decision.approved ? 'approved' : 'rejected'}${item.step.decision.comment ? `: ${item.step.decision.comment}` : ''})` : '';
  item.step.log.push(`${new Date(at).toISOString()} [${result === 'FAILED' ? 'ERROR' : 'INFO'}] ${item.step.name}: ${result === 'FAILED' ? 'failed' : 'completed'}${note}`);
  if (result === 'FAILED') {
    for (const holder of [item.job, item.stage, run]) {
      if (!holder) continue;
      holder.status = 'FAILED';
      holder.end_time = at;
    }
    return;
  }
  if (item.job && item.job.steps.every((s) => s.status === 'COMPLETED')) {
    item.job.status = 'COMPLETED';
    item.job.end_time = at;
  }
  const stageDone = item.stage.pre.every((s) => s.status === 'COMPLETED') && item.stage.jobs.every((j) => j.status === 'COMPLETED');
  if (stageDone) {
    item.stage.status = 'COMPLETED';
    item.stage.end_time = at;
  }
  if (run.stages.every((s) => s.status === 'COMPLETED')) {
    run.status = 'COMPLETED';
    run.end_time = at;
  }
}

/** Brings a running run up to `now`: starts and finishes steps whose time has come. */
export function advance(run: RunState, now: number, stepMs: number): void {
  let clock = run.start_time;
  for (const item of itemsOf(run)) {
    if (run.status !== 'RUNNING') return;
    const { step } = item;
    if (step.status === 'COMPLETED') {
      clock = step.end_time ?? clock;
      continue;
    }
    if (step.status === 'INIT') {
      if (clock > now) return;
      start(item, clock);
    }
    if (waitsForDecision(step)) {
      if (!step.decision) return; // waits for a person
      finish(run, item, Math.max(step.decision.at, step.start_time!));
    } else {
      const due = step.start_time! + stepMs;
      if (due > now) return;
      finish(run, item, due);
    }
    clock = step.end_time!;
  }
}

/** The step of a run with this id (entry checks included), with its job and stage. */
export function findStep(run: RunState, stepRunId: string) {
  for (const item of itemsOf(run)) if (item.step.id === stepRunId) return item;
  return undefined;
}

/** Records a manual decision on a step that is waiting for one. */
export function decide(run: RunState, stepRunId: string, approved: boolean, now: number, kind: 'review' | 'checkpoint', comment?: string): void {
  const item = findStep(run, stepRunId);
  if (!item) throw new LifecycleError(`run ${run.pipeline_run_id} has no step ${stepRunId}`);
  const task = kind === 'review' ? Tasks.manualReview : Tasks.manualCheckpoint;
  if (item.step.task !== task) {
    throw new LifecycleError(`step ${stepRunId} (${item.step.name}) is not a ${kind === 'review' ? 'manual review' : 'manual checkpoint'}`);
  }
  if (item.step.status !== 'RUNNING' || item.step.decision) {
    throw new LifecycleError(`step ${stepRunId} (${item.step.name}) is not waiting for a decision (status ${item.step.status})`);
  }
  item.step.decision = { approved, at: now, comment };
}

/** Stops a running run: what is running is canceled, what has not started stays INIT. */
export function stop(run: RunState, now: number): boolean {
  if (run.status !== 'RUNNING') return false;
  for (const item of itemsOf(run)) {
    for (const holder of [item.step, item.job, item.stage]) {
      if (holder && holder.status === 'RUNNING') {
        holder.status = 'CANCELED';
        holder.end_time = now;
      }
    }
  }
  run.status = 'CANCELED';
  run.end_time = now;
  return true;
}

/**
 * Retries a failed or stopped run from where it ended: the failed or canceled steps, jobs and stages
 * start again (a `simulator_fail_once` step then passes); completed work is kept.
 */
export function retry(run: RunState, now: number): void {
  if (run.status !== 'FAILED' && run.status !== 'CANCELED') {
    throw new LifecycleError(`run ${run.pipeline_run_id} is ${run.status}; only a FAILED or CANCELED run can be retried`);
  }
  for (const item of itemsOf(run)) {
    for (const holder of [item.step, item.job, item.stage]) {
      if (holder && (holder.status === 'FAILED' || holder.status === 'CANCELED')) {
        holder.status = 'INIT';
        holder.end_time = undefined;
      }
    }
    if (item.step.status === 'INIT') item.step.decision = undefined;
  }
  run.status = 'RUNNING';
  run.end_time = undefined;
  // The retried part starts now, not when the run ended: advance() chains each step to the end of the
  // previous one, so starting the first step to redo at `now` moves the rest of the timeline with it.
  const next = [...itemsOf(run)].find((item) => item.step.status === 'INIT');
  if (next) start(next, now);
}

/** The plan of a pipeline without a readable definition: build, test, deploy. */
export const DEFAULT_PLAN: StagePlan[] = [
  { name: 'Build', pre: [{ name: 'Start automatically', task: Tasks.autoCheckpoint }], jobs: [{ name: 'Build', steps: [{ name: 'Check out code', task: 'official_devcloud_codeCheckout' }, { name: 'Compile', task: 'official_devcloud_build' }] }] },
  { name: 'Test', pre: [{ name: 'Start automatically', task: Tasks.autoCheckpoint }], jobs: [{ name: 'Unit tests', steps: [{ name: 'Run unit tests', task: 'official_devcloud_test' }] }] },
  { name: 'Deploy', pre: [{ name: 'Start automatically', task: Tasks.autoCheckpoint }], jobs: [{ name: 'Deploy', steps: [{ name: 'Deploy to staging', task: 'official_devcloud_deploy' }] }] },
];

/**
 * The run plan in a pipeline's `definition` (a JSON string): `{"stages": [{"name", "pre": [{"name",
 * "task"}], "jobs": [{"name", "steps": [{"name", "task"}]}]}]}` — the part of the service's definition
 * format the simulator reads. Anything else (absent, not JSON, no stages) gets the default plan.
 */
export function planFromDefinition(definition: string | undefined | null): StagePlan[] {
  if (!definition) return DEFAULT_PLAN;
  let parsed: any;
  try {
    parsed = JSON.parse(definition);
  } catch {
    return DEFAULT_PLAN;
  }
  if (!Array.isArray(parsed?.stages) || parsed.stages.length === 0) return DEFAULT_PLAN;
  const stepOf = (raw: any, index: number): StepPlan => ({
    name: typeof raw?.name === 'string' ? raw.name : `Step ${index + 1}`,
    task: typeof raw?.task === 'string' ? raw.task : 'official_devcloud_shell',
  });
  return parsed.stages.map((stage: any, stageIndex: number) => ({
    name: typeof stage?.name === 'string' ? stage.name : `Stage ${stageIndex + 1}`,
    pre: Array.isArray(stage?.pre) && stage.pre.length > 0 ? stage.pre.map(stepOf) : [{ name: 'Start automatically', task: Tasks.autoCheckpoint }],
    jobs: (Array.isArray(stage?.jobs) ? stage.jobs : []).map((job: any, jobIndex: number) => ({
      name: typeof job?.name === 'string' ? job.name : `Job ${jobIndex + 1}`,
      steps: (Array.isArray(job?.steps) ? job.steps : []).map(stepOf),
    })),
  }));
}
