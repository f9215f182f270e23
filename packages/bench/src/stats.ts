// Small statistics for repeated measurements: a median with its spread, never a single sample.

export interface Spread {
  /** Number of samples. */
  n: number;
  median: number;
  min: number;
  max: number;
  /** First and third quartiles (linear interpolation between order statistics). */
  q1: number;
  q3: number;
}

/** The q-quantile (0 ≤ q ≤ 1) of the samples, interpolating linearly between order statistics. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error('quantile of no samples');
  if (q < 0 || q > 1) throw new Error(`quantile must be within 0..1, got ${q}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

export function spread(samples: readonly number[]): Spread {
  return {
    n: samples.length,
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    q1: quantile(samples, 0.25),
    q3: quantile(samples, 0.75),
  };
}

/** Element-wise a[i] / b[i]: ratios of samples taken in the same round. */
export function pairwiseRatios(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error(`cannot pair ${a.length} samples with ${b.length}`);
  return a.map((value, i) => value / b[i]!);
}

/**
 * Growth exponent between two sizes: log(t2 / t1) / log(n2 / n1). 1 means cost grows linearly with
 * size, less than 1 that a fixed cost still dominates, more than 1 that it grows faster than linear.
 */
export function growthExponent(n1: number, t1: number, n2: number, t2: number): number {
  if (n1 <= 0 || n2 <= 0 || t1 <= 0 || t2 <= 0 || n1 === n2) throw new Error('growth exponent needs two distinct positive sizes and times');
  return Math.log(t2 / t1) / Math.log(n2 / n1);
}

/** Milliseconds since an arbitrary origin, sub-millisecond resolution. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `task` and returns its result with the wall time it took, in seconds. */
export async function timed<T>(task: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const started = nowMs();
  const value = await task();
  return { value, seconds: (nowMs() - started) / 1000 };
}

/** Rounds for display and for the JSON report (keeps it readable and diff-friendly). */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
