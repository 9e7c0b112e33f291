// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack, Interaction, TransferTargets } from '@omnicc/shared';
import type { Language } from '../i18n/index.js';
import { useSessionStore } from '../stores/sessionStore.js';
import { TEST_IDS } from '../testIds.js';
import { flush, type FakeSocket } from '../testing/fakes.js';
import { AGENT_ID, makeInteraction, makeSession, uuid } from '../testing/fixtures.js';
import { renderApp } from '../testing/renderApp.js';
import { resetAllStores } from '../testing/reset.js';

const TARGETS: TransferTargets = {
  queues: [
    { queueId: 'billing', nameEn: 'Billing', nameZh: '计费', waiting: 3 },
    { queueId: 'vip', nameEn: 'VIP care', nameZh: '大客户', waiting: 0 },
  ],
  agents: [
    { agentId: uuid(71), displayName: 'Li Na', status: 'notReady', available: false },
    { agentId: uuid(72), displayName: 'Zhou Bo', status: 'ready', available: true },
    // The server may list the sender too; nobody transfers to themselves.
    { agentId: AGENT_ID, displayName: 'Wang Fang', status: 'busy', available: false },
  ],
};

const LI_LEI = makeInteraction(1, { customer: { name: 'Li Lei', phone: '+8613800000001' } });

async function openDesk(language: Language = 'en', interactions: Interaction[] = [LI_LEI]): Promise<FakeSocket> {
  useSessionStore.getState().signIn(makeSession());
  const { socket } = renderApp({ language });
  socket.handle('agent:snapshot', () => ({
    ok: true,
    value: { status: 'busy', chosen: 'ready', statusSince: new Date().toISOString(), offers: [], interactions, messages: {} },
  }));
  socket.handle('chat:read', () => ({ ok: true, value: null }));
  socket.handle('transfer:targets', () => ({ ok: true, value: TARGETS }));
  await act(async () => {
    socket.open();
    await flush();
  });
  return socket;
}

async function openTransfer(): Promise<HTMLElement> {
  await userEvent.click(screen.getByTestId(TEST_IDS.transferOpen));
  await act(flush);
  return screen.getByTestId(TEST_IDS.transferDialog);
}

const optionTexts = (dialog: HTMLElement): string[] => within(dialog).queryAllByRole('option').map((o) => o.textContent ?? '');

describe('transfer', () => {
  beforeEach(resetAllStores);
  afterEach(cleanup);

  it('fetches the targets on open and lists queues and agents, unavailable ones greyed with the reason', async () => {
    const socket = await openDesk();
    const dialog = await openTransfer();
    expect(socket.sentOf('transfer:targets')).toEqual([{ interactionId: uuid(1) }]);
    expect(within(dialog).getByRole('heading').textContent).toBe('Transfer: Li Lei');
    expect(document.activeElement).toBe(screen.getByTestId(TEST_IDS.transferFilter));
    expect(optionTexts(within(dialog).getByRole('group', { name: 'Queues' }))).toEqual(['Billing3 waiting', 'VIP care0 waiting']);
    const agents = within(within(dialog).getByRole('group', { name: 'Agents' })).getAllByRole('option');
    expect(agents.map((a) => a.getAttribute('data-key'))).toEqual([`agent:${uuid(71)}`, `agent:${uuid(72)}`]);
    expect(agents[0]!.getAttribute('aria-disabled')).toBe('true');
    expect(agents[0]!.textContent).toBe('Li NaNot readyNot taking conversations');
    expect(agents[1]!.getAttribute('aria-disabled')).toBeNull();
    expect(agents[1]!.textContent).toBe('Zhou BoReady');
  });

  it('shows queue names in the UI language, with the glossary words', async () => {
    await openDesk('zh-CN');
    await userEvent.click(screen.getByRole('button', { name: '转接' }));
    await act(flush);
    const dialog = screen.getByRole('dialog', { name: '转接：Li Lei' });
    expect(optionTexts(within(dialog).getByRole('group', { name: '技能组' }))).toEqual(['计费排队 3', '大客户排队 0']);
    expect(within(within(dialog).getByRole('group', { name: '坐席' })).getAllByRole('option')[0]!.textContent).toBe('Li Na示忙示忙，暂不接待');
  });

  it('filters, transfers with Enter, and the interaction leaves the desk without a wrap-up; the next one is selected', async () => {
    const socket = await openDesk('en', [LI_LEI, makeInteraction(2, { customer: { name: 'Han Mei', phone: '+8613800000002' } })]);
    let answer: (ack: Ack<Interaction>) => void = () => {};
    socket.handle('interaction:transfer', () => new Promise((resolve) => (answer = resolve)));
    expect(screen.getByTestId(TEST_IDS.conversation).getAttribute('data-interaction-id')).toBe(uuid(1));
    const dialog = await openTransfer();
    await userEvent.keyboard('zhou');
    expect(within(dialog).getAllByRole('option').map((o) => o.getAttribute('data-key'))).toEqual([`agent:${uuid(72)}`]);
    await userEvent.keyboard('{Enter}');
    expect(socket.sentOf('interaction:transfer')).toEqual([{ interactionId: uuid(1), to: { agentId: uuid(72) } }]);
    const submit = screen.getByTestId(TEST_IDS.transferSubmit);
    expect(submit.getAttribute('aria-busy')).toBe('true');
    expect(submit.textContent).toBe('Transferring…');
    await userEvent.keyboard('{Enter}');
    expect(socket.sentOf('interaction:transfer')).toHaveLength(1);

    await act(async () => {
      // The ack shows it ringing at the other agent: no agent of ours any more.
      answer({ ok: true, value: makeInteraction(1, { state: 'offered', agentId: undefined, assignedAt: undefined, customer: LI_LEI.customer }) });
      await flush();
    });
    expect(screen.queryByTestId(TEST_IDS.transferDialog)).toBeNull();
    expect(screen.queryByTestId(TEST_IDS.wrapUpDialog)).toBeNull();
    const items = screen.getAllByTestId(TEST_IDS.inboxItem);
    expect(items.map((i) => i.getAttribute('data-interaction-id'))).toEqual([uuid(2)]);
    expect(items[0]!.getAttribute('data-state')).toBe('assigned');
    expect(screen.getByTestId(TEST_IDS.conversation).getAttribute('data-interaction-id')).toBe(uuid(2));
    // The next interaction can be transferred in turn.
    expect(screen.getByTestId(TEST_IDS.transferOpen)).toBeTruthy();
  });

  it('transfers to a queue on click, and an empty desk shows no conversation', async () => {
    const socket = await openDesk();
    socket.handle('interaction:transfer', () => ({ ok: true, value: makeInteraction(1, { state: 'queued', queueId: 'vip', agentId: undefined, assignedAt: undefined }) }));
    const dialog = await openTransfer();
    await userEvent.click(within(dialog).getByText('VIP care'));
    await act(flush);
    expect(socket.sentOf('interaction:transfer')).toEqual([{ interactionId: uuid(1), to: { queueId: 'vip' } }]);
    expect(screen.queryByTestId(TEST_IDS.transferDialog)).toBeNull();
    expect(screen.queryByTestId(TEST_IDS.wrapUpDialog)).toBeNull();
    expect(screen.queryByTestId(TEST_IDS.inboxItem)).toBeNull();
    expect(screen.queryByTestId(TEST_IDS.conversation)).toBeNull();
    expect(screen.queryByTestId(TEST_IDS.transferOpen)).toBeNull();
  });

  it('shows a coded error in the dialog, refreshes the list, and lets the agent pick again', async () => {
    const socket = await openDesk();
    socket.handle('interaction:transfer', () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'queue not visible' } }));
    await openTransfer();
    await userEvent.keyboard('{Enter}');
    await act(flush);
    expect(socket.sentOf('interaction:transfer')).toEqual([{ interactionId: uuid(1), to: { queueId: 'billing' } }]);
    expect(screen.getByTestId(TEST_IDS.transferError).textContent).toBe('Transferring the conversation failed: you are not allowed to do this.');
    expect(screen.getByTestId(TEST_IDS.transferSubmit).getAttribute('aria-busy')).toBeNull();
    expect(socket.sentOf('transfer:targets')).toHaveLength(2);
    expect(screen.queryByTestId(TEST_IDS.wrapUpDialog)).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId(TEST_IDS.transferFilter));
  });

  it('says why the targets could not be loaded and retries', async () => {
    const socket = await openDesk();
    socket.handle('transfer:targets', () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'failover' } }));
    const dialog = await openTransfer();
    expect(screen.getByTestId(TEST_IDS.transferError).textContent).toBe('Loading the transfer targets failed: routing is switching servers; try again in a moment.');
    socket.handle('transfer:targets', () => ({ ok: true, value: TARGETS }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Try again' }));
    await act(flush);
    expect(screen.queryByTestId(TEST_IDS.transferError)).toBeNull();
    expect(within(dialog).getAllByRole('option')).toHaveLength(4);
  });

  it('opens with Alt+T, closes on Escape and gives focus back', async () => {
    await openDesk();
    const opener = screen.getByTestId(TEST_IDS.transferOpen);
    opener.focus();
    await userEvent.keyboard('{Alt>}t{/Alt}');
    await act(flush);
    expect(screen.getByTestId(TEST_IDS.transferDialog)).toBeTruthy();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId(TEST_IDS.transferDialog)).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('closes when the interaction stops being in progress', async () => {
    const socket = await openDesk();
    await openTransfer();
    act(() => socket.push('interaction:updated', makeInteraction(1, { state: 'wrapUp' })));
    expect(screen.queryByTestId(TEST_IDS.transferDialog)).toBeNull();
    expect(screen.getByTestId(TEST_IDS.wrapUpDialog)).toBeTruthy();
  });
});
