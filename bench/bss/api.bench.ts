/**
 * The BSS simulator under load: latency and throughput of
 * GET /v1/subscribers/:msisdn and GET /v1/subscribers/:msisdn/bills at
 * several concurrencies, random subscribers of the whole base.
 *
 * The simulator runs as a child process (pnpm start's entry, 127.0.0.1, a
 * free port, no faults); this process is the client, with one keep-alive
 * connection per concurrent request (node:http, lighter than fetch, so the
 * figure is the server's). The server's CPU time per request comes from
 * /proc. Prints a table and one JSON line; asserts nothing.
 *
 *   pnpm bench:bss                                     (from the repo root)
 *   BSS_BENCH_REQUESTS=2000 BSS_BENCH_CONCURRENCY=1,32 BSS_SUBSCRIBERS=1000000 pnpm bench:bss
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createDataset } from '../../apps/bss-sim/src/data/dataset.js';
import { Rng } from '../../apps/bss-sim/src/data/prng.js';
import { DEV_API_KEY } from '../../apps/bss-sim/src/server.js';
import { eachLimited, latencyFigures } from '../socket/stats.js';

const env = process.env;
const REQUESTS = Number(env.BSS_BENCH_REQUESTS ?? 5_000);
const CONCURRENCY = (env.BSS_BENCH_CONCURRENCY ?? '1,16,64').split(',').map(Number);
const SUBSCRIBERS = Number(env.BSS_SUBSCRIBERS ?? 100_000);
const WARMUP = 2_000;
const SIM_DIR = fileURLToPath(new URL('../../apps/bss-sim/', import.meta.url));

/** Starts the simulator and reads its URL (the first line it prints). */
async function startSim(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SIM_DIR,
    env: { ...env, BSS_PORT: '0', BSS_SUBSCRIBERS: String(SUBSCRIBERS), BSS_FAULTS: '', BSS_LATENCY_MS: '', BSS_JITTER_MS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`bss-sim exited (${code}) before listening`)));
  });
  child.stdout?.resume();
  return { child, url };
}

/** utime + stime of a process in ms (Linux /proc; fields 14 and 15, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** One GET, the body read to the end; resolves with the time it took. */
function get(agent: Agent, url: string): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${DEV_API_KEY}` } }, (res) => {
      res.resume();
      res.once('end', () => (res.statusCode === 200 ? resolve(performance.now() - start) : reject(new Error(`${url}: ${res.statusCode}`))));
    });
    req.once('error', reject);
    req.end();
  });
}

async function run(base: string, pid: number, path: (msisdn: string) => string, concurrency: number) {
  const dataset = createDataset({ subscribers: SUBSCRIBERS });
  const rng = new Rng(concurrency * 7919);
  const urls = (n: number) => Array.from({ length: n }, () => base + path(dataset.msisdnAt(rng.int(SUBSCRIBERS))));
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    await eachLimited(urls(WARMUP), concurrency, async (url) => void (await get(agent, url)));
    const samples: number[] = [];
    const cpuBefore = cpuMs(pid);
    const start = performance.now();
    await eachLimited(urls(REQUESTS), concurrency, async (url) => void samples.push(await get(agent, url)));
    const seconds = (performance.now() - start) / 1000;
    const figures = latencyFigures(samples);
    return {
      concurrency,
      requests: REQUESTS,
      perSec: Math.round(REQUESTS / seconds),
      p50ms: figures.p50ms,
      p99ms: figures.p99ms,
      maxMs: figures.maxMs,
      serverCpuUsPerReq: Math.round(((cpuMs(pid) - cpuBefore) * 1000) / REQUESTS),
    };
  } finally {
    agent.destroy();
  }
}

async function main(): Promise<void> {
  const { child, url } = await startSim();
  try {
    const endpoints = {
      'GET /v1/subscribers/:msisdn': (m: string) => `/v1/subscribers/${encodeURIComponent(m)}`,
      'GET /v1/subscribers/:msisdn/bills': (m: string) => `/v1/subscribers/${encodeURIComponent(m)}/bills`,
    };
    const rows: Record<string, unknown>[] = [];
    for (const [endpoint, path] of Object.entries(endpoints)) {
      for (const concurrency of CONCURRENCY) rows.push({ endpoint, ...(await run(url, child.pid ?? 0, path, concurrency)) });
    }
    console.log(`BSS simulator, ${SUBSCRIBERS.toLocaleString('en')} subscribers, ${REQUESTS} requests per row, keep-alive, random subscribers`);
    console.table(rows);
    console.log(JSON.stringify({ bench: 'bss', subscribers: SUBSCRIBERS, rows }));
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
