#!/usr/bin/env node
// pnpm bench [--smoke] [--only build,client,size,scale,batch] [--out DIR]
// Runs the benchmarks and writes REPORT.md + report.json (default: packages/bench/, the committed
// report; with --smoke: packages/bench/reports/smoke/, which git ignores).
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { SECTIONS, type SectionId } from './report';
import { runBenchmarks, writeReport } from './run';
import { PACKAGE_DIR } from './seed';

const USAGE = `Usage: pnpm bench [--smoke] [--only SECTION[,SECTION…]] [--out DIR]

Runs every benchmark once and writes REPORT.md and report.json.
  --smoke        tiny sizes (seconds, not figures); writes to packages/bench/reports/smoke/ by default
  --only LIST    sections to run: ${SECTIONS.join(', ')} (default: all)
  --out DIR      where to write the report (default: packages/bench/, the committed report)`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === '--')),
      options: {
        smoke: { type: 'boolean', default: false },
        only: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((s) => !(SECTIONS as readonly string[]).includes(s)) ?? [];
  if (unknown.length) {
    process.stderr.write(`bench: unknown section ${unknown.join(', ')}\n${USAGE}\n`);
    return 2;
  }
  const mode = values.smoke ? 'smoke' : 'full';
  const [load] = loadavg();
  if (mode === 'full' && load! > cpus().length / 2) {
    process.stderr.write(`bench: the machine is busy (1-minute load average ${load!.toFixed(2)} on ${cpus().length} cores): figures will be slower; the report records the load.\n`);
  }
  const out = values.out ?? (mode === 'smoke' ? join(PACKAGE_DIR, 'reports', 'smoke') : PACKAGE_DIR);
  const report = await runBenchmarks({ mode, only: only as SectionId[] | undefined, log: (line) => process.stderr.write(`bench: ${line}\n`) });
  const written = writeReport(report, out);
  for (const target of report.targets) {
    const verdict = target.met ? 'met' : target.measured === 'not measured' ? 'not run' : 'MISSED';
    process.stdout.write(`${verdict.padEnd(7)}  ${target.description}: ${target.measured}\n`);
  }
  process.stdout.write(`\nWrote ${relative(process.cwd(), written.markdown)} and ${relative(process.cwd(), written.json)} (${(report.durationSeconds / 60).toFixed(1)} min).\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench: failed: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
