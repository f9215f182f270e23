#!/usr/bin/env node
// The simulator in a process of its own, driven over IPC by the benchmarks (src/simulator-process.ts),
// so the server's work never runs on the event loop whose client cost is being measured.
// argv[2]: JSON options for startSimulator (tokens, credentials). Binds to 127.0.0.1 only.
// Exits when its parent disconnects, so it never outlives a benchmark.
const { startSimulator } = require('@codearts-pipeline/simulator');

async function main() {
  const options = JSON.parse(process.argv[2] ?? '{}');
  const running = await startSimulator({ ...options, port: 0, host: '127.0.0.1' });
  const { simulator } = running;

  const commands = {
    /** Records `count` new runs spread over the seeded pipelines; returns their pairs. */
    seedRuns({ count }) {
      const pipelineIds = [...simulator.state.pipelines.keys()];
      const pairs = [];
      for (let i = 0; i < count; i += 1) {
        const run = simulator.state.startRun(pipelineIds[i % pipelineIds.length]);
        pairs.push({ pipeline_id: run.pipeline_id, pipeline_run_id: run.pipeline_run_id });
      }
      return pairs;
    },
    inject({ fault, options: faultOptions }) {
      simulator.faults.inject(fault, faultOptions);
      return true;
    },
    clearFaults() {
      simulator.faults.clear();
      return true;
    },
    counts() {
      return { total: simulator.requestCount, byOperation: Object.fromEntries(simulator.requestCounts) };
    },
    resetCounts() {
      simulator.requestCount = 0;
      simulator.requestCounts.clear();
      return true;
    },
  };

  process.on('message', (message) => {
    const { id, command, args } = message;
    try {
      const handler = commands[command];
      if (!handler) throw new Error(`unknown command ${command}`);
      process.send({ id, ok: true, value: handler(args ?? {}) });
    } catch (error) {
      process.send({ id, ok: false, error: String(error && error.stack ? error.stack : error) });
    }
  });
  process.on('disconnect', () => {
    running.close().finally(() => process.exit(0));
  });
  process.send({ ready: true, url: running.url });
}

main().catch((error) => {
  process.stderr.write(`bench simulator: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
