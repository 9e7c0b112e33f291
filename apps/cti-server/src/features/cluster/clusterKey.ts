import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header that carries the cluster key on node-to-node calls. */
export const CLUSTER_KEY_HEADER = 'x-omnicc-cluster-key';

/**
 * The key nodes prove themselves with to each other: derived from the token
 * secret they must share anyway (a token issued by one node is checked by
 * another), so there is no second secret to distribute.
 */
export function clusterKey(tokenSecret: string): string {
  return createHmac('sha256', tokenSecret).update('omnicc/cluster-rpc/v1').digest('base64url');
}

/** Constant-time comparison, so a caller cannot learn the key byte by byte. */
export function isClusterKey(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
