// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SmsConversation, SmsMessageView } from '@omnicc/shared';
import { useSessionStore } from '../../stores/sessionStore.js';
import { TEST_IDS } from '../../testIds.js';
import { fakeApi, flush, type FakeSocket } from '../../testing/fakes.js';
import { makeInteraction, makeSession, uuid } from '../../testing/fixtures.js';
import { renderApp } from '../../testing/renderApp.js';
import { resetAllStores } from '../../testing/reset.js';

const sms = (n: number, extra: Partial<SmsMessageView> = {}): SmsMessageView => ({
  id: uuid(200 + n),
  interactionId: uuid(1),
  direction: 'in',
  number: '+8613800138000',
  text: `message ${n}`,
  parts: 1,
  missingParts: [],
  at: new Date(Date.now() - (10 - n) * 60_000).toISOString(),
  ...extra,
});

const conversation: SmsConversation = {
  interactionId: uuid(1),
  number: '+8613800138000',
  optedOut: { word: '退订', at: '2026-11-20T08:00:00.000Z' },
  maxParts: 2,
  messages: [sms(1, { missingParts: [2], parts: 3 }), sms(2, { direction: 'out', delivery: 'submitted' })],
  truncated: false,
};

/** The desk with one SMS interaction whose conversation is `conversation`. */
async function openSmsDesk(): Promise<FakeSocket> {
    useSessionStore.getState().signIn(makeSession());
    const { socket } = renderApp({ services: { api: fakeApi({ smsConversation: () => Promise.resolve(conversation) }) } });
    socket.handle('agent:snapshot', () => ({
      ok: true,
      value: { status: 'ready', chosen: 'ready', statusSince: new Date().toISOString(), offers: [], interactions: [makeInteraction(1, { channel: 'sms' })], messages: {} },
    }));
    await act(async () => {
      socket.open();
      await flush();
    });
  return socket;
}

describe('the SMS view', () => {
  beforeEach(() => resetAllStores());
  afterEach(() => cleanup());

  it('shows the exchange, the opt-out, missing parts, and receipts as they come', async () => {
    const socket = await openSmsDesk();
    await screen.findByTestId(TEST_IDS.smsView);
    expect(screen.getByTestId(TEST_IDS.smsOptedOut).textContent).toContain('退订');
    const [inbound, outbound] = screen.getAllByTestId(TEST_IDS.message);
    expect(inbound?.textContent).toContain('Part 2 never arrived');
    expect(outbound?.querySelector('[data-delivery]')?.getAttribute('data-delivery')).toBe('sent');
    await act(async () => {
      socket.push('sms:status', { messageId: uuid(202), interactionId: uuid(1), delivery: 'undelivered', at: new Date().toISOString(), lastError: 'part 1 of 1 not delivered: UNDELIV' });
      await flush();
    });
    expect(outbound?.querySelector('[data-delivery]')?.getAttribute('data-delivery')).toBe('failed');
    expect(outbound?.textContent).toContain('Not delivered: part 1 of 1 not delivered: UNDELIV');
  });

  it('counts parts as the agent types and refuses past the longest message', async () => {
    await openSmsDesk();
    const box = await screen.findByTestId(TEST_IDS.composer);
    await userEvent.type(box, 'Hello');
    expect(screen.getByTestId(TEST_IDS.smsCost).textContent).toBe('1 SMS · 155 characters left');
    await userEvent.clear(box);
    await userEvent.click(box);
    await userEvent.paste('您'.repeat(140));
    expect(screen.getByTestId(TEST_IDS.smsCost).textContent).toBe('Too long: 3 parts, at most 2.');
  });
});
