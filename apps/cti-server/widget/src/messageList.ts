import type { ChatMessage } from '@omnicc/shared';
import { h, time } from './dom.js';
import type { WidgetText } from './i18n.js';

interface Row {
  element: HTMLLIElement;
  meta: HTMLSpanElement;
  message?: ChatMessage;
}

/** The conversation as the customer sees it; messages are keyed by id and by the client id of unsent ones. */
export class MessageList {
  readonly element: HTMLOListElement;
  private readonly rows = new Map<string, Row>();

  constructor(
    private readonly t: WidgetText,
    private readonly lang: string,
  ) {
    this.element = h('ol', { class: 'messages', 'aria-label': t.messages, 'aria-live': 'polite', 'data-testid': 'widget-messages' });
  }

  replace(messages: ChatMessage[]): void {
    this.rows.clear();
    this.element.replaceChildren();
    for (const m of messages) this.upsert(m);
  }

  /** Adds or updates a message; an echo of our pending message replaces the pending row. */
  upsert(m: ChatMessage): void {
    const row = this.rows.get(m.id) ?? (m.sender === 'customer' ? this.rows.get(`pending:${m.clientMessageId}`) : undefined);
    if (row) {
      this.rows.delete(`pending:${m.clientMessageId}`);
      row.message = m;
      this.rows.set(m.id, row);
      this.renderMeta(row);
      return;
    }
    const created = this.row(m.sender, m.sender === 'system' ? this.systemText(m.text) : m.text);
    created.message = m;
    this.rows.set(m.id, created);
    this.renderMeta(created);
    this.append(created);
  }

  addPending(clientMessageId: string, text: string, retry: () => void): Row {
    const row = this.row('customer', text);
    row.meta.textContent = '…';
    row.element.addEventListener('click', () => {
      if (row.element.dataset.failed === 'true') {
        row.element.remove();
        this.rows.delete(`pending:${clientMessageId}`);
        retry();
      }
    });
    this.rows.set(`pending:${clientMessageId}`, row);
    this.append(row);
    return row;
  }

  markFailed(row: Row): void {
    if (row.message) return;
    row.element.dataset.failed = 'true';
    row.meta.textContent = this.t.failed;
  }

  setDelivery(ids: string[], delivery: ChatMessage['delivery']): void {
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row?.message) {
        row.message = { ...row.message, delivery };
        this.renderMeta(row);
      }
    }
  }

  lastFrom(sender: ChatMessage['sender']): ChatMessage | undefined {
    let last: ChatMessage | undefined;
    for (const row of this.rows.values()) if (row.message?.sender === sender) last = row.message;
    return last;
  }

  private row(sender: ChatMessage['sender'], text: string): Row {
    const meta = h('span', { class: 'meta' });
    const who = h('span', { class: 'sr-only' }, sender === 'customer' ? `${this.t.you}: ` : sender === 'agent' ? `${this.t.agent}: ` : '');
    const element = h('li', { class: `msg ${sender}`, 'data-sender': sender }, who, text, meta);
    return { element, meta };
  }

  private renderMeta(row: Row): void {
    const m = row.message;
    if (!m) return;
    if (m.sender === 'system') { row.meta.textContent = time(m.sentAt, this.lang); return; }
    const parts = [time(m.sentAt, this.lang)];
    if (m.sender === 'customer') parts.push(this.t[m.delivery]);
    else parts.unshift(m.authorName);
    row.meta.textContent = parts.join(' · ');
    row.element.dataset.delivery = m.delivery;
  }

  private systemText(code: string): string {
    return code === 'agentEnded' ? this.t.agentEnded : code === 'customerLeft' ? this.t.customerLeft : code;
  }

  private append(row: Row): void {
    this.element.append(row.element);
    this.element.scrollTop = this.element.scrollHeight;
  }
}
