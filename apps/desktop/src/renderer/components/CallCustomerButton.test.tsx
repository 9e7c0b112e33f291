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
import { CallCustomerButton } from './CallCustomerButton.js';
import { VoiceContext } from './VoiceContext.js';

function renderButton(language: 'en' | 'zh-CN') {
  const voice = { dial: vi.fn(() => Promise.resolve(true)) } as unknown as VoiceActions;
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <VoiceContext.Provider value={voice}>
        <CallCustomerButton phone="13800138000" />
      </VoiceContext.Provider>
    </I18nextProvider>,
  );
  return voice;
}

describe('CallCustomerButton (click-to-call on the customer card)', () => {
  beforeEach(() => resetAllStores());
  afterEach(cleanup);

  it('calls the customer from the desk when the phone is registered and free', async () => {
    act(() => useCallStore.getState().setRegistration('registered'));
    const voice = renderButton('en');
    await userEvent.click(screen.getByRole('button', { name: 'Call 13800138000' }));
    expect(voice.dial).toHaveBeenCalledWith('13800138000');
  });

  it('names the number in Chinese too', () => {
    act(() => useCallStore.getState().setRegistration('registered'));
    renderButton('zh-CN');
    expect(screen.getByRole('button', { name: '呼叫 13800138000' })).toBeTruthy();
  });

  it('is not offered without a registered phone, or during a call', () => {
    renderButton('en');
    expect(screen.queryByTestId(TEST_IDS.customerCall)).toBeNull();
    act(() => {
      useCallStore.getState().setRegistration('registered');
      useCallStore.getState().ringing({ callId: 'c1', offerId: null, interactionId: null, consultFor: null, number: '13900139000', name: '' });
    });
    expect(screen.queryByTestId(TEST_IDS.customerCall)).toBeNull();
  });
});
