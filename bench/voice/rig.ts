import { readdirSync, readFileSync } from 'node:fs';
import { queueConfigSchema, routingSettingsSchema, type Session } from '../../packages/shared/src/index.js';
import { migrate } from '../../apps/cti-server/src/adapters/db/migrate.js';
import { createPgStore } from '../../apps/cti-server/src/adapters/db/pgStore.js';
import { hashPassword } from '../../apps/cti-server/src/features/auth/passwords.js';
import { seedReferenceData } from '../../apps/cti-server/src/seed/demoData.js';
import { loadSocketIoClient, pg } from '../socket/serverDeps.js';

/** What the voice benches share: the seeded database, the agents' desktop sockets, CPU readings from /proc. */

export const BENCH_PASSWORD = 'bench-agent-password';

/**
 * Migrates a fresh database and seeds it: reference data, the voice queue
 * with no wrap-up time (an agent takes the next call as soon as one ends),
 * and `agents` agents phone1..phoneN with one voice slot each.
 */
export async function seedVoiceBench(databaseUrl: string, agents: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const store = createPgStore(pool);
  try {
    await migrate(pool);
    await seedReferenceData(store);
    await store.queueConfigs.update(queueConfigSchema.parse({ id: 'voice-general', channel: 'voice', nameEn: 'Hotline', nameZh: '热线', offerTimeoutSeconds: 20, maxWaitSeconds: 600, wrapUpSeconds: 0 }));
    await store.routingSettings.put(routingSettingsSchema.parse({}));
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    for (let n = 1; n <= agents; n++) {
      await store.agents.create({ username: `phone${n}`, displayName: `Phone Agent ${n}`, role: 'agent', skills: [], capacity: { voice: 1, chat: 0, email: 0, sms: 0 }, passwordHash });
    }
  } finally {
    await store.close();
  }
}

/** Logs agent phone<n> in over REST; resolves with the session token. */
export async function logIn(url: string, n: number): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `phone${n}`, password: BENCH_PASSWORD }) });
  return ((await login.json()) as Session).token;
}

/** The agent's desktop: a socket.io connection to /agent, set ready. */
export async function readyDesktop(url: string, token: string): Promise<{ disconnect(): void }> {
  const { io } = loadSocketIoClient();
  const socket = io(`${url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  await socket.timeout(10_000).emitWithAck('agent:setStatus', { status: 'ready' });
  return socket;
}

/** CPU seconds (user + system) of a process and its direct children, from /proc. */
export function cpuSeconds(rootPid: number | undefined): number {
  if (rootPid === undefined) return 0;
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      if (pid === rootPid || ppid === rootPid) total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** The whole machine's CPU ticks (all cores), busy and in total, from /proc/stat: how shared the run was. */
export function machineTicks(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, x) => a + x, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** The machine's busy share between two readings, % of all cores. */
export const busyPct = (a: { busy: number; total: number }, b: { busy: number; total: number }): number => Math.round((1000 * (b.busy - a.busy)) / Math.max(1, b.total - a.total)) / 10;

/**
 * Runs a bench's main and ends the process with its outcome (1 on an error,
 * printed): a child or a native thread left behind must not keep it alive.
 */
export async function runBench(main: () => Promise<void>): Promise<never> {
  let exitCode = 0;
  try {
    await main();
  } catch (err) {
    console.error(err);
    exitCode = 1;
  }
  process.exit(exitCode);
}
