/**
 * Flow designer frame time (issue 7): a team lead drags a node of a 500-node
 * flow (and, for the ratio, of a 50-node flow) across the canvas in Debian
 * Chromium, in the web desktop served by the demo server. Frame intervals
 * are read from requestAnimationFrame in the page while the mouse moves; a
 * Chromium performance trace of each drag is saved under
 * apps/desktop/artifacts/ for a closer look (chrome://tracing or DevTools).
 * Prints a table, then JSON. Figures only: nothing here asserts a time.
 *
 *   pnpm bench:flows:designer     (needs: pnpm --filter @omnicc/desktop run build:web)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, launchBrowser } from '../../apps/desktop/e2e/support/browser.js';
import { startDemoServer } from '../../apps/desktop/e2e/support/demoServer.js';
import { loginAgent } from '../../apps/desktop/e2e/support/pages.js';
import { largeFlow } from './largeFlow.js';

const SIZES = [50, 500];
const MOVES = 120;

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const round = (n: number): number => Math.round(n * 10) / 10;

async function leadToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lead1', password: 'lead1-demo' }) });
  return ((await res.json()) as { token: string }).token;
}

const server = await startDemoServer();
const launched = await launchBrowser();
const browser = launched.browser;
const rows: Record<string, number | string>[] = [];
try {
  const token = await leadToken(server.url);
  for (const size of SIZES) {
    const doc = largeFlow(size);
    const created = await fetch(`${server.url}/api/flows`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ document: doc }) });
    if (!created.ok) throw new Error(`creating the ${size}-node flow: HTTP ${created.status} ${await created.text()}`);
  }
  const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })).newPage();
  await loginAgent(page, server.url, 'lead1', 'lead1-demo');
  await page.getByTestId('workspace-flows').click();
  const cdp = await page.context().newCDPSession(page);

  for (const size of SIZES) {
    await page.locator(`[data-testid="flows-list-item"][data-flow-key="bench-${size}"]`).click();
    await page.locator('[data-testid="flow-canvas"]').waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="flow-node"]').length >= Math.min(n, 20), size);
    // Let validation, layout and the first paints settle.
    await page.waitForTimeout(1_500);
    // The node nearest the canvas's centre: on screen whatever the zoom the designer opened at.
    const canvas = await page.locator('[data-testid="flow-canvas"]').boundingBox();
    if (!canvas) throw new Error('no canvas');
    const boxes = await page.locator('[data-testid="flow-node"]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
    const cx = canvas.x + canvas.width / 2;
    const cy = canvas.y + canvas.height / 3;
    const box = boxes.sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy))[0];
    if (!box) throw new Error('no node on screen');
    const rendered = await page.locator('[data-testid="flow-node"]').count();

    // A string, not a function: tsx's name-keeping helper (__name) does not exist in the page.
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__sampling = true;
      let last = performance.now();
      const tick = (now) => {
        window.__frames.push(now - last);
        last = now;
        if (window.__sampling) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    const traceChunks: unknown[] = [];
    cdp.on('Tracing.dataCollected', (e: { value: unknown[] }) => traceChunks.push(...e.value));
    const traceDone = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.frame,blink.user_timing', transferMode: 'ReportEvents' });

    const x0 = box.x + box.width / 2;
    const y0 = box.y + box.height / 2;
    const t0 = Date.now();
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (let i = 1; i <= MOVES; i++) {
      // A slow circle and back: what a hand does while placing a node.
      const a = (i / MOVES) * Math.PI * 2;
      await page.mouse.move(x0 + 180 * Math.sin(a), y0 + 90 * (1 - Math.cos(a)));
    }
    await page.mouse.up();
    const dragMs = Date.now() - t0;

    await cdp.send('Tracing.end');
    await traceDone;
    const frames = await page.evaluate<number[]>('(() => { window.__sampling = false; return window.__frames.slice(1); })()');
    mkdirSync(ARTIFACTS, { recursive: true });
    const traceFile = path.join(ARTIFACTS, `flow-designer-drag-${size}.trace.json`);
    writeFileSync(traceFile, JSON.stringify({ traceEvents: traceChunks }));
    // Main-thread tasks over 50 ms in the trace: what a user feels as a stall.
    const tasks = (traceChunks as { name?: string; dur?: number; tid?: number; cat?: string }[]).filter((e) => e.name === 'RunTask' && typeof e.dur === 'number');
    // The renderer's main thread is the one running the most task time.
    const byThread = new Map<number, number>();
    for (const t of tasks) byThread.set(t.tid ?? 0, (byThread.get(t.tid ?? 0) ?? 0) + (t.dur ?? 0));
    const mainTid = [...byThread].sort((a, b) => b[1] - a[1])[0]?.[0];
    const mainTasks = tasks.filter((t) => t.tid === mainTid);
    const longTasks = mainTasks.filter((t) => (t.dur ?? 0) > 50_000).length;
    const busyMs = mainTasks.reduce((sum, t) => sum + (t.dur ?? 0), 0) / 1000;
    const taskDurations = mainTasks.map((t) => (t.dur ?? 0) / 1000).sort((a, b) => a - b);
    // The drag must have moved the node, or the figures measure nothing.
    const after = await page.locator('[data-testid="flow-node"]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y })));
    const moved = !after.some((r) => Math.abs(r.x - box.x) < 1 && Math.abs(r.y - box.y) < 1);

    const sorted = [...frames].sort((a, b) => a - b);
    rows.push({
      nodes: size,
      renderedNodes: rendered,
      moves: MOVES,
      dragMs,
      frames: frames.length,
      frameP50Ms: round(quantile(sorted, 0.5)),
      frameP95Ms: round(quantile(sorted, 0.95)),
      frameP99Ms: round(quantile(sorted, 0.99)),
      frameMaxMs: round(sorted.at(-1) ?? Number.NaN),
      over33Ms: frames.filter((f) => f > 33.4).length,
      longTasks,
      mainBusyMs: Math.round(busyMs),
      taskP99Ms: round(quantile(taskDurations, 0.99)),
      moved: String(moved),
      trace: path.relative(process.cwd(), traceFile),
    });
  }
} finally {
  await launched.close();
  await server.stop();
}

console.log('\nflow designer: dragging one node (frame intervals from requestAnimationFrame; long tasks > 50 ms from the trace)');
console.table(rows);
console.log(JSON.stringify({ bench: 'flows-designer', rows }));
