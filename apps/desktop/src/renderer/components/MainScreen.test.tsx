// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentSnapshot } from '@omnicc/shared';
import { useSessionStore } from '../stores/sessionStore.js';
import { TEST_IDS, reasonTestId } from '../testIds.js';
import { flush, type FakeRinger, type FakeSocket } from '../testing/fakes.js';
import { makeInteraction, makeMessage, makeOffer, makeSession, uuid } from '../testing/fixtures.js';
import { renderApp } from '../testing/renderApp.js';
import { resetAllStores } from '../testing/reset.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

function snapshot(): AgentSnapshot {
  return {
    status: 'ready',
    chosen: 'ready',
    statusSince: new Date().toISOString(),
    offers: [],
    interactions: [makeInteraction(1, { customer: { name: 'Li Lei', phone: '+8613800000001' } }), makeInteraction(2)],
    messages: {
      [uuid(1)]: [
        makeMessage(1, { text: HOSTILE, authorName: 'Li Lei' }),
        makeMessage(1, { sender: 'agent', authorName: 'Wang Fang', text: 'Hello', delivery: 'read' }),
      ],
      [uuid(2)]: [makeMessage(2, { text: 'unread one', delivery: 'delivered' })],
    },
  };
}

async function openDesk(): Promise<{ socket: FakeSocket; ringer: FakeRinger }> {
  useSessionStore.getState().signIn(makeSession());
  const { socket, services } = renderApp();
  socket.handle('agent:snapshot', () => ({ ok: true, value: snapshot() }));
  socket.handle('chat:read', () => ({ ok: true, value: null }));
  socket.handle('chat:typing', () => ({ ok: true, value: null }));
  await act(async () => {
    socket.open();
    await flush();
  });
  return { socket, ringer: services.ringer as FakeRinger };
}

describe('MainScreen', () => {
  beforeEach(resetAllStores);
  afterEach(cleanup);

  it('shows the desk from the snapshot with landmarks, and customer text only as text', async () => {
    await openDesk();
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Inbox' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getAllByTestId(TEST_IDS.inboxItem)).toHaveLength(2);
    const list = screen.getByTestId(TEST_IDS.messageList);
    expect(list.querySelector('img')).toBeNull();
    expect(within(list).getByText(HOSTILE)).toBeTruthy();
    const messages = screen.getAllByTestId(TEST_IDS.message);
    expect(messages.map((m) => m.getAttribute('data-sender'))).toEqual(['customer', 'agent']);
    expect(within(messages[1]!).getByText('Read')).toBeTruthy();
    expect(screen.getByTestId(TEST_IDS.statusLabel).textContent).toBe('Ready');
  });

  it('marks the visible conversation read and shows unread counts for the others', async () => {
    const { socket } = await openDesk();
    expect(socket.sentOf('chat:read')).toEqual([{ interactionId: uuid(1), upToMessageId: expect.any(String) as string }]);
    const second = screen.getAllByTestId(TEST_IDS.inboxItem)[1]!;
    expect(within(second).getByText('1 unread message')).toBeTruthy();
  });

  it('rings on offer:new with a toast, and stops both when the offer ends', async () => {
    const { socket, ringer } = await openDesk();
    const offer = makeOffer(3, { interaction: { ...makeOffer(3).interaction, customer: { name: 'Han Meimei' } } });
    act(() => socket.push('offer:new', offer));
    expect(ringer.ringing).toBe(true);
    expect(screen.getByTestId(TEST_IDS.toast).textContent).toContain('Han Meimei');
    expect(within(screen.getByTestId(TEST_IDS.offerItem)).getByText('Han Meimei')).toBeTruthy();
    expect(document.title).toBe('(1) OmniCC Agent Desktop');
    act(() => socket.push('offer:ended', { offerId: offer.offerId, interactionId: offer.interaction.id, reason: 'withdrawn' }));
    expect(ringer.ringing).toBe(false);
    expect(screen.queryByTestId(TEST_IDS.toast)).toBeNull();
    expect(screen.queryByTestId(TEST_IDS.offerItem)).toBeNull();
  });

  it('accepts from the inbox and switches to the new chat', async () => {
    const { socket } = await openDesk();
    const offer = makeOffer(3);
    socket.handle('offer:accept', () => ({ ok: true, value: makeInteraction(3, { customer: { name: 'Zhang San', email: 'z@example.com' } }) }));
    act(() => socket.push('offer:new', offer));
    await userEvent.click(screen.getByTestId(TEST_IDS.offerAccept));
    expect(socket.sentOf('offer:accept')).toEqual([{ offerId: offer.offerId }]);
    expect(screen.getByRole('heading', { level: 2, name: 'Zhang San' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId(TEST_IDS.composer));
  });

  it('sends with Enter, shows typing, and walks through end chat and wrap-up', async () => {
    const { socket } = await openDesk();
    socket.handle('chat:send', (p) => ({ ok: true, value: makeMessage(1, { sender: 'agent', text: p.text, clientMessageId: p.clientMessageId, delivery: 'sent' }) }));
    socket.handle('interaction:end', () => ({ ok: true, value: makeInteraction(1, { state: 'wrapUp', customer: { name: 'Li Lei', phone: '+8613800000001' } }) }));
    socket.handle('interaction:wrapUp', () => ({ ok: true, value: makeInteraction(1, { state: 'closed' }) }));

    await userEvent.type(screen.getByTestId(TEST_IDS.composer), 'Your bill is ready{Enter}');
    expect(socket.sentOf('chat:send')).toMatchObject([{ interactionId: uuid(1), text: 'Your bill is ready' }]);
    expect(screen.getAllByTestId(TEST_IDS.message).at(-1)?.textContent).toContain('Your bill is ready');

    act(() => socket.push('chat:typing', { interactionId: uuid(1), typing: true }));
    expect(screen.getByTestId(TEST_IDS.typingIndicator).textContent).toContain('Li Lei is typing');

    await userEvent.click(screen.getByTestId(TEST_IDS.endChat));
    const dialog = screen.getByTestId(TEST_IDS.wrapUpDialog);
    expect(within(dialog).getByRole('heading').textContent).toBe('Wrap-up: Li Lei');
    await userEvent.selectOptions(screen.getByTestId(TEST_IDS.wrapUpDisposition), 'resolved');
    await userEvent.type(screen.getByTestId(TEST_IDS.wrapUpNote), 'explained the bill');
    await userEvent.click(screen.getByTestId(TEST_IDS.wrapUpSubmit));
    expect(socket.sentOf('interaction:wrapUp')).toEqual([{ interactionId: uuid(1), dispositionCode: 'resolved', note: 'explained the bill' }]);
    expect(screen.queryByTestId(TEST_IDS.wrapUpDialog)).toBeNull();
    expect(screen.getAllByTestId(TEST_IDS.inboxItem)).toHaveLength(1);
  });

  it('opens the wrap-up when the customer leaves the chat on screen', async () => {
    const { socket } = await openDesk();
    act(() => {
      socket.push('chat:message', makeMessage(1, { sender: 'system', authorName: 'system', text: 'customerLeft' }));
      socket.push('interaction:updated', makeInteraction(1, { state: 'wrapUp' }));
    });
    expect(screen.getByTestId(TEST_IDS.wrapUpDialog)).toBeTruthy();
    expect(screen.getAllByText('The customer left the chat').length).toBeGreaterThan(0);
    expect(screen.getAllByTestId(TEST_IDS.inboxItem)[0]!.getAttribute('data-state')).toBe('wrapUp');
  });

  it('sets not ready with a reason from the dictionary', async () => {
    const { socket } = await openDesk();
    socket.handle('agent:setStatus', () => ({ ok: true, value: { status: 'notReady', chosen: 'notReady', chosenReasonCode: 'lunch', reasonCode: 'lunch', statusSince: new Date().toISOString() } }));
    await userEvent.click(screen.getByTestId(TEST_IDS.statusNotReady));
    await userEvent.click(screen.getByTestId(reasonTestId('lunch')));
    expect(socket.sentOf('agent:setStatus')).toEqual([{ status: 'notReady', reasonCode: 'lunch' }]);
    expect(screen.getByTestId(TEST_IDS.statusLabel).textContent).toBe('Not ready · Lunch');
  });

  it('shows the reconnecting banner while the socket is down', async () => {
    const { socket } = await openDesk();
    expect(screen.queryByTestId(TEST_IDS.connectionBanner)).toBeNull();
    act(() => socket.push('disconnect', 'transport close'));
    expect(screen.getByTestId(TEST_IDS.connectionBanner).textContent).toContain('Reconnecting');
  });
});
