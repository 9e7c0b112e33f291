// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmailConversation, EmailMessageView, EmailReplyRequest } from '@omnicc/shared';
import { ApiError, type Api } from '../../network/api.js';
import { useSessionStore } from '../../stores/sessionStore.js';
import { TEST_IDS, emailModeTestId } from '../../testIds.js';
import { fakeApi, flush, type FakeSocket } from '../../testing/fakes.js';
import { makeInteraction, makeSession, uuid } from '../../testing/fixtures.js';
import { renderApp } from '../../testing/renderApp.js';
import { resetAllStores } from '../../testing/reset.js';

const HOSTILE_NAME = '<img src=x onerror="window.pwned=1">';

function mail(n: number, overrides: Partial<EmailMessageView> = {}): EmailMessageView {
  return {
    id: uuid(100 + n),
    interactionId: uuid(1),
    direction: 'in',
    subject: '宽带账单 Bill',
    from: { name: HOSTILE_NAME, address: 'wang@customer.example' },
    to: [{ name: 'Service Desk', address: 'support@omnicc.test' }],
    cc: [],
    at: `2026-11-24T08:0${n}:00.000Z`,
    text: `Mail ${n}: my bill is wrong.\n\nOn Mon, Service Desk wrote:\n> earlier words`,
    remoteImages: 0,
    quoted: false,
    notes: [],
    attachments: [],
    ...overrides,
  };
}

function conversation(messages: EmailMessageView[]): EmailConversation {
  return {
    interactionId: uuid(1),
    ticketRef: 'T-10042',
    mailbox: { id: uuid(9), address: 'support@omnicc.test', displayName: 'Service Desk' },
    messages,
    bodyUrlsExpireAt: new Date(Date.now() + 30 * 60_000).toISOString(),
  };
}

async function openEmailDesk(api: Partial<Api>): Promise<{ socket: FakeSocket; api: Api }> {
  useSessionStore.getState().signIn(makeSession());
  const services = { api: fakeApi(api) };
  const { socket } = renderApp({ services });
  socket.handle('agent:snapshot', () => ({
    ok: true,
    value: { status: 'ready', chosen: 'ready', statusSince: new Date().toISOString(), offers: [], interactions: [makeInteraction(1, { channel: 'email', customer: { name: 'Wang Wu', email: 'wang@customer.example' } })], messages: {} },
  }));
  await act(async () => {
    socket.open();
    await flush();
  });
  return { socket, api: services.api };
}

describe('the email view', () => {
  beforeEach(() => resetAllStores());
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('shows the thread with the newest mail open, headers as text, and the quote folded', async () => {
    const emailConversation = vi.fn(() => Promise.resolve(conversation([mail(1), mail(2, { attachments: [{ id: uuid(7), filename: '"><script>x</script>.pdf', contentType: 'application/pdf', size: 2048 }] })])));
    await openEmailDesk({ emailConversation });
    const view = await screen.findByTestId(TEST_IDS.emailView);
    expect(within(view).getByText('T-10042')).toBeTruthy();
    const cards = screen.getAllByTestId(TEST_IDS.emailMessage);
    expect(cards.map((c) => within(c).getByTestId(TEST_IDS.emailMessageToggle).getAttribute('aria-expanded'))).toEqual(['false', 'true']);
    // A hostile sender name and file name are text, never markup.
    expect(within(cards[1] as HTMLElement).getAllByText(HOSTILE_NAME).length).toBeGreaterThan(0);
    expect(screen.getByTestId(TEST_IDS.emailAttachment).textContent).toContain('"><script>x</script>.pdf');
    expect(document.querySelector('img, script')).toBeNull();
    expect((window as { pwned?: number }).pwned).toBeUndefined();
    // The quoted history is folded until asked for.
    expect(within(cards[1] as HTMLElement).getByText(/Mail 2: my bill is wrong\./).textContent).not.toContain('earlier words');
    await userEvent.click(screen.getByTestId(TEST_IDS.emailQuoteToggle));
    expect(within(cards[1] as HTMLElement).getByText(/earlier words/)).toBeTruthy();
    // The inbox shows the subject of the latest mail.
    expect(screen.getByTestId(TEST_IDS.inboxItem).textContent).toContain('宽带账单 Bill');
  });

  it('shows an HTML mail only in a sandboxed frame of its own address, images on request', async () => {
    const html = mail(1, { html: '<p>hi</p>', text: undefined, bodyUrl: '/api/email/bodies/x?ticket=t', remoteImages: 2 });
    await openEmailDesk({ emailConversation: () => Promise.resolve(conversation([html])) });
    const frame = await screen.findByTestId<HTMLIFrameElement>(TEST_IDS.emailBodyFrame);
    expect(frame.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    expect(frame.getAttribute('src')).toBe('/api/email/bodies/x?ticket=t&lang=en');
    expect(frame.hasAttribute('srcdoc')).toBe(false);
    expect(screen.getByTestId(TEST_IDS.emailImagesBlocked).textContent).toContain('2 remote images were blocked');
    await userEvent.click(screen.getByTestId(TEST_IDS.emailShowImages));
    expect(frame.getAttribute('src')).toBe('/api/email/bodies/x?ticket=t&lang=en&images=1');
    expect(screen.queryByTestId(TEST_IDS.emailImagesBlocked)).toBeNull();
  });

  it('sends a reply with Ctrl+Enter, and retries a lost one under the same id', async () => {
    const requests: EmailReplyRequest[] = [];
    let fail = true;
    const replyByEmail = vi.fn((_token: string, _id: string, request: EmailReplyRequest) => {
      requests.push(request);
      if (fail) return Promise.reject(new ApiError('NETWORK', 'offline'));
      return Promise.resolve(mail(3, { direction: 'out', text: request.text, delivery: 'pending', from: { name: 'Service Desk', address: 'support@omnicc.test' } }));
    });
    await openEmailDesk({ emailConversation: () => Promise.resolve(conversation([mail(1)])), replyByEmail });
    const box = await screen.findByTestId(TEST_IDS.emailReplyText);
    await userEvent.type(box, 'Refunded next month.');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByTestId(TEST_IDS.emailSendError)).toBeTruthy();
    expect((box as HTMLTextAreaElement).value).toBe('Refunded next month.');
    fail = false;
    await userEvent.click(screen.getByTestId(TEST_IDS.emailSend));
    await flush();
    expect(requests).toHaveLength(2);
    expect(requests[1]?.clientMessageId).toBe(requests[0]?.clientMessageId);
    expect(requests[1]).toMatchObject({ text: 'Refunded next month.', mode: 'reply' });
    expect((box as HTMLTextAreaElement).value).toBe('');
    expect(screen.getAllByTestId(TEST_IDS.emailMessage)).toHaveLength(2);
    expect(screen.getByTestId(TEST_IDS.emailDelivery).getAttribute('data-delivery')).toBe('pending');
  });

  it('forwards only to valid addresses', async () => {
    const replyByEmail = vi.fn((_token: string, _id: string, request: EmailReplyRequest) => Promise.resolve(mail(3, { direction: 'out', text: request.text, delivery: 'pending' })));
    await openEmailDesk({ emailConversation: () => Promise.resolve(conversation([mail(1)])), replyByEmail });
    await userEvent.click(await screen.findByTestId(emailModeTestId('forward')));
    await userEvent.type(screen.getByTestId(TEST_IDS.emailReplyText), 'Please check this bill.');
    await userEvent.type(screen.getByTestId(TEST_IDS.emailForwardTo), 'billing@omnicc.test, not-an-address');
    expect(screen.getByTestId<HTMLButtonElement>(TEST_IDS.emailSend).disabled).toBe(true);
    await userEvent.clear(screen.getByTestId(TEST_IDS.emailForwardTo));
    await userEvent.type(screen.getByTestId(TEST_IDS.emailForwardTo), 'billing@omnicc.test; audit@omnicc.test');
    await userEvent.click(screen.getByTestId(TEST_IDS.emailSend));
    await flush();
    expect(replyByEmail.mock.calls[0]?.[2]).toMatchObject({ mode: 'forward', to: ['billing@omnicc.test', 'audit@omnicc.test'] });
  });

  it('merges a pushed delivery change, and says so when the thread cannot load', async () => {
    let calls = 0;
    const emailConversation = vi.fn(() => (calls++ === 0 ? Promise.reject(new ApiError('INTERNAL', 'boom')) : Promise.resolve(conversation([mail(1), mail(2, { direction: 'out', delivery: 'pending' })]))));
    const { socket } = await openEmailDesk({ emailConversation });
    expect((await screen.findByTestId(TEST_IDS.emailStatus)).textContent).toContain('could not be loaded');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByTestId(TEST_IDS.emailView);
    await act(async () => {
      socket.push('email:message', mail(2, { direction: 'out', delivery: 'failed', lastError: '550 mailbox unavailable' }));
      await flush();
    });
    const badge = screen.getByTestId(TEST_IDS.emailDelivery);
    expect(badge.getAttribute('data-delivery')).toBe('failed');
    expect(badge.textContent).toContain('550 mailbox unavailable');
  });
});
