// How busy the machine was with work other than the benchmark: the figures are wall times, so another
// build or test suite running at the same time slows them. Linux only (/proc); elsewhere undefined.
import { readFileSync } from 'node:fs';

export interface CpuSnapshot {
  /** Clock ticks the whole machine spent busy / in all. */
  busy: number;
  total: number;
  /** Clock ticks of this process and of its waited-for children (turbo, tools, the simulator process). */
  own: number;
}

export function cpuSnapshot(): CpuSnapshot | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user)
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
    const self = readFileSync('/proc/self/stat', 'utf8');
    const fields = self.slice(self.lastIndexOf(')') + 2).split(' ').map(Number);
    // fields[0] is field 3 (state): utime, stime, cutime, cstime are fields 14–17
    const own = fields[11]! + fields[12]! + fields[13]! + fields[14]!;
    const busy = user + nice + system + irq + softirq + steal;
    if (![busy, own].every(Number.isFinite)) return undefined;
    return { busy, total: busy + idle + iowait, own };
  } catch {
    return undefined;
  }
}

/** Share (0–1) of the machine's CPU time between two snapshots used by processes other than ours. */
export function otherProcessesShare(start: CpuSnapshot | undefined, end: CpuSnapshot | undefined): number | undefined {
  if (!start || !end || end.total <= start.total) return undefined;
  const others = end.busy - start.busy - (end.own - start.own);
  return Math.min(1, Math.max(0, others / (end.total - start.total)));
}
