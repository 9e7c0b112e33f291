// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../i18n/index.js';
import { useCallStore } from '../stores/callStore.js';
import type { VoiceActions } from '../telephony/voiceController.js';
import { TEST_IDS } from '../testIds.js';
import { resetAllStores } from '../testing/reset.js';
import { CallBar } from './CallBar.js';
import { VoiceContext } from './VoiceContext.js';

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
    dial: vi.fn(() => Promise.resolve(true)),
    stats: vi.fn(() => Promise.resolve(null)),
  };
}

function renderBar(language: 'en' | 'zh-CN' = 'en') {
  const voice = fakeVoice();
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <VoiceContext.Provider value={voice}>
        <CallBar />
      </VoiceContext.Provider>
    </I18nextProvider>,
  );
  return voice;
}

const ring = (offerId: string | null) =>
  useCallStore.getState().ringing({ callId: 'c1', offerId, interactionId: null, number: '13800138000', name: 'Li Lei' });

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
    const voice = renderBar();
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

  it('transfers to a typed number and refuses what is not one', async () => {
    const voice = renderBar();
    act(() => {
      ring(null);
      useCallStore.getState().connected('c1', new Date().toISOString());
    });
    const user = userEvent.setup();
    await user.click(screen.getByTestId(TEST_IDS.callTransfer));
    const field = screen.getByTestId(`${TEST_IDS.callTransferDialog}-number`);
    expect(document.activeElement).toBe(field);
    await user.type(field, 'abc{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('Enter a number (digits, *, #, +).');
    expect(voice.transfer).not.toHaveBeenCalled();
    await user.clear(field);
    await user.type(field, '1001{Enter}');
    expect(voice.transfer).toHaveBeenCalledWith('1001');
    expect(screen.queryByTestId(TEST_IDS.callTransferDialog)).toBeNull();
  });

  it('answers a call that rings without an offer, in Chinese too', async () => {
    const voice = renderBar('zh-CN');
    act(() => ring(null));
    expect(screen.getByTestId(TEST_IDS.callBar).textContent).toContain('来电振铃');
    await userEvent.setup().click(screen.getByRole('button', { name: '接听' }));
    expect(voice.answerCall).toHaveBeenCalled();
    act(() => useCallStore.getState().connected('c1', new Date().toISOString()));
    for (const label of ['保持', '静音', '拨号盘', '转接', '挂断']) expect(screen.getByRole('button', { name: label })).toBeTruthy();
  });
});
