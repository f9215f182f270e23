// Faults injected on demand, for tests of client resilience: each one applies to the next matching
// request(s), before authentication, as a misbehaving gateway or network would.
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; retryAfter?: string; body?: 'huawei' | 'empty' | 'html' | 'code-message' }
  | { kind: 'drop' };

export interface ScheduledFault {
  fault: Fault;
  /** Only requests of this operation. */
  operationId?: string;
  /** How many requests it applies to. Default 1. */
  times: number;
}

export class FaultPlan {
  private readonly queue: ScheduledFault[] = [];

  inject(fault: Fault, options: { operationId?: string; times?: number } = {}): void {
    this.queue.push({ fault, operationId: options.operationId, times: options.times ?? 1 });
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** The fault for this request, if any (consumes one use). */
  take(operationId: string): Fault | undefined {
    const index = this.queue.findIndex((s) => !s.operationId || s.operationId === operationId);
    if (index < 0) return undefined;
    const scheduled = this.queue[index]!;
    scheduled.times -= 1;
    if (scheduled.times <= 0) this.queue.splice(index, 1);
    return scheduled.fault;
  }
}
