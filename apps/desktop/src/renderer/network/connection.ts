import type { AgentAckValues, AgentInboundName, AgentSnapshot } from '@omnicc/shared';
import { applySnapshot, resetDesk } from '../stores/desk.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useSessionStore, type LoginNotice } from '../stores/sessionStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { createActions, createVoiceRequests, type AgentActions } from './actions.js';
import type { Api } from './api.js';
import { errorCodeOf, sendCommand } from './commands.js';
import { createEmailDesk, type EmailDesk } from './emailDesk.js';
import { createFlowRunClient, startFlowRuns } from './flowRuns.js';
import { createSmsDesk, type SmsDesk } from './smsDesk.js';
import { bindPushes } from './pushes.js';
import type { AgentPayload, AgentSocket } from './socket.js';
import type { Softphone } from '../telephony/softphone.js';
import { useWorkOrderAlerts } from '../components/workOrders/workOrderAlerts.js';
import { startVoice, type VoiceActions } from '../telephony/voiceController.js';

/** Refresh the token this long before it expires. */
export const REFRESH_LEAD_MS = 60_000;
/** Retry a refresh that failed for a network reason after this long. */
export const REFRESH_RETRY_MS = 15_000;
/** Reconnect after the server dropped us for a reason other than the token. */
export const SERVER_KICK_RECONNECT_MS = 2000;

export interface ConnectionDeps {
  api: Api;
  /** Opens the socket; the token getter is read again on every reconnect. */
  openSocket: (getToken: () => string) => AgentSocket;
  /** The session's phone; it registers once the connection starts. */
  createSoftphone: () => Softphone;
}

export interface AgentConnection {
  actions: AgentActions;
  voice: VoiceActions;
  email: EmailDesk;
  sms: SmsDesk;
  stop(): void;
}

/** Signs the agent out and clears the desk. */
export function signOut(notice: LoginNotice): void {
  resetDesk();
  useSessionStore.getState().signOut(notice);
}

/**
 * Keeps one agent socket alive for the signed-in session: snapshot after
 * every (re)connect, token refresh a minute before expiry (REST, then
 * `session:renew` on the socket), one refresh attempt when the server says
 * TOKEN_EXPIRED, and back to the login screen when that fails.
 */
export function startAgentConnection(deps: ConnectionDeps): AgentConnection {
  const token = (): string => useSessionStore.getState().session?.token ?? '';
  const ui = () => useUiStore.getState();
  let stopped = false;
  let refreshTried = false;
  let sessionErrorCode: string | null = null;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let kickTimer: ReturnType<typeof setTimeout> | undefined;

  ui().setConnection('connecting');
  const socket = deps.openSocket(token);

  const send = async <E extends AgentInboundName>(event: E, payload: AgentPayload<E>): Promise<AgentAckValues[E]> => {
    try {
      return await sendCommand(socket, event, payload);
    } catch (err) {
      if (errorCodeOf(err) === 'TOKEN_EXPIRED') void recoverExpiredToken();
      throw err;
    }
  };

  const loadTranscript = (interactionId: string): void => {
    deps.api.transcript(token(), interactionId).then(
      (t) => {
        if (!stopped) useInteractionsStore.getState().mergeMessages(interactionId, t.messages);
      },
      () => {
        // The next snapshot carries the history as well; meanwhile new messages still arrive.
      },
    );
  };

  const voice = startVoice({ api: deps.api, server: createVoiceRequests(send), softphone: deps.createSoftphone(), token });
  const actions = createActions({ send, loadTranscript, voice });
  const email = createEmailDesk({ api: deps.api, token });
  const sms = createSmsDesk({ api: deps.api, token });
  const flowRuns = startFlowRuns(createFlowRunClient({ api: deps.api, token }));
  const unbindPushes = bindPushes(socket, {
    onNewInteraction: loadTranscript,
    onEmailMessage: (message) => email.pushed(message),
    onSmsMessage: (message) => sms.pushed(message),
    onSmsStatus: (status) => sms.status(status),
    onFlowRun: (run) => flowRuns.pushed(run),
    onWorkOrderEscalated: (e) => useWorkOrderAlerts.getState().escalated(e),
    onSessionError: (code) => {
      sessionErrorCode = code;
    },
  });

  const end = (notice: LoginNotice): void => {
    if (stopped) return;
    stop();
    signOut(notice);
  };

  async function loadSnapshot(): Promise<void> {
    try {
      const snapshot: AgentSnapshot = await send('agent:snapshot', {});
      if (stopped) return;
      applySnapshot(snapshot);
      // Mail pushed while we were away is not replayed: read the open threads again.
      email.reloadAll();
      sms.reloadAll();
      flowRuns.reloadAll();
    } catch (err) {
      if (!stopped && errorCodeOf(err) !== 'TOKEN_EXPIRED') ui().showNotice('load', errorCodeOf(err));
    }
  }

  /** Trades the token for a fresh one; tells the socket so the server moves its deadline. */
  async function refresh(): Promise<void> {
    const current = useSessionStore.getState().session;
    if (!current || stopped) return;
    const renewed = await deps.api.refresh(current.token);
    if (stopped) return;
    useSessionStore.getState().renew(renewed);
    if (socket.connected) {
      await send('session:renew', { token: renewed.token }).catch(() => {
        // The socket reconnects with the new token if the server drops it anyway.
      });
    }
  }

  async function recoverExpiredToken(): Promise<void> {
    if (refreshTried) {
      end('sessionExpired');
      return;
    }
    refreshTried = true;
    try {
      await refresh();
      if (!stopped && !socket.connected) socket.connect();
    } catch {
      end('sessionExpired');
    }
  }

  function scheduleRefresh(): void {
    clearTimeout(refreshTimer);
    const session = useSessionStore.getState().session;
    if (!session || stopped) return;
    const delay = Math.max(0, Date.parse(session.expiresAt) - REFRESH_LEAD_MS - Date.now());
    refreshTimer = setTimeout(() => {
      refresh().catch((err: unknown) => {
        const code = errorCodeOf(err);
        if (code === 'UNAUTHENTICATED' || code === 'TOKEN_EXPIRED' || code === 'FORBIDDEN') {
          end('sessionExpired');
        } else if (!stopped) {
          // Network trouble: try again while the old token still works.
          refreshTimer = setTimeout(scheduleRefresh, REFRESH_RETRY_MS);
        }
      });
    }, delay);
  }

  // A renewed session (timer or recovery) moves the next refresh.
  const unsubscribeSession = useSessionStore.subscribe((s, prev) => {
    if (s.session && s.session.token !== prev.session?.token) scheduleRefresh();
  });
  scheduleRefresh();

  function loadDictionaries(): void {
    if (useSessionStore.getState().dictionaries) return;
    deps.api.dictionaries(token()).then(
      (d) => {
        if (!stopped) useSessionStore.getState().setDictionaries(d);
      },
      (err: unknown) => {
        const code = errorCodeOf(err);
        if (code === 'UNAUTHENTICATED' || code === 'TOKEN_EXPIRED') void recoverExpiredToken();
        // Other failures: the next (re)connect tries again; the reason menu says it is loading.
      },
    );
  }

  socket.on('connect', () => {
    refreshTried = false;
    sessionErrorCode = null;
    ui().setConnection('connected');
    void loadSnapshot();
    loadDictionaries();
  });

  socket.on('disconnect', (reason) => {
    if (stopped) return;
    ui().setConnection('reconnecting');
    if (reason !== 'io server disconnect') return; // socket.io reconnects by itself
    if (sessionErrorCode === 'TOKEN_EXPIRED') {
      void recoverExpiredToken();
    } else {
      kickTimer = setTimeout(() => {
        if (!stopped) socket.connect();
      }, SERVER_KICK_RECONNECT_MS);
    }
  });

  socket.on('connect_error', (err) => {
    if (stopped) return;
    switch (err.message) {
      case 'TOKEN_EXPIRED':
        void recoverExpiredToken();
        return;
      case 'UNAUTHENTICATED':
        end('sessionInvalid');
        return;
      case 'FORBIDDEN':
        end('forbidden');
        return;
      default:
        ui().setConnection('reconnecting');
        // A refused handshake stops socket.io's own retries; anything else it retries itself.
        if (!socket.active) {
          kickTimer = setTimeout(() => {
            if (!stopped) socket.connect();
          }, SERVER_KICK_RECONNECT_MS);
        }
    }
  });

  function stop(): void {
    if (stopped) return;
    stopped = true;
    clearTimeout(refreshTimer);
    clearTimeout(kickTimer);
    unsubscribeSession();
    unbindPushes();
    actions.dispose();
    voice.stop();
    email.stop();
    sms.stop();
    flowRuns.stop();
    socket.removeAllListeners();
    socket.disconnect();
  }

  return { actions, voice, email, sms, stop };
}
