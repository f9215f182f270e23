// Parent side of scripts/simulator-process.cjs: a simulator on 127.0.0.1 in a child process, with the
// few controls the benchmarks need (seed runs, inject latency, count requests).
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { SimulatorOptions } from '@codearts-pipeline/simulator';
import { PACKAGE_DIR } from './seed';

export interface PipelineRunPair {
  pipeline_id: string;
  pipeline_run_id: string;
}

export interface SimulatorProcess {
  url: string;
  seedRuns(count: number): Promise<PipelineRunPair[]>;
  /** Latency (or another fault) for the next `times` requests of the operation. */
  inject(fault: { kind: 'latency'; ms: number }, options: { operationId?: string; times: number }): Promise<void>;
  clearFaults(): Promise<void>;
  counts(): Promise<{ total: number; byOperation: Record<string, number> }>;
  resetCounts(): Promise<void>;
  close(): Promise<void>;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export function startSimulatorProcess(options: Pick<SimulatorOptions, 'tokens' | 'credentials'>): Promise<SimulatorProcess> {
  const child: ChildProcess = fork(join(PACKAGE_DIR, 'scripts', 'simulator-process.cjs'), [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exited = false;

  child.on('message', (message: Reply) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(new Error(`simulator process: ${message.error}`));
  });
  child.on('exit', (code) => {
    exited = true;
    for (const waiter of pending.values()) waiter.reject(new Error(`simulator process exited (${code})`));
    pending.clear();
  });

  function call<T>(command: string, args?: object): Promise<T> {
    if (exited) return Promise.reject(new Error('simulator process has exited'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, command, args });
    });
  }

  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`simulator process exited before it was ready (${code})`));
    child.once('exit', onExit);
    child.once('message', (message: { ready?: boolean; url?: string }) => {
      if (!message.ready || !message.url) return reject(new Error('simulator process sent no URL'));
      child.off('exit', onExit);
      resolve({
        url: message.url,
        seedRuns: (count) => call('seedRuns', { count }),
        inject: async (fault, faultOptions) => {
          await call('inject', { fault, options: faultOptions });
        },
        clearFaults: async () => {
          await call('clearFaults');
        },
        counts: () => call('counts'),
        resetCounts: async () => {
          await call('resetCounts');
        },
        close: () =>
          new Promise<void>((done) => {
            if (exited) return done();
            child.once('exit', () => done());
            child.disconnect();
          }),
      });
    });
  });
}
