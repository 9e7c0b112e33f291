import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { assertReachable, serverAccount } from './osUser.js';

/** Where clusters go when the configured folder is out of the server account's reach. */
export const FALLBACK_ROOT = '/var/lib/omnicc';

/**
 * The folder the embedded cluster really lives in. Normally the configured
 * one. Run as root, the cluster runs as `postgres`, which cannot enter a
 * folder below a private parent (a clone under /root, a 0700 temp dir); then
 * the cluster goes to a folder of its own under /var/lib/omnicc, named after
 * the configured path so the same checkout always finds the same data.
 */
export async function resolveClusterDir(configured: string, log: (msg: string) => void): Promise<string> {
  const account = await serverAccount();
  if (!account) return configured;
  // Folders still to be created will be made by us and traversable; only existing ones can block.
  let existing = path.resolve(configured);
  while (!existsSync(existing) && existing !== path.dirname(existing)) existing = path.dirname(existing);
  try {
    await assertReachable(path.join(existing, 'child'), account);
    return configured;
  } catch {
    const id = createHash('sha256').update(path.resolve(configured)).digest('hex').slice(0, 16);
    const fallback = path.join(FALLBACK_ROOT, `embedded-${id}`);
    log(`embedded PostgreSQL: ${configured} is not reachable by the postgres OS user; using ${fallback}`);
    return fallback;
  }
}
