import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The SMSC simulator (smscProcess.ts) started in a child process: its port, and how many submits it accepted so far. */
export async function startSmscChild(credentials: { systemId: string; password: string }, cwd: string): Promise<{ child: ChildProcess; port: number; submits: () => Promise<number> }> {
  const child = fork(fileURLToPath(new URL('./smscProcess.ts', import.meta.url)), [JSON.stringify(credentials)], { cwd, execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  process.on('exit', () => child.kill('SIGKILL'));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`SMSC simulator exited with ${code}`)));
  });
  const submits = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => resolve((m as { submits: number }).submits));
      child.send('count');
    });
  return { child, port, submits };
}
