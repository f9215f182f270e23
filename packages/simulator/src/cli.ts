#!/usr/bin/env node
// codearts-pipeline-simulator [--port N] [--host H] [--token T ...] [--quiet]
import { parseArgs } from 'node:util';
import { listOperations } from './api-model.js';
import { startSimulator } from './server.js';

const USAGE = `Usage: codearts-pipeline-simulator [--port N] [--host ADDRESS] [--token TOKEN]... [--credential AK:SK[:SECURITY_TOKEN]]... [--step-ms MS] [--quiet]

Serves the CodeArts Pipeline operations of the bundled OpenAPI document on http://127.0.0.1:8080.
  --port N        port to listen on (default: $PORT or 8080; 0 picks a free one)
  --host ADDRESS  address to bind (default 127.0.0.1)
  --token TOKEN   accept only this X-Auth-Token (repeatable; default: any non-empty token)
  --credential AK:SK[:SECURITY_TOKEN]
                  accept requests signed with this access key / secret key (repeatable)
  --step-ms MS    how long each step of a run takes (default 100; try 2000 to watch runs progress)
  --quiet         do not log one line per request`;

function fail(message: string): never {
  process.stderr.write(`codearts-pipeline-simulator: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    // `pnpm simulator -- --port N` passes the separator through; it means nothing here.
    const args = process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === '--'));
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        token: { type: 'string', multiple: true },
        credential: { type: 'string', multiple: true },
        'step-ms': { type: 'string', default: '100' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const portSource = values.port !== undefined ? '--port' : process.env.PORT !== undefined ? 'the PORT variable' : 'default';
  const portText = values.port ?? process.env.PORT ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) fail(`${portSource} must be an integer 0-65535, got '${portText}'`);

  const stepText = values['step-ms'];
  if (!/^\d+$/.test(stepText)) fail(`--step-ms must be a whole number of milliseconds, got '${stepText}'`);
  if (values.token?.some((token) => token.trim() === '')) fail('--token must not be empty');
  const credentials = (values.credential ?? []).map((text) => {
    const [accessKey, secretKey, securityToken] = text.split(':');
    if (!accessKey || !secretKey) fail(`--credential must be AK:SK or AK:SK:SECURITY_TOKEN`);
    return { accessKey, secretKey, securityToken };
  });
  const log = values.quiet ? undefined : (line: string) => process.stdout.write(`${line}\n`);
  let running;
  try {
    running = await startSimulator({ port, host: values.host, tokens: values.token, credentials, log, timing: { stepMs: Number(stepText) } });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${port} on ${values.host} is already in use; choose another with --port`);
    fail(`could not start: ${(error as Error).message}`);
  }
  const operations = listOperations(running.simulator.document).map((o) => o.operationId);
  process.stdout.write(`CodeArts Pipeline simulator listening on ${running.url}\n`);
  process.stdout.write(`operations: ${operations.join(', ')}\n`);
  const stop = () => {
    running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main();
