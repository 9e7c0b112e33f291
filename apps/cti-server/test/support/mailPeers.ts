import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { SMTPServer } from 'smtp-server';

/** mailparser's parser, for tests outside this package (the desktop's e2e) that read what the SMTP peer got. */
export { simpleParser as parseMail } from 'mailparser';
import { freePort } from './telephony.js';

const run = promisify(execFile);
const DOVECOT = '/usr/sbin/dovecot';
const DOVEADM = '/usr/bin/doveadm';

/** Why the email tests cannot run here, or undefined when they can. */
export function dovecotMissing(): string | undefined {
  return existsSync(DOVECOT) && existsSync(DOVEADM) ? undefined : 'dovecot not installed: run apps/cti-server/mail/install.sh';
}

export interface TestDovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Puts a mail into the INBOX (IMAP APPEND); resolves with its UID. */
  deliver(raw: string | Buffer): Promise<number>;
  /** Appends many over one connection (benchmarks); `make(i)` builds the i-th mail. */
  deliverMany(count: number, make: (i: number) => string | Buffer): Promise<void>;
  /** Deletes every mail of the INBOX (UIDs go on counting: a new mail never reuses one). */
  clear(): Promise<void>;
  /** How many mails a folder holds (0 when it does not exist). */
  count(folder: string): Promise<number>;
  /** The INBOX's UIDVALIDITY now. */
  uidValidity(): Promise<number>;
  /** Gives the INBOX a new UIDVALIDITY (doveadm), as a server restore or migration would. */
  setUidValidity(value: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real Dovecot IMAP server for one test file: foreground master process
 * (no daemon, so it dies with the test), loopback only, on a port below the
 * ephemeral range (see freePort), with its own config, run and state dirs,
 * a temp maildir and one passwd-file user. As root, mail is owned by the
 * Debian `mail` user (Dovecot refuses UID 0 for mail); otherwise by us.
 */
export async function startTestDovecot(): Promise<TestDovecot> {
  const dir = await mkdtemp(path.join(tmpdir(), 'omnicc-dovecot-'));
  // Dovecot's login and mail processes run as other users: they must reach the dir.
  await chmod(dir, 0o755);
  const port = await freePort();
  const user = 'support@omnicc.test';
  const password = 'mail-test-password';
  const asRoot = process.getuid?.() === 0;
  const me = userInfo().username;
  const mailDir = path.join(dir, 'mail');
  await mkdir(mailDir);
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'mail']);
    const uid = Number(stdout.trim());
    await chown(mailDir, uid, uid);
  }
  const conf = path.join(dir, 'dovecot.conf');
  await writeFile(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`, { mode: 0o644 });
  await writeFile(conf, dovecotConfig({ dir, port, mailDir, loginUser: asRoot ? 'dovenull' : me, internalUser: asRoot ? 'dovecot' : me, mailUser: asRoot ? 'mail' : me }));
  const master = spawn(DOVECOT, ['-F', '-c', conf], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  master.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await waitForGreeting(port, master, () => stderr);
  } catch (err) {
    await stopMaster(master);
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  const client = () => new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false, disableAutoIdle: true });
  const doveadm = (args: string[]) => run(DOVEADM, ['-c', conf, ...args]);
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async deliver(raw) {
      const c = client();
      await c.connect();
      try {
        const appended = await c.append('INBOX', raw);
        if (!appended || appended.uid === undefined) throw new Error('APPEND returned no UID');
        return appended.uid;
      } finally {
        await c.logout();
      }
    },
    async deliverMany(count, make) {
      const c = client();
      await c.connect();
      try {
        for (let i = 0; i < count; i++) await c.append('INBOX', make(i));
      } finally {
        await c.logout();
      }
    },
    async clear() {
      const c = client();
      await c.connect();
      try {
        await c.mailboxOpen('INBOX');
        if ((c.mailbox || undefined)?.exists) await c.messageDelete('1:*');
      } finally {
        await c.logout();
      }
    },
    async count(folder) {
      const { stdout } = await doveadm(['-f', 'flow', 'mailbox', 'status', '-u', user, 'messages', folder]).catch(() => ({ stdout: '' }));
      return Number(/messages=(\d+)/.exec(stdout)?.[1] ?? 0);
    },
    async uidValidity() {
      const { stdout } = await doveadm(['-f', 'flow', 'mailbox', 'status', '-u', user, 'uidvalidity', 'INBOX']);
      return Number(/uidvalidity=(\d+)/.exec(stdout)?.[1]);
    },
    async setUidValidity(value) {
      await doveadm(['mailbox', 'update', '--uid-validity', String(value), '-u', user, 'INBOX']);
    },
    async stop() {
      await stopMaster(master);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function dovecotConfig(o: { dir: string; port: number; mailDir: string; loginUser: string; internalUser: string; mailUser: string }): string {
  return `# Test instance (test/support/mailPeers.ts): loopback, plaintext, one user.
base_dir = ${o.dir}/run
state_dir = ${o.dir}/state
instance_name = omnicc-test-${o.port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${o.dir}/dovecot.log
default_login_user = ${o.loginUser}
default_internal_user = ${o.internalUser}
first_valid_uid = 1
mail_location = maildir:${o.mailDir}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${o.dir}/passwd
}
userdb {
  driver = static
  args = uid=${o.mailUser} gid=${o.mailUser} home=${o.mailDir}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${o.port}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
`;
}

/** Resolves once the server answers with its IMAP greeting; rejects if the master exits or 15 s pass. */
async function waitForGreeting(port: number, master: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (master.exitCode !== null) throw new Error(`dovecot exited (${master.exitCode}): ${stderr()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.setTimeout(1000);
      s.once('data', (d: Buffer) => {
        s.destroy();
        resolve(d.toString().startsWith('* OK'));
      });
      s.once('error', () => resolve(false));
      s.once('timeout', () => {
        s.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not answer on ${port}: ${stderr()}`);
}

/** SIGTERM to the master (it stops its children), SIGKILL to the whole group after 5 s: no process outlives the test. */
async function stopMaster(master: ChildProcess): Promise<void> {
  if (master.exitCode === null && master.signalCode === null) {
    const exited = new Promise<void>((resolve) => master.once('exit', () => resolve()));
    master.kill('SIGTERM');
    const timer = setTimeout(() => master.pid && killGroup(master.pid), 5000);
    await exited;
    clearTimeout(timer);
  }
  // Children left by a master that died abruptly share its process group (spawned detached).
  if (!master.pid) return;
  killGroup(master.pid);
  for (let i = 0; i < 100 && groupAlive(master.pid); i++) await new Promise((r) => setTimeout(r, 20));
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is gone already.
  }
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface TestSmtp {
  host: string;
  port: number;
  /** Every mail accepted so far, in order. */
  received: ReceivedMail[];
  /** The next `times` mails are refused with this SMTP reply code (4xx: try later, 5xx: never). */
  refuseNext(code: number, times: number): void;
  stop(): Promise<void>;
}

/** An SMTP server in this process (npm smtp-server): accepts any login and keeps every mail. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let refusals: { code: number; left: number } = { code: 0, left: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusals.left > 0) {
          refusals.left--;
          return callback(Object.assign(new Error(`refused by the test (${refusals.code})`), { responseCode: refusals.code }));
        }
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    host: '127.0.0.1',
    port,
    received,
    refuseNext: (code, times) => (refusals = { code, left: times }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
