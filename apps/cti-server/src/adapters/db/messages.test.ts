import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatMessageSchema, type MessageSender } from '@omnicc/shared';
import type { NewMessage } from '../../store/Store.js';
import { openTestStore, stopEmbeddedTestCluster, TEST_DB_KINDS, truncateAll, type TestStore } from './testing.js';

afterAll(stopEmbeddedTestCluster);

describe.each(TEST_DB_KINDS)('pg store messages (%s)', (kind) => {
  let t: TestStore;
  let interactionId: string;
  const msg = (clientMessageId: string, sentAt: string, sender: MessageSender = 'customer', text = `text ${clientMessageId}`): NewMessage => ({
    interactionId,
    clientMessageId,
    sender,
    authorName: sender === 'customer' ? 'Li Lei' : 'Alice',
    text,
    sentAt,
  });
  const states = async () => Object.fromEntries((await t.store.messages.list(interactionId)).map((m) => [m.clientMessageId, m.delivery]));

  // One database per kind, emptied before each test.
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t.cleanup());
  beforeEach(async () => {
    await truncateAll(t.pool);
    await t.store.queues.upsert({ id: 'chat-general', channel: 'chat', nameEn: 'General', nameZh: '综合' });
    ({ id: interactionId } = await t.store.interactions.create(
      { channel: 'chat', queueId: 'chat-general', customer: { name: 'Li Lei', email: 'li@example.com' } },
      '2025-03-01T08:00:00.000Z',
    ));
  });

  it('appends once per (interaction, sender, client id) and returns the stored message on retry', async () => {
    const first = await t.store.messages.append(msg('c-0001', '2025-03-01T08:00:01.000Z', 'customer', '你好'));
    expect(first.created).toBe(true);
    expect(chatMessageSchema.parse(first.message)).toStrictEqual(first.message);
    expect(first.message).toStrictEqual({
      id: first.message.id,
      interactionId,
      clientMessageId: 'c-0001',
      sender: 'customer',
      authorName: 'Li Lei',
      text: '你好',
      sentAt: '2025-03-01T08:00:01.000Z',
      delivery: 'sent',
    });
    const retry = await t.store.messages.append(msg('c-0001', '2025-03-01T08:00:09.000Z', 'customer', '你好'));
    expect(retry).toStrictEqual({ message: first.message, created: false });
    // The same client id from another sender is another message.
    const agent = await t.store.messages.append(msg('c-0001', '2025-03-01T08:00:02.000Z', 'agent'));
    expect(agent.created).toBe(true);
    expect(await t.store.messages.list(interactionId)).toHaveLength(2);
  });

  it('stores one message when the same send races itself', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => t.store.messages.append(msg('c-race', '2025-03-01T08:00:01.000Z'))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
  });

  it('refuses messages of unknown interactions', async () => {
    await expect(t.store.messages.append({ ...msg('c-x', '2025-03-01T08:00:01.000Z'), interactionId: crypto.randomUUID() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(t.store.messages.append({ ...msg('c-y', '2025-03-01T08:00:01.000Z'), interactionId: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('lists by sentAt, ties in insertion order', async () => {
    await t.store.messages.append(msg('c-3', '2025-03-01T08:00:03.000Z'));
    await t.store.messages.append(msg('c-1', '2025-03-01T08:00:01.000Z'));
    await t.store.messages.append(msg('c-2b', '2025-03-01T08:00:02.000Z', 'agent'));
    await t.store.messages.append(msg('c-2a', '2025-03-01T08:00:02.000Z'));
    expect((await t.store.messages.list(interactionId)).map((m) => m.clientMessageId)).toEqual(['c-1', 'c-2b', 'c-2a', 'c-3']);
    expect(await t.store.messages.list(crypto.randomUUID())).toEqual([]);
  });

  it('raises delivery up to a message and never lowers it', async () => {
    const a = (await t.store.messages.append(msg('c-a', '2025-03-01T08:00:01.000Z'))).message;
    const b = (await t.store.messages.append(msg('c-b', '2025-03-01T08:00:02.000Z'))).message;
    const c = (await t.store.messages.append(msg('c-c', '2025-03-01T08:00:03.000Z'))).message;
    await t.store.messages.append(msg('c-agent', '2025-03-01T08:00:02.500Z', 'agent'));

    expect(await t.store.messages.markDelivery(interactionId, 'customer', 'read', b.id)).toEqual([a.id, b.id]);
    expect(await states()).toEqual({ 'c-a': 'read', 'c-b': 'read', 'c-agent': 'sent', 'c-c': 'sent' });

    // A late "delivered" receipt for everything must not take a and b back to delivered.
    expect(await t.store.messages.markDelivery(interactionId, 'customer', 'delivered')).toEqual([c.id]);
    expect(await states()).toEqual({ 'c-a': 'read', 'c-b': 'read', 'c-agent': 'sent', 'c-c': 'delivered' });

    // Repeating a receipt changes nothing; unknown cut-off ids mark nothing.
    expect(await t.store.messages.markDelivery(interactionId, 'customer', 'read', b.id)).toEqual([]);
    expect(await t.store.messages.markDelivery(interactionId, 'customer', 'read', crypto.randomUUID())).toEqual([]);
    expect(await t.store.messages.markDelivery(interactionId, 'customer', 'read', 'junk')).toEqual([]);
    expect(await states()).toEqual({ 'c-a': 'read', 'c-b': 'read', 'c-agent': 'sent', 'c-c': 'delivered' });

    expect(await t.store.messages.markDelivery(interactionId, 'customer', 'read')).toEqual([c.id]);
    expect(await t.store.messages.markDelivery(interactionId, 'agent', 'delivered')).toHaveLength(1);
    expect(await states()).toEqual({ 'c-a': 'read', 'c-b': 'read', 'c-agent': 'delivered', 'c-c': 'read' });
  });

  it('cuts ties in sentAt by insertion order', async () => {
    const first = (await t.store.messages.append(msg('c-1', '2025-03-01T08:00:01.000Z'))).message;
    await t.store.messages.append(msg('c-2', '2025-03-01T08:00:01.000Z'));
    expect(await t.store.messages.markDelivery(interactionId, 'customer', 'delivered', first.id)).toEqual([first.id]);
    expect(await states()).toEqual({ 'c-1': 'delivered', 'c-2': 'sent' });
  });
});
