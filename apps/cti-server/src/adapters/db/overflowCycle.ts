/**
 * The overflow chain that setting `from` to overflow into `to` would close
 * into a loop, as the list of queue ids from `from` back to `from`; or
 * undefined when the chain from `to` ends. `overflowOf` gives each queue's
 * current overflow target. Interactions would otherwise bounce between the
 * queues forever, each time their wait passed maxWait.
 */
export function overflowCycle(overflowOf: ReadonlyMap<string, string | undefined>, from: string, to: string): string[] | undefined {
  const chain = [from];
  const seen = new Set<string>([from]);
  for (let at: string | undefined = to; at !== undefined; at = overflowOf.get(at)) {
    chain.push(at);
    if (at === from) return chain;
    // A loop that does not pass through `from` predates this change; it is not ours to report, and must not hang us.
    if (seen.has(at)) return undefined;
    seen.add(at);
  }
  return undefined;
}
