// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmailConversation, EmailMessageView } from '@omnicc/shared';
import { useEmailStore } from '../stores/emailStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { fakeApi, flush } from '../testing/fakes.js';
import { makeInteraction, uuid } from '../testing/fixtures.js';
import { resetAllStores } from '../testing/reset.js';
import { bodyUrlsFresh, createEmailDesk, safeFilename, type EmailDesk } from './emailDesk.js';

const NOW = Date.parse('2026-11-24T08:00:00Z');
const mail = (n: number, extra: Partial<EmailMessageView> = {}): EmailMessageView => ({
  id: uuid(100 + n),
  interactionId: uuid(1),
  direction: 'in',
  subject: 's',
  to: [],
  cc: [],
  at: new Date(NOW + n * 1000).toISOString(),
  remoteImages: 0,
  quoted: false,
  notes: [],
  attachments: [],
  ...extra,
});
const conversation = (messages: EmailMessageView[], expiresInMs = 30 * 60_000): EmailConversation => ({
  interactionId: uuid(1),
  ticketRef: 'T-1',
  mailbox: { id: uuid(9), address: 'support@omnicc.test', displayName: 'Desk' },
  messages,
  bodyUrlsExpireAt: new Date(NOW + expiresInMs).toISOString(),
});

describe('the email desk', () => {
  let desk: EmailDesk;
  beforeEach(() => resetAllStores());
  afterEach(() => desk?.stop());

  it('loads a thread as an email lands on the desk, once, and drops it as the interaction leaves', async () => {
    const emailConversation = vi.fn(() => Promise.resolve(conversation([mail(1)])));
    desk = createEmailDesk({ api: fakeApi({ emailConversation }), token: () => 't', now: () => NOW });
    useInteractionsStore.getState().upsert(makeInteraction(1, { channel: 'email' }));
    useInteractionsStore.getState().upsert(makeInteraction(2, { channel: 'chat' }));
    await flush();
    expect(emailConversation).toHaveBeenCalledTimes(1);
    expect(useEmailStore.getState().threads[uuid(1)]?.conversation?.messages).toHaveLength(1);
    await desk.load(uuid(1), { ifStale: true });
    expect(emailConversation).toHaveBeenCalledTimes(1);
    useInteractionsStore.getState().remove(uuid(1));
    expect(useEmailStore.getState().threads[uuid(1)]).toBeUndefined();
  });

  it('keeps a mail pushed while the thread was loading, and loads again for its body address', async () => {
    let resolveFirst: (c: EmailConversation) => void = () => {};
    const emailConversation = vi
      .fn<() => Promise<EmailConversation>>()
      .mockImplementationOnce(() => new Promise((resolve) => (resolveFirst = resolve)))
      .mockImplementation(() => Promise.resolve(conversation([mail(1), mail(2, { html: '<p>x</p>', bodyUrl: '/b?ticket=2' })])));
    desk = createEmailDesk({ api: fakeApi({ emailConversation }), token: () => 't', now: () => NOW });
    useInteractionsStore.getState().upsert(makeInteraction(1, { channel: 'email' }));
    await flush();
    useEmailStore.getState().loaded(conversation([]));
    desk.pushed(mail(2, { html: '<p>x</p>' }));
    resolveFirst(conversation([mail(1)]));
    await flush();
    await flush();
    const messages = useEmailStore.getState().threads[uuid(1)]?.conversation?.messages ?? [];
    expect(messages.map((m) => m.id)).toEqual([uuid(101), uuid(102)]);
    expect(emailConversation).toHaveBeenCalledTimes(2);
    expect(messages[1]?.bodyUrl).toBe('/b?ticket=2');
  });

  it('says when signed body addresses need renewing, and cleans file names', () => {
    expect(bodyUrlsFresh(new Date(NOW + 10 * 60_000).toISOString(), NOW)).toBe(true);
    expect(bodyUrlsFresh(new Date(NOW + 4 * 60_000).toISOString(), NOW)).toBe(false);
    expect(bodyUrlsFresh(undefined, NOW)).toBe(false);
    expect(safeFilename('../../etc/<passwd>\u0000.txt')).toBe('_.._etc__passwd__.txt');
    expect(safeFilename('...')).toBe('attachment');
    desk = createEmailDesk({ api: fakeApi(), token: () => 't' });
  });
});
