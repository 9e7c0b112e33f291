import { io, type Socket } from 'socket.io-client';
import type { ChatMessage, CustomerChatState, CustomerClientToServer, CustomerServerToClient, StartChatResponse } from '@omnicc/shared';

export type CustomerSocket = Socket<CustomerServerToClient, CustomerClientToServer>;

interface Saved {
  interactionId: string;
  customerToken: string;
}

/** Remembers the chat in this browser so a reload rejoins the same conversation. */
export class SavedChat {
  constructor(private readonly key: string) {}

  load(): Saved | undefined {
    try {
      const raw = localStorage.getItem(this.key);
      if (!raw) return undefined;
      const parsed = JSON.parse(raw) as Partial<Saved>;
      return typeof parsed.interactionId === 'string' && typeof parsed.customerToken === 'string'
        ? { interactionId: parsed.interactionId, customerToken: parsed.customerToken }
        : undefined;
    } catch {
      return undefined; // storage blocked or corrupt: start fresh
    }
  }

  save(saved: Saved): void {
    try {
      localStorage.setItem(this.key, JSON.stringify(saved));
    } catch {
      // Private mode without storage: the chat works, it just will not survive a reload.
    }
  }

  clear(): void {
    try {
      localStorage.removeItem(this.key);
    } catch {
      /* see save() */
    }
  }
}

/** POST /api/chat/sessions; throws with the server's error code on failure. */
export async function startChat(base: string, body: { contact: { name: string; phone?: string; email?: string }; queueId?: string }): Promise<StartChatResponse> {
  const res = await fetch(`${base}/api/chat/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as StartChatResponse | { error: { code: string; message: string } };
  if (!res.ok || 'error' in json) throw new Error('error' in json ? json.error.code : `HTTP ${res.status}`);
  return json;
}

export interface ChatEvents {
  onHistory(chat: CustomerChatState, messages: ChatMessage[]): void;
  onMessage(message: ChatMessage): void;
  onState(chat: CustomerChatState): void;
  onTyping(typing: boolean): void;
  onReceipt(ids: string[], delivery: ChatMessage['delivery']): void;
  onConnection(online: boolean): void;
  onRejected(code: string): void;
}

/** Opens the /customer socket; (re)loads the history on every (re)connect so no message is missed. */
export function connectChat(base: string, customerToken: string, events: ChatEvents): CustomerSocket {
  const socket: CustomerSocket = io(`${base}/customer`, { auth: { customerToken }, transports: ['websocket', 'polling'] });
  socket.on('connect', () => {
    events.onConnection(true);
    socket.emit('chat:history', {}, (ack) => {
      if (ack.ok) events.onHistory(ack.value.chat, ack.value.messages);
    });
  });
  socket.on('disconnect', () => events.onConnection(false));
  socket.on('connect_error', (err) => {
    events.onConnection(false);
    if (err.message === 'UNAUTHENTICATED') {
      socket.disconnect();
      events.onRejected(err.message);
    }
  });
  socket.on('chat:message', (m) => events.onMessage(m));
  socket.on('chat:state', (s) => events.onState(s));
  socket.on('chat:typing', (e) => events.onTyping(e.typing));
  socket.on('chat:receipt', (e) => events.onReceipt(e.messageIds, e.delivery));
  return socket;
}
