// @vitest-environment jsdom
import type { AgentSnapshot } from '@omnicc/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAgentStore } from '../stores/agentStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { useSessionStore } from '../stores/sessionStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { FakeSocket, fakeApi, flush } from '../testing/fakes.js';
import { FakeSoftphone } from '../testing/fakeSoftphone.js';
import { DICTIONARIES, makeInteraction, makeOffer, makeSession, uuid } from '../testing/fixtures.js';
import { resetAllStores } from '../testing/reset.js';
import { ApiError } from './api.js';
import { ACK_TIMEOUT_MS } from './commands.js';
import { REFRESH_LEAD_MS, startAgentConnection, type AgentConnection } from './connection.js';

const snapshot: AgentSnapshot = {
  chosen: 'ready',
  status: 'ready' as const,
  statusSince: '2025-03-01T08:00:00.000Z',
  offers: [makeOffer(1)],
  interactions: [makeInteraction(2)],
  messages: {},
};

describe('agent connection', () => {
  let socket: FakeSocket;
  let connection: AgentConnection | undefined;
  let tokens: string[];

  const start = (api = fakeApi()) => {
    connection = startAgentConnection({
      api,
      openSocket: (getToken) => {
        tokens.push(getToken());
        return socket;
      },
      createSoftphone: () => new FakeSoftphone(),
    });
    return api;
  };

  beforeEach(() => {
    resetAllStores();
    useSessionStore.getState().signIn(makeSession());
    socket = new FakeSocket();
    socket.handle('agent:snapshot', () => ({ ok: true, value: snapshot }));
    tokens = [];
  });
  afterEach(() => {
    connection?.stop();
    connection = undefined;
    vi.useRealTimers();
  });

  it('opens the socket with the session token and replaces state with the snapshot on every connect', async () => {
    const api = start();
    expect(tokens).toEqual(['token-1']);
    expect(useUiStore.getState().connection).toBe('connecting');
    socket.open();
    await flush();
    expect(useUiStore.getState().connection).toBe('connected');
    expect(useAgentStore.getState().status).toBe('ready');
    expect(useOffersStore.getState().offers).toHaveLength(1);
    expect(useInteractionsStore.getState().order).toEqual([uuid(2)]);
    expect(useSessionStore.getState().dictionaries).toEqual(DICTIONARIES);
    expect(api.dictionaries).toHaveBeenCalledWith('token-1');

    socket.push('disconnect', 'transport close');
    expect(useUiStore.getState().connection).toBe('reconnecting');
    socket.handle('agent:snapshot', () => ({ ok: true, value: { ...snapshot, offers: [], interactions: [] } }));
    socket.open();
    await flush();
    expect(socket.sentOf('agent:snapshot')).toHaveLength(2);
    expect(useOffersStore.getState().offers).toEqual([]);
    expect(useInteractionsStore.getState().order).toEqual([]);
  });

  it('refreshes once on TOKEN_EXPIRED and reconnects with the new token', async () => {
    const api = start();
    socket.push('connect_error', new Error('TOKEN_EXPIRED'));
    await flush();
    expect(api.refresh).toHaveBeenCalledWith('token-1');
    expect(useSessionStore.getState().session?.token).toBe('token-2');
    expect(socket.connectCalls).toBe(1);
  });

  it('signs out with a message when the refresh does not help', async () => {
    start(fakeApi({ refresh: vi.fn(() => Promise.reject(new ApiError('TOKEN_EXPIRED', 'expired'))) }));
    socket.push('connect_error', new Error('TOKEN_EXPIRED'));
    await flush();
    expect(useSessionStore.getState()).toMatchObject({ session: null, notice: 'sessionExpired' });
    expect(socket.disconnectCalls).toBe(1);
  });

  it('signs out after a second TOKEN_EXPIRED in a row', async () => {
    start();
    socket.push('connect_error', new Error('TOKEN_EXPIRED'));
    await flush();
    socket.push('connect_error', new Error('TOKEN_EXPIRED'));
    await flush();
    expect(useSessionStore.getState().notice).toBe('sessionExpired');
  });

  it('sends a rejected login back to the login screen', async () => {
    start();
    socket.push('connect_error', new Error('UNAUTHENTICATED'));
    await flush();
    expect(useSessionStore.getState()).toMatchObject({ session: null, notice: 'sessionInvalid' });
  });

  it('recovers when the server kicks the socket after session:error TOKEN_EXPIRED', async () => {
    const api = start();
    socket.open();
    await flush();
    socket.push('session:error', { code: 'TOKEN_EXPIRED', message: 'token expired' });
    socket.connected = false;
    socket.push('disconnect', 'io server disconnect');
    await flush();
    expect(api.refresh).toHaveBeenCalledTimes(1);
    expect(socket.connectCalls).toBe(1);
  });

  it('refreshes a minute before expiry and renews the socket', async () => {
    vi.useFakeTimers();
    useSessionStore.getState().signIn(makeSession({ expiresAt: new Date(Date.now() + 5 * 60_000).toISOString() }));
    socket.handle('session:renew', () => ({ ok: true, value: { expiresAt: new Date().toISOString() } }));
    const api = start();
    socket.open();
    await vi.advanceTimersByTimeAsync(5 * 60_000 - REFRESH_LEAD_MS - 1000);
    expect(api.refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.refresh).toHaveBeenCalledTimes(1);
    expect(socket.sentOf('session:renew')).toEqual([{ token: 'token-2' }]);
  });

  it('treats a missing ack as a timeout and tells the agent', async () => {
    vi.useFakeTimers();
    start();
    socket.open();
    await vi.advanceTimersByTimeAsync(0);
    const done = connection!.actions.setReady();
    await vi.advanceTimersByTimeAsync(ACK_TIMEOUT_MS);
    await done;
    expect(useUiStore.getState().notice).toMatchObject({ action: 'setStatus', code: 'TIMEOUT' });
    expect(useAgentStore.getState().pending).toBe(false);
  });

  it('does not send commands while disconnected', async () => {
    start();
    await connection!.actions.endChat(uuid(2));
    expect(socket.sent).toEqual([]);
    expect(useUiStore.getState().notice).toMatchObject({ action: 'end', code: 'DISCONNECTED' });
  });

  it('stops listening and disconnects when stopped', () => {
    start();
    expect(socket.listenerCount('offer:new')).toBe(1);
    connection!.stop();
    expect(socket.listenerCount('offer:new')).toBe(0);
    expect(socket.disconnectCalls).toBe(1);
  });
});
