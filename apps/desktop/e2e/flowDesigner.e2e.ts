import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { FlowRunView, Session } from '@omnicc/shared';
import { FLOW_TEST_IDS } from '../../../packages/ui/src/FlowDesigner/testIds.js';
import { FLOWS_TEST_IDS } from '../src/renderer/components/flows/flowsTestIds.js';
import { launchBrowser } from './support/browser.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { axeViolations, byId, customerChat, loginAgent, shot } from './support/pages.js';

const FLOW_KEY = 'billing-question';
const FLOW_NAME = '话费咨询 Billing question';
const SCRIPT_TEXT = '您好 {{customer.name}}，您的话费问题已登记。';

/**
 * Issue 7's acceptance test, in Chromium with real pointer events: a team
 * lead builds a small flow by dragging a node from the palette onto the
 * canvas and connecting handles, sees and fixes the validation errors,
 * records a flow test from a simulation, publishes and binds the flow to the
 * chat queue; then an agent accepts a chat, walks the flow in the side
 * panel, and the outcome is stored on the interaction.
 */
describe('service flow designer: drawn, tested, published and run', () => {
  let server: DemoServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let lead: Page;
  let scriptId = '';

  const designer = (id: keyof typeof FLOW_TEST_IDS): Locator => lead.getByTestId(FLOW_TEST_IDS[id]);
  const flows = (id: keyof typeof FLOWS_TEST_IDS): Locator => lead.getByTestId(FLOWS_TEST_IDS[id]);
  const node = (id: string): Locator => lead.locator(`[data-testid="${FLOW_TEST_IDS.node}"][data-node-id="${id}"]`);
  const handle = (nodeId: string, port: string): Locator => node(nodeId).locator(`[data-testid="${FLOW_TEST_IDS.handle}"][data-port="${port}"]`);
  const problemCodes = async (): Promise<string[]> => (await designer('problem').evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''))).sort();

  /** Presses the mouse on `from`, moves in steps (as a hand would) and lets go on `to`. */
  async function drag(from: Locator, to: { x: number; y: number }): Promise<void> {
    const box = await from.boundingBox();
    if (!box) throw new Error('nothing to drag');
    await lead.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await lead.mouse.down();
    await lead.mouse.move(box.x + box.width / 2 + 8, box.y + box.height / 2 + 8, { steps: 3 });
    await lead.mouse.move(to.x, to.y, { steps: 15 });
    await lead.mouse.up();
  }
  const centre = async (target: Locator): Promise<{ x: number; y: number }> => {
    const box = await target.boundingBox();
    if (!box) throw new Error('target not on screen');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };

  beforeAll(async () => {
    server = await startDemoServer();
    ({ browser, close: closeBrowser } = await launchBrowser());
    lead = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  });

  it('opens the flow workspace for a team lead and creates a flow', async () => {
    await loginAgent(lead, server.url, 'lead1', 'lead1-demo');
    await flows('workspaceNav').getByTestId(`${FLOWS_TEST_IDS.workspaceTabPrefix}flows`).click();
    await flows('list').waitFor();
    // The demo seed's three example flows are there, published.
    await expect.poll(() => flows('listItem').count()).toBeGreaterThanOrEqual(3);
    await flows('newFlow').click();
    await flows('newFlowName').fill(FLOW_NAME);
    await flows('newFlowKey').fill(FLOW_KEY);
    await flows('newFlowSubmit').click();
    await designer('canvas').waitFor();
    await node('start').waitFor();
    await node('end').waitFor();
    expect(await flows('editor').getAttribute('aria-label')).toBe(FLOW_NAME);
  });

  it('adds a script node by dragging it from the palette onto the canvas', async () => {
    const canvas = await designer('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    const before = await designer('node').count();
    await drag(lead.locator(`[data-testid="${FLOW_TEST_IDS.paletteItem}"][data-kind="script"]`), { x: canvas.x + canvas.width * 0.7, y: canvas.y + canvas.height * 0.35 });
    await expect.poll(() => designer('node').count()).toBe(before + 1);
    scriptId = (await lead.locator(`[data-testid="${FLOW_TEST_IDS.node}"][data-kind="script"]`).getAttribute('data-node-id')) ?? '';
    expect(scriptId).not.toBe('');
  });

  it('connects handles by dragging, shows the validation errors, and they go when fixed', async () => {
    // start → script: start's port now has two default edges, and the script's port leads nowhere.
    await drag(handle('start', 'out'), await centre(handle(scriptId, 'in')));
    await lead.locator(`[data-testid="${FLOW_TEST_IDS.tab}"][data-tab="problems"]`).click();
    await expect.poll(problemCodes, { timeout: 5_000 }).toEqual(expect.arrayContaining(['multiple-defaults', 'port-not-connected']));
    await shot(lead, 'flow-designer-errors-en');
    // script → end, then the old start → end edge goes.
    await drag(handle(scriptId, 'out'), await centre(handle('end', 'in')));
    await lead.getByTestId('rf__edge-e-start-end').click({ force: true });
    await lead.keyboard.press('Delete');
    await expect.poll(() => lead.getByTestId('rf__edge-e-start-end').count()).toBe(0);
    await expect.poll(problemCodes, { timeout: 5_000 }).toEqual([]);
    // The script's text, in the property form.
    await node(scriptId).click();
    await lead.locator(`[data-testid="${FLOW_TEST_IDS.tab}"][data-tab="properties"]`).click();
    await designer('propText').fill(SCRIPT_TEXT);
    await expect.poll(() => flows('saveState').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
  });

  it('simulates the flow and keeps the run as a flow test', async () => {
    await lead.locator(`[data-testid="${FLOW_TEST_IDS.tab}"][data-tab="simulate"]`).click();
    await designer('simStart').click();
    await expect.poll(() => designer('simStep').textContent()).toContain('您的话费问题已登记');
    await designer('simNext').click();
    await designer('simOutcome').waitFor();
    await designer('simSaveTest').click();
    await lead.locator(`[data-testid="${FLOW_TEST_IDS.tab}"][data-tab="tests"]`).click();
    await expect.poll(() => designer('testCase').count()).toBe(1);
    await expect.poll(() => flows('saveState').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
    await flows('runTests').click();
    const report = flows('testReport');
    await report.waitFor();
    await expect.poll(() => report.locator('[data-passed="true"]').count()).toBe(1);
    await lead.keyboard.press('Escape');
    expect(await axeViolations(lead)).toEqual([]);
    await shot(lead, 'flow-designer-en');
  });

  it('publishes version 1 with a comment and binds the flow to the chat queue', async () => {
    await flows('publish').click();
    await flows('publishComment').fill('First version: greet and register the billing question');
    await flows('publishSubmit').click();
    await expect.poll(() => flows('publishDialog').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => lead.locator(`[data-testid="${FLOWS_TEST_IDS.listItem}"][data-flow-key="${FLOW_KEY}"]`).textContent()).toContain('v1 live');
    await flows('bindings').click();
    await flows('bindingQueue').selectOption('chat-general');
    await flows('bindingChannel').selectOption('chat');
    // Above the seed's broadband-fault binding on the same queue.
    await flows('bindingPriority').fill('10');
    await flows('bindingAdd').click();
    await expect.poll(() => flows('bindingRow').count()).toBe(1);
    expect(await axeViolations(lead)).toEqual([]);
    await shot(lead, 'flow-bindings-en');
    await lead.keyboard.press('Escape');
    await expect.poll(() => flows('bindingsDialog').count()).toBe(0);
  });

  it('draws what changed since the published version on the canvas, in both languages', async () => {
    await node(scriptId).click();
    await lead.locator(`[data-testid="${FLOW_TEST_IDS.tab}"][data-tab="properties"]`).click();
    await designer('propText').fill(`${SCRIPT_TEXT} 请稍候。`);
    await expect.poll(() => flows('saveState').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
    await flows('versions').click();
    await lead.locator(`[data-testid="${FLOWS_TEST_IDS.versionRow}"][data-version="1"]`).getByTestId(FLOWS_TEST_IDS.compare).click();
    await flows('compareBar').waitFor();
    await expect.poll(() => node(scriptId).getAttribute('data-diff')).toBe('changed');
    expect(await designer('diffItem').count()).toBeGreaterThan(0);
    await shot(lead, 'flow-compare-en');
    await byId(lead, 'languageSwitch').selectOption('zh-CN');
    await expect.poll(() => flows('compareBar').textContent()).toContain('正在比较 v1 与草稿');
    expect(await axeViolations(lead)).toEqual([]);
    await shot(lead, 'flow-compare-zh-CN');
    await flows('closeCompare').click();
    await expect.poll(() => flows('runTests').textContent()).toBe('运行测试');
    expect(await axeViolations(lead)).toEqual([]);
    await shot(lead, 'flow-designer-zh-CN');
  });

  it('runs in the agent’s side panel when an agent accepts a chat, and the outcome is stored', async () => {
    const agent = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })).newPage();
    await loginAgent(agent, server.url, 'agent1', 'agent1-demo');
    await byId(agent, 'statusReady').click();
    await customerChat(browser, server.url, { name: '王五', phone: '13900139000', text: '我想问一下话费' });
    await byId(agent, 'offerItem').waitFor();
    await agent.keyboard.press('Alt+a');
    const interactionId = (await byId(agent, 'conversation').getAttribute('data-interaction-id')) ?? '';
    await expect.poll(() => byId(agent, 'flowName').textContent(), { timeout: 15_000 }).toContain(FLOW_NAME);
    await expect.poll(() => byId(agent, 'flowStep').textContent()).toContain('您好 王五，您的话费问题已登记。');
    await byId(agent, 'flowNext').click();
    await expect.poll(() => byId(agent, 'flowPanel').getAttribute('data-state')).toBe('finished');
    await shot(agent, 'flow-designed-run-en');

    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'agent1', password: 'agent1-demo' }) });
    const { token } = (await login.json()) as Session;
    const res = await fetch(`${server.url}/api/interactions/${interactionId}/flow-run`, { headers: { authorization: `Bearer ${token}` } });
    const run = (await res.json()) as FlowRunView;
    expect(run).toMatchObject({ status: 'finished', flowKey: FLOW_KEY, version: 1, outcome: { kind: 'ended', nodeId: 'end' } });
    expect(run.steps.map((s) => s.nodeId)).toEqual(['start', scriptId, 'end']);
  });
});
