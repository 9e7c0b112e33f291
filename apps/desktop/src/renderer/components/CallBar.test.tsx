// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransferTargets } from '@omnicc/shared';
import { createI18n } from '../i18n/index.js';
import type { AgentActions } from '../network/actions.js';
import { useCallStore } from '../stores/callStore.js';
import { useUiStore } from '../stores/uiStore.js';
import type { VoiceActions } from '../telephony/voiceController.js';
import { TEST_IDS } from '../testIds.js';
import { flush } from '../testing/fakes.js';
import { uuid } from '../testing/fixtures.js';
import { resetAllStores } from '../testing/reset.js';
import { ActionsContext } from './ActionsContext.js';
import { CallBar } from './CallBar.js';
import { VoiceContext } from './VoiceContext.js';

const TARGETS: TransferTargets = {
  queues: [{ queueId: 'billing', nameEn: 'Billing', nameZh: '计费', waiting: 3 }],
  agents: [
    { agentId: uuid(71), displayName: 'Li Na', status: 'ready', available: true },
    { agentId: uuid(72), displayName: 'Zhou Bo', status: 'notReady', available: false },
  ],
};

function fakeVoice(): VoiceActions {
  return {
    answerOffer: vi.fn(() => Promise.resolve()),
    rejectOffer: vi.fn(() => Promise.resolve()),
    answerCall: vi.fn(() => Promise.resolve()),
    hangUp: vi.fn(() => Promise.resolve()),
    toggleHold: vi.fn(() => Promise.resolve()),
    toggleMute: vi.fn(),
    sendDtmf: vi.fn(() => Promise.resolve()),
    transfer: vi.fn(() => Promise.resolve(true)),
    consult: vi.fn(() => Promise.resolve(true)),
    completeConsult: vi.fn(() => Promise.resolve(true)),
    cancelConsult: vi.fn(() => Promise.resolve()),
    dial: vi.fn(() => Promise.resolve(true)),
    stats: vi.fn(() => Promise.resolve(null)),
  };
}

function renderBar(language: 'en' | 'zh-CN' = 'en') {
  const voice = fakeVoice();
  // The call bar's picker only reads the targets through the agent actions.
  const actions = { loadTransferTargets: vi.fn(() => Promise.resolve({ ok: true as const, value: TARGETS })) } as unknown as AgentActions;
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <ActionsContext.Provider value={actions}>
        <VoiceContext.Provider value={voice}>
          <CallBar />
        </VoiceContext.Provider>
      </ActionsContext.Provider>
    </I18nextProvider>,
  );
  return { voice, actions };
}

const ring = (offerId: string | null, interactionId: string | null = null) =>
  useCallStore.getState().ringing({ callId: 'c1', offerId, interactionId, consultFor: null, number: '13800138000', name: 'Li Lei' });

/** Talking to Li Lei about interaction 1. */
const talking = () =>
  act(() => {
    ring('offer-1', uuid(1));
    useCallStore.getState().connected('c1', new Date().toISOString());
  });

/** Li Lei on hold, and the consult call to Li Na (interaction 1) in this phase. */
const consulting = (phase: 'dialing' | 'connected') =>
  act(() => {
    useCallStore.getState().setHeld('c1', true);
    useCallStore.getState().consultDialing({ callId: 'k1', number: 'lina', name: 'Li Na', consultFor: uuid(1), colleagueId: uuid(71) });
    if (phase === 'connected') useCallStore.getState().connected('k1', new Date().toISOString());
  });

describe('CallBar', () => {
  beforeEach(resetAllStores);
  afterEach(cleanup);

  it('stays out of the way while an offer\'s call rings (its card answers it), and shows the call once connected', () => {
    renderBar();
    act(() => ring('offer-1'));
    expect(screen.queryByTestId(TEST_IDS.callBar)).toBeNull();
    act(() => useCallStore.getState().connected('c1', new Date().toISOString()));
    const bar = screen.getByTestId(TEST_IDS.callBar);
    expect(bar.getAttribute('data-phase')).toBe('connected');
    expect(screen.getByTestId(TEST_IDS.callParty).textContent).toBe('Li Lei');
    expect(bar.textContent).toContain('13800138000');
    expect(screen.getByTestId(TEST_IDS.callTimer)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Call in progress' })).toBeTruthy();
  });

  it('drives hold, mute, keypad and hang up, with pressed states and shortcuts announced', async () => {
    const { voice } = renderBar();
    act(() => {
      ring('offer-1');
      useCallStore.getState().connected('c1', new Date().toISOString());
    });
    const user = userEvent.setup();
    const hold = screen.getByTestId(TEST_IDS.callHold);
    expect(hold.getAttribute('aria-keyshortcuts')).toBe('Alt+H');
    await user.click(hold);
    expect(voice.toggleHold).toHaveBeenCalled();
    act(() => useCallStore.getState().setHeld('c1', true));
    expect(screen.getByTestId(TEST_IDS.callHold).textContent).toBe('Resume');
    expect(screen.getByTestId(TEST_IDS.callHold).getAttribute('aria-pressed')).toBe('true');
    // The keypad only works while talking, not on hold.
    expect(screen.getByTestId<HTMLButtonElement>(TEST_IDS.callKeypad).disabled).toBe(true);
    act(() => useCallStore.getState().setHeld('c1', false));

    await user.click(screen.getByTestId(TEST_IDS.callMute));
    expect(voice.toggleMute).toHaveBeenCalled();

    await user.click(screen.getByTestId(TEST_IDS.callKeypad));
    const keypad = screen.getByTestId(TEST_IDS.dtmfKeypad);
    expect(keypad.contains(document.activeElement)).toBe(true);
    await user.click(screen.getByRole('button', { name: '7' }));
    await user.keyboard('#');
    expect(vi.mocked(voice.sendDtmf).mock.calls).toEqual([['7'], ['#']]);
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId(TEST_IDS.dtmfKeypad)).toBeNull();

    await user.click(screen.getByTestId(TEST_IDS.callHangUp));
    expect(voice.hangUp).toHaveBeenCalled();
  });

  it('answers a call that rings without an offer, in Chinese too', async () => {
    const { voice } = renderBar('zh-CN');
    act(() => ring(null));
    expect(screen.getByTestId(TEST_IDS.callBar).textContent).toContain('来电振铃');
    await userEvent.setup().click(screen.getByRole('button', { name: '接听' }));
    expect(voice.answerCall).toHaveBeenCalled();
    act(() => useCallStore.getState().connected('c1', new Date().toISOString()));
    for (const label of ['保持', '静音', '拨号盘', '转接', '咨询', '挂断']) expect(screen.getByRole('button', { name: label })).toBeTruthy();
  });

  it('transfers the call to a queue or an agent picked in the transfer dialog', async () => {
    const { voice, actions } = renderBar();
    talking();
    const user = userEvent.setup();
    const transfer = screen.getByTestId(TEST_IDS.callTransfer);
    expect(transfer.getAttribute('aria-keyshortcuts')).toBe('Alt+T');
    await user.click(transfer);
    await act(flush);
    const dialog = screen.getByTestId(TEST_IDS.transferDialog);
    expect(actions.loadTransferTargets).toHaveBeenCalledWith(uuid(1));
    expect(within(dialog).getByRole('heading').textContent).toBe('Transfer the call: Li Lei');
    expect(within(dialog).getAllByTestId(TEST_IDS.transferQueue)).toHaveLength(1);
    expect(within(dialog).getAllByTestId(TEST_IDS.transferAgent)).toHaveLength(2);
    await user.keyboard('li na{Enter}');
    await act(flush);
    expect(voice.transfer).toHaveBeenCalledWith({ agentId: uuid(71) });
    expect(screen.queryByTestId(TEST_IDS.transferDialog)).toBeNull();
  });

  it('says in the dialog why a transfer failed, once, and lets the agent pick again', async () => {
    const { voice } = renderBar();
    vi.mocked(voice.transfer).mockImplementationOnce(() => {
      useUiStore.getState().showNotice('callTransfer', 'TRANSFER_REFUSED');
      return Promise.resolve(false);
    });
    talking();
    await userEvent.click(screen.getByTestId(TEST_IDS.callTransfer));
    await act(flush);
    await userEvent.click(screen.getByTestId(TEST_IDS.transferSubmit));
    await act(flush);
    expect(voice.transfer).toHaveBeenCalledWith({ queueId: 'billing' });
    expect(screen.getByTestId(TEST_IDS.transferError).textContent).toBe(
      "Transferring the call failed: the caller's phone or the phone system refused the transfer; the call stays with you.",
    );
    expect(useUiStore.getState().notice).toBeNull();
    expect(screen.getByTestId(TEST_IDS.transferSubmit).getAttribute('aria-busy')).toBeNull();
  });

  it('consults an agent picked from the agents (no queues), then completes or cancels on the consult line', async () => {
    const { voice } = renderBar();
    talking();
    const user = userEvent.setup();
    await user.click(screen.getByTestId(TEST_IDS.callConsult));
    await act(flush);
    const dialog = screen.getByRole('dialog', { name: 'Consult an agent about Li Lei' });
    expect(within(dialog).queryByTestId(TEST_IDS.transferQueue)).toBeNull();
    expect(screen.getByTestId(TEST_IDS.transferSubmit).textContent).toBe('Call');
    await user.click(within(dialog).getByText('Li Na'));
    await act(flush);
    expect(voice.consult).toHaveBeenCalledWith(uuid(71));
    expect(screen.queryByTestId(TEST_IDS.transferDialog)).toBeNull();

    consulting('dialing');
    const line = screen.getByTestId(TEST_IDS.callConsultBar);
    expect(screen.getByRole('group', { name: 'Consult call' })).toBe(line);
    expect(line.getAttribute('data-phase')).toBe('dialing');
    expect(line.textContent).toContain('ConsultingLi Nalina');
    // Until the colleague answers there is nobody to hand over to.
    expect(screen.getByTestId<HTMLButtonElement>(TEST_IDS.callConsultComplete).disabled).toBe(true);
    // The customer comes back through Cancel consult; no second hand-over meanwhile.
    for (const id of [TEST_IDS.callHold, TEST_IDS.callTransfer, TEST_IDS.callConsult]) expect(screen.getByTestId<HTMLButtonElement>(id).disabled).toBe(true);

    consulting('connected');
    await user.click(screen.getByTestId(TEST_IDS.callConsultComplete));
    expect(voice.completeConsult).toHaveBeenCalled();
    act(() => useCallStore.getState().setPending('k1', 'transfer'));
    expect(screen.getByTestId(TEST_IDS.callConsultBar).textContent).toContain('Transferring…');
    act(() => useCallStore.getState().setPending('k1', null));
    await user.click(screen.getByRole('button', { name: 'Cancel consult' }));
    expect(voice.cancelConsult).toHaveBeenCalled();
  });

  it('offers no transfer or consult for a call routing does not know', () => {
    renderBar();
    act(() => {
      ring(null);
      useCallStore.getState().connected('c1', new Date().toISOString());
    });
    expect(screen.getByTestId<HTMLButtonElement>(TEST_IDS.callTransfer).disabled).toBe(true);
    expect(screen.getByTestId<HTMLButtonElement>(TEST_IDS.callConsult).disabled).toBe(true);
  });

  it('shows the transfer under way, and "Transferred" when the call left', () => {
    renderBar();
    talking();
    act(() => useCallStore.getState().setPending('c1', 'transfer'));
    expect(screen.getByTestId(TEST_IDS.callBar).textContent).toContain('Transferring…');
    act(() => useCallStore.getState().ended('c1', 'transferred'));
    const bar = screen.getByTestId(TEST_IDS.callBar);
    expect(bar.getAttribute('data-phase')).toBe('transferred');
    expect(bar.textContent).toContain('Transferred');
    expect(screen.queryByTestId(TEST_IDS.callHangUp)).toBeNull();
  });

  it('says a colleague\'s consult call is one, and shows it aside once the customer\'s call came over', () => {
    renderBar('zh-CN');
    act(() => useCallStore.getState().ringing({ callId: 'k1', offerId: null, interactionId: null, consultFor: uuid(1), number: 'wang', name: 'Wang Fang' }));
    expect(screen.getByTestId(TEST_IDS.callBar).textContent).toContain('咨询来电Wang Fang');
    act(() => {
      useCallStore.getState().connected('k1', new Date().toISOString());
      useCallStore.getState().ringingBesideConsult({ callId: 'c9', offerId: 'offer-9', interactionId: uuid(1), consultFor: null, number: '13800138000', name: 'Li Lei' });
    });
    // The customer's call rings for its offer (answered by itself); the consult line stays visible meanwhile.
    expect(screen.queryByTestId(TEST_IDS.callBar)).toBeNull();
    const line = screen.getByTestId(TEST_IDS.callConsultBar);
    expect(line.getAttribute('data-call-id')).toBe('k1');
    expect(screen.queryByTestId(TEST_IDS.callConsultComplete)).toBeNull();
    expect(screen.getByTestId(TEST_IDS.callConsultCancel).textContent).toBe('结束咨询');
  });
});
