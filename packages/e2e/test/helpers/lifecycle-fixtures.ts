// What the client and SDK lifecycle tests share, so both drive exactly the same runs: the document and
// its example ids, the polling pace, and the pipeline definitions they run on the simulator (its README:
// a step's `task` decides whether it succeeds, fails, or waits for a manual decision).
import { loadBundledDocument } from '@codearts-pipeline/simulator';

export const document = loadBundledDocument();
export const projectId: string = document.components.parameters.ProjectId.example;
export const tenantId: string = document.components.parameters.TenantIdPath.example;
/** Fast polls, a generous deadline: a slow machine makes a test slower, never wrong. */
export const POLL = { intervalMs: 20, timeoutMs: 15_000 };

type Step = { name: string; task: string };
type Stage = { name: string; pre?: Step[]; jobs: Array<{ name: string; steps: Step[] }> };

export const step = (name: string, task: string): Step => ({ name, task });
/** A `definition` string (JSON text, as the service takes it) from stages. */
export const definition = (...stages: Stage[]) => JSON.stringify({ stages });

const BUILD: Stage = { name: 'Build', jobs: [{ name: 'Compile', steps: [step('Build package', 'official_devcloud_build')] }] };

/** Two stages that run to COMPLETED: checkout and build, then tests. */
export const BUILD_AND_TEST = definition(
  { name: 'Build', jobs: [{ name: 'Compile', steps: [step('Check out', 'official_devcloud_codeCheckout'), step('Build package', 'official_devcloud_build')] }] },
  { name: 'Test', jobs: [{ name: 'Unit tests', steps: [step('Run tests', 'official_devcloud_test')] }] },
);
/** Holds at the Release stage's manual entry check until AcceptCheckpoint. */
export const GATED = definition(BUILD, {
  name: 'Release',
  pre: [step('Manual entry', 'official_devcloud_manualTrigger')],
  jobs: [{ name: 'Deploy', steps: [step('Deploy', 'official_devcloud_deploy')] }],
});
/** Holds at "Approve release" until a manual review is passed or refused. */
export const REVIEWED = definition(BUILD, {
  name: 'Release',
  jobs: [{ name: 'Approve and deploy', steps: [step('Approve release', 'official_devcloud_manualReview'), step('Deploy', 'official_devcloud_deploy')] }],
});
/** Fails at "Flaky suite" on the first attempt; a retry completes it. */
export const FLAKY = definition({
  name: 'Test',
  jobs: [{ name: 'Tests', steps: [step('Unit tests', 'official_devcloud_test'), step('Flaky suite', 'simulator_fail_once'), step('Report', 'official_devcloud_test')] }],
});
/** One review step and nothing else: a run that stays RUNNING until someone decides or stops it. */
export const HELD = definition({ name: 'Release', jobs: [{ name: 'Approve', steps: [step('Approve release', 'official_devcloud_manualReview')] }] });
