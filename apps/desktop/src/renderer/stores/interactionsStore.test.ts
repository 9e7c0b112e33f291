// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { makeInteraction, makeMessage, uuid } from '../testing/fixtures.js';
import { resetAllStores } from '../testing/reset.js';
import { lastCustomerMessage, laterDelivery, unreadCount, useInteractionsStore } from './interactionsStore.js';

const store = () => useInteractionsStore.getState();

describe('interactions store', () => {
  beforeEach(resetAllStores);

  it('keeps each message id once, in sentAt order', () => {
    store().upsert(makeInteraction(1));
    const late = makeMessage(1, { sentAt: '2025-03-01T09:00:00.000Z', text: 'late' });
    const early = makeMessage(1, { sentAt: '2025-03-01T08:30:00.000Z', text: 'early' });
    expect(store().addMessage(late)).toBe(true);
    expect(store().addMessage(early)).toBe(true);
    expect(store().addMessage({ ...late })).toBe(false);
    store().mergeMessages(uuid(1), [early, late]);
    expect(store().messages[uuid(1)]?.map((m) => m.text)).toEqual(['early', 'late']);
  });

  it('replaces the optimistic copy when the server echo or ack arrives', () => {
    store().upsert(makeInteraction(1));
    store().addPending({ clientMessageId: 'abc-12345', interactionId: uuid(1), text: 'hi', createdAt: '2025-03-01T08:00:00.000Z', state: 'sending' });
    expect(store().pending[uuid(1)]).toHaveLength(1);
    const echo = makeMessage(1, { sender: 'agent', clientMessageId: 'abc-12345', text: 'hi', delivery: 'sent' });
    store().addMessage(echo);
    expect(store().pending[uuid(1)]).toEqual([]);
    // The ack comes second with the same id and a later delivery: still one message, upgraded.
    store().addMessage({ ...echo, delivery: 'delivered' });
    expect(store().messages[uuid(1)]).toHaveLength(1);
    expect(store().messages[uuid(1)]?.[0]?.delivery).toBe('delivered');
  });

  it('only moves delivery forward', () => {
    expect(laterDelivery('read', 'delivered')).toBe('read');
    expect(laterDelivery('sent', 'delivered')).toBe('delivered');
    store().upsert(makeInteraction(1));
    const m = makeMessage(1, { sender: 'agent', delivery: 'sent' });
    store().addMessage(m);
    store().applyReceipt({ interactionId: uuid(1), messageIds: [m.id], delivery: 'read' });
    store().applyReceipt({ interactionId: uuid(1), messageIds: [m.id], delivery: 'delivered' });
    expect(store().messages[uuid(1)]?.[0]?.delivery).toBe('read');
  });

  it('counts unread customer messages until the agent reads up to one', () => {
    store().upsert(makeInteraction(1));
    const a = makeMessage(1);
    const b = makeMessage(1, { sender: 'agent' });
    const c = makeMessage(1);
    for (const m of [a, b, c]) store().addMessage(m);
    expect(unreadCount(store().messages[uuid(1)])).toBe(2);
    expect(lastCustomerMessage(store().messages[uuid(1)])?.id).toBe(c.id);
    store().markReadUpTo(uuid(1), a.id);
    expect(unreadCount(store().messages[uuid(1)])).toBe(1);
    store().markReadUpTo(uuid(1), c.id);
    expect(unreadCount(store().messages[uuid(1)])).toBe(0);
    // The agent's own message is not touched by reading.
    expect(store().messages[uuid(1)]?.find((m) => m.id === b.id)?.delivery).toBe('delivered');
  });

  it('drops closed and abandoned interactions with their messages', () => {
    store().upsert(makeInteraction(1));
    store().upsert(makeInteraction(2));
    store().addMessage(makeMessage(1));
    store().upsert(makeInteraction(1, { state: 'wrapUp' }));
    expect(store().order).toEqual([uuid(1), uuid(2)]);
    store().upsert(makeInteraction(1, { state: 'closed' }));
    expect(store().order).toEqual([uuid(2)]);
    expect(store().messages[uuid(1)]).toBeUndefined();
    store().upsert(makeInteraction(3, { state: 'abandoned' }));
    expect(store().order).toEqual([uuid(2)]);
  });

  it('replaces everything on a snapshot but keeps unconfirmed sends of surviving chats', () => {
    store().upsert(makeInteraction(1));
    store().upsert(makeInteraction(2));
    store().setTyping(uuid(1), true);
    store().addPending({ clientMessageId: 'keep-12345', interactionId: uuid(2), text: 'x', createdAt: '2025-03-01T08:00:00.000Z', state: 'failed' });
    store().addPending({ clientMessageId: 'done-12345', interactionId: uuid(2), text: 'y', createdAt: '2025-03-01T08:00:00.000Z', state: 'sending' });
    const confirmed = makeMessage(2, { sender: 'agent', clientMessageId: 'done-12345' });
    store().replaceAll([makeInteraction(2), makeInteraction(3)], { [uuid(2)]: [confirmed] });
    expect(store().order).toEqual([uuid(2), uuid(3)]);
    expect(store().byId[uuid(1)]).toBeUndefined();
    expect(store().typing).toEqual({});
    expect(store().pending[uuid(2)]?.map((p) => p.clientMessageId)).toEqual(['keep-12345']);
    expect(store().messages[uuid(3)]).toEqual([]);
  });
});
