export interface LatencyFigures {
  count: number;
  p50ms: number;
  p95ms: number;
  p99ms: number;
  maxMs: number;
  meanMs: number;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function latencyFigures(samples: readonly number[]): LatencyFigures {
  const s = Float64Array.from(samples).sort();
  const at = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return {
    count: s.length,
    p50ms: round(at(0.5)),
    p95ms: round(at(0.95)),
    p99ms: round(at(0.99)),
    maxMs: round(s[s.length - 1] ?? 0),
    meanMs: round(s.reduce((a, x) => a + x, 0) / Math.max(1, s.length)),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `work` over `items` with at most `limit` in flight. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i] as T, i);
    }),
  );
}
