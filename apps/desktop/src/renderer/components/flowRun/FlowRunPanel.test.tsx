// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowRunView, Interaction } from '@omnicc/shared';
import { ApiError, type Api } from '../../network/api.js';
import { useFlowRunStore } from '../../stores/flowRunStore.js';
import { useSessionStore } from '../../stores/sessionStore.js';
import { TEST_IDS } from '../../testIds.js';
import { fakeApi, flush, type FakeSocket } from '../../testing/fakes.js';
import { fakeFlowsApi } from '../../testing/fakeFlowsApi.js';
import { askingRun, makeFlowRun, step } from '../../testing/flowRunFixtures.js';
import { makeInteraction, makeSession, uuid } from '../../testing/fixtures.js';
import { renderApp } from '../../testing/renderApp.js';
import { resetAllStores } from '../../testing/reset.js';

const CATALOG = {
  addIns: [{ id: 'billing', name: { en: 'Billing (BSS)', 'zh-CN': '计费系统' }, operations: [{ name: 'lookupAccount', inputs: [], outputs: [{ name: 'balance', type: 'number', required: true, label: { en: 'Balance (yuan)', 'zh-CN': '余额（元）' } }] }] }],
  workOrderTypes: [{ type: 'faultReport', name: { en: 'Fault report', 'zh-CN': '故障申告' }, fields: [] }],
  queues: [{ id: 'voice-general', name: '热线-综合 Hotline – general' }],
  dispositions: [],
};

/** The desk with interaction 1 (chat unless said) whose run the API's `flowRun` answers. */
async function openDesk(api: Partial<Api>, interaction: Partial<Interaction> = {}, language: 'en' | 'zh-CN' = 'en'): Promise<{ socket: FakeSocket; api: Api }> {
  useSessionStore.getState().signIn(makeSession());
  const services = { api: fakeApi(api), flows: fakeFlowsApi({ catalog: () => Promise.resolve(CATALOG) }) };
  const { socket } = renderApp({ language, services });
  socket.handle('agent:snapshot', () => ({
    ok: true,
    value: { status: 'ready', chosen: 'ready', statusSince: new Date().toISOString(), offers: [], interactions: [makeInteraction(1, interaction)], messages: {} },
  }));
  await act(async () => {
    socket.open();
    await flush();
  });
  return { socket, api: services.api };
}

const panel = () => screen.getByTestId(TEST_IDS.flowPanel);
const push = async (socket: FakeSocket, view: FlowRunView) =>
  act(async () => {
    socket.push('flow:run', view);
    await flush();
  });

describe('the flow run panel', () => {
  beforeEach(() => resetAllStores());
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('shows a script with its flow and version, and goes on with Next to the form, focused', async () => {
    const send = vi.fn(() => Promise.resolve(askingRun()));
    await openDesk({ flowRun: () => Promise.resolve(makeFlowRun()), sendFlowRunEvent: send });
    expect((await screen.findByTestId(TEST_IDS.flowName)).textContent).toBe('宽带故障申告 Broadband fault report version 3');
    const current = screen.getByTestId(TEST_IDS.flowStep);
    expect(current.getAttribute('data-kind')).toBe('script');
    expect(current.textContent).toContain('Hello Customer 1, what is wrong with the broadband?');
    await userEvent.click(screen.getByTestId(TEST_IDS.flowNext));
    expect(send).toHaveBeenCalledWith('token-1', uuid(1), { event: { type: 'next', nodeId: 'greet' }, stepCount: 2 });
    expect(screen.getByTestId(TEST_IDS.flowStep).getAttribute('data-kind')).toBe('ask');
    expect(document.activeElement?.getAttribute('data-variable')).toBe('account');
    // The path so far names the script passed.
    expect(within(screen.getByTestId(TEST_IDS.flowPath)).getByText('Script')).toBeTruthy();
  });

  it('shows the server’s messages under each field, keeps the input, and saves once fixed', async () => {
    const refusal = new ApiError('UNPROCESSABLE', 'invalid answer', {
      code: 'invalid-answer',
      message: { en: 'Some answers are invalid', 'zh-CN': '部分回答无效' },
      fieldErrors: { account: { en: '6-20 letters or digits', 'zh-CN': '宽带账号为 6-20 位字母或数字' }, faultKind: { en: '"Fault" is required', 'zh-CN': '"故障现象" 为必填项' } },
    });
    const answered = { values: { account: 'bj02881234', faultKind: 'slow', contactPhone: null } };
    const done = makeFlowRun({ waiting: { kind: 'script', nodeId: 'confirm', text: 'Done' }, steps: [...askingRun().steps.slice(0, 2), step(2, 'askFault', 'ask', { port: 'out', input: answered }), step(3, 'confirm', 'script')] });
    const send = vi.fn<Api['sendFlowRunEvent']>().mockRejectedValueOnce(refusal).mockResolvedValueOnce(done);
    await openDesk({ flowRun: () => Promise.resolve(askingRun()), sendFlowRunEvent: send });
    const account = await screen.findByLabelText(/Broadband account/);
    expect(screen.getByText('Broadband account').parentElement?.textContent).toContain('*');
    await userEvent.type(account, 'bad');
    await userEvent.click(screen.getByLabelText(/Contact phone/));
    await userEvent.keyboard('{Enter}');
    expect(send.mock.calls[0]?.[2]).toEqual({ event: { type: 'submit', nodeId: 'askFault', values: { account: 'bad', faultKind: '', contactPhone: '' } }, stepCount: 3 });
    const errors = screen.getAllByTestId(TEST_IDS.flowFieldError).map((e) => e.textContent);
    expect(errors).toEqual(['6-20 letters or digits', '"Fault" is required']);
    expect(account.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(account);
    expect(document.getElementById(account.getAttribute('aria-describedby') ?? '')?.textContent).toBe('6-20 letters or digits');
    expect(screen.getByRole('radiogroup', { name: /Fault/ }).getAttribute('aria-describedby')).toBeTruthy();
    expect((account as HTMLInputElement).value).toBe('bad');
    expect(within(panel()).getByRole('alert').textContent).toContain('Nothing was saved');

    await userEvent.clear(account);
    await userEvent.type(account, 'bj02881234');
    await userEvent.click(screen.getByLabelText('Slow'));
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    expect(send.mock.calls[1]?.[2]).toMatchObject({ event: { values: { account: 'bj02881234', faultKind: 'slow' } } });
    expect(screen.queryAllByTestId(TEST_IDS.flowFieldError)).toEqual([]);
    expect(within(screen.getByTestId(TEST_IDS.flowPath)).getByText('Broadband account: bj02881234 · Fault: Slow · Contact phone: —')).toBeTruthy();
  });

  it('offers a long choice as a select, numbers and dates as text and date boxes', async () => {
    const choices = ['a', 'b', 'c', 'd', 'e'].map((v) => ({ value: v, label: `Option ${v}` }));
    const run = askingRun({
      waiting: {
        kind: 'ask',
        nodeId: 'plan',
        fields: [
          { variable: 'plan', label: 'Plan', input: 'choice', required: true, choices },
          { variable: 'amount', label: 'Amount', input: 'number', required: false },
          { variable: 'on', label: 'Effective on', input: 'date', required: false },
        ],
      },
    });
    await openDesk({ flowRun: () => Promise.resolve(run) });
    expect((await screen.findByLabelText(/Plan/)).tagName).toBe('SELECT');
    expect(screen.getByLabelText('Amount').getAttribute('inputmode')).toBe('decimal');
    expect(screen.getByLabelText('Effective on').getAttribute('type')).toBe('date');
  });

  it('says what the server is doing, then the work order’s failure as its result', async () => {
    const { socket } = await openDesk({
      flowRun: () => Promise.resolve(makeFlowRun({ waiting: { kind: 'effect', nodeId: 'createOrder', request: { kind: 'createWorkOrder', nodeId: 'createOrder', idempotencyKey: 'r:4', workOrderType: 'faultReport', fields: {} } }, steps: [...askingRun().steps, step(3, 'createOrder', 'createWorkOrder')] })),
    });
    await vi.waitFor(() => expect(screen.getByTestId(TEST_IDS.flowStep).textContent).toContain('Creating the work order (Fault report)…'));
    const failed = { result: { outcome: 'error', message: '工单功能尚未上线 / Work orders are not available yet' } };
    await push(
      socket,
      makeFlowRun({ waiting: { kind: 'script', nodeId: 'orderFailed', text: 'Apologize and transfer.' }, steps: [...askingRun().steps, step(3, 'createOrder', 'createWorkOrder', { port: 'error', input: failed }), step(4, 'orderFailed', 'script')] }),
    );
    expect(screen.getByTestId(TEST_IDS.flowResult).textContent).toBe('Work order Failed: 工单功能尚未上线 / Work orders are not available yet');
    expect(screen.getByTestId(TEST_IDS.flowStep).textContent).toContain('Apologize and transfer.');
  });

  it('shows an add-in’s outputs inline, and a customer reply’s countdown', async () => {
    const deadline = new Date(Date.now() + 10 * 60_000).toISOString();
    const billed = { result: { outcome: 'ok', output: { balance: 12.5 } } };
    await openDesk({
      flowRun: () => Promise.resolve(makeFlowRun({ waiting: { kind: 'waitReply', nodeId: 'wait', deadline }, steps: [step(0, 'start', 'start', { port: 'out' }), step(1, 'bill', 'addInCall', { port: 'ok', input: billed }), step(2, 'wait', 'waitReply')] })),
    });
    await vi.waitFor(() => expect(screen.getByTestId(TEST_IDS.flowResult).textContent).toBe('Add-in Balance (yuan): 12.5'));
    expect(screen.getByTestId(TEST_IDS.flowStep).textContent).toContain("Waiting for the customer's reply");
    expect(screen.getByTestId(TEST_IDS.flowCountdown).textContent).toMatch(/^Time left: \d+:\d\d$/);
  });

  it('reloads the run when another tab moved it on, and says so', async () => {
    const flowRun = vi.fn<Api['flowRun']>().mockResolvedValueOnce(makeFlowRun()).mockResolvedValueOnce(askingRun());
    await openDesk({ flowRun, sendFlowRunEvent: () => Promise.reject(new ApiError('CONFLICT', 'moved on')) });
    await userEvent.click(await screen.findByTestId(TEST_IDS.flowNext));
    expect(flowRun).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId(TEST_IDS.flowNotice).textContent).toContain('moved on in another tab or window');
    expect(screen.getByTestId(TEST_IDS.flowStep).getAttribute('data-kind')).toBe('ask');
  });

  it('keeps the answers when the server cannot be reached', async () => {
    await openDesk({ flowRun: () => Promise.resolve(askingRun()), sendFlowRunEvent: () => Promise.reject(new ApiError('NETWORK', 'offline')) });
    await userEvent.type(await screen.findByLabelText(/Broadband account/), 'bj02881234{Enter}');
    expect(within(panel()).getByRole('alert').textContent).toBe('Not saved: the server cannot be reached. Your answers are kept; try again.');
    expect(screen.getByLabelText<HTMLInputElement>(/Broadband account/).value).toBe('bj02881234');
  });

  it('ignores a push older than what it shows, and takes a GET only when it knows more', async () => {
    let answer: (v: FlowRunView) => void = () => {};
    const { socket } = await openDesk({ flowRun: () => new Promise((resolve) => (answer = resolve)) });
    await push(socket, askingRun());
    await act(async () => {
      answer(makeFlowRun());
      await flush();
    });
    expect(screen.getByTestId(TEST_IDS.flowStep).getAttribute('data-kind')).toBe('ask');
    await push(socket, makeFlowRun());
    expect(screen.getByTestId(TEST_IDS.flowStep).getAttribute('data-kind')).toBe('ask');
  });

  it('says in one line when no flow runs for the interaction, then shows one pushed later', async () => {
    const { socket } = await openDesk({});
    await vi.waitFor(() => expect(panel().getAttribute('data-state')).toBe('none'));
    expect(panel().textContent).toBe('Service flowNo service flow for this interaction');
    await push(socket, makeFlowRun());
    expect(panel().getAttribute('data-state')).toBe('waiting');
  });

  it('ends with the disposition, and the wrap-up suggests it in zh-CN', async () => {
    const finished = makeFlowRun({ status: 'finished', waiting: undefined, outcome: { kind: 'ended', nodeId: 'end', disposition: 'followUp' }, disposition: 'followUp', steps: [...askingRun().steps, step(3, 'end', 'end')] });
    const { socket } = await openDesk({ flowRun: () => Promise.resolve(finished) }, {}, 'zh-CN');
    await vi.waitFor(() => expect(screen.getByTestId(TEST_IDS.flowOutcome).textContent).toBe('流程已结束，小结：需回访'));
    await act(async () => {
      socket.push('interaction:updated', makeInteraction(1, { state: 'wrapUp' }));
      await flush();
    });
    const select = screen.getByTestId<HTMLSelectElement>(TEST_IDS.wrapUpDisposition);
    expect(select.value).toBe('followUp');
    expect(screen.getByTestId(TEST_IDS.wrapUpDialog).textContent).toContain('服务流程建议的小结：需回访');
    await userEvent.selectOptions(select, 'resolved');
    expect(select.value).toBe('resolved');
  });

  it('says why a run failed and where a transfer went', async () => {
    const failed = makeFlowRun({ status: 'failed', waiting: undefined, failure: { code: 'stuck', nodeId: 'd', message: { en: 'No branch held', 'zh-CN': '没有可走的分支' } } });
    const { socket } = await openDesk({ flowRun: () => Promise.resolve(failed) });
    await vi.waitFor(() => expect(screen.getByTestId(TEST_IDS.flowOutcome).textContent).toBe('The flow stopped: No branch held'));
    await push(socket, makeFlowRun({ runId: uuid(702), startedAt: '2026-03-02T00:00:00.000Z', status: 'finished', waiting: undefined, outcome: { kind: 'transferred', nodeId: 't', queueId: 'voice-general' } }));
    expect(screen.getByTestId(TEST_IDS.flowOutcome).textContent).toBe('Flow finished: transferred to the queue 热线-综合 Hotline – general');
  });

  it('folds to a rail and back with Alt+F, remembered for the session', async () => {
    await openDesk({ flowRun: () => Promise.resolve(makeFlowRun()) }, { channel: 'voice' });
    await screen.findByTestId(TEST_IDS.flowNext);
    await userEvent.click(screen.getByTestId(TEST_IDS.flowToggle));
    expect(panel().getAttribute('data-state')).toBe('collapsed');
    expect(useFlowRunStore.getState().collapsed).toBe(true);
    await userEvent.keyboard('{Alt>}f{/Alt}');
    expect(panel().getAttribute('data-state')).toBe('waiting');
    expect(document.activeElement).toBe(screen.getByTestId(TEST_IDS.flowNext));
    await userEvent.keyboard('{Alt>}f{/Alt}');
    expect(panel().getAttribute('data-state')).toBe('collapsed');
  });
});
