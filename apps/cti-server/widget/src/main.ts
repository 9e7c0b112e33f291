import type { CustomerChatState } from '@omnicc/shared';
import { LIMITS } from '@omnicc/shared/limits';
import { h } from './dom.js';
import { fill, pickText } from './i18n.js';
import { SavedChat, connectChat, startChat, type CustomerSocket } from './session.js';
import { WIDGET_CSS } from './styles.js';
import { MessageList } from './messageList.js';

/**
 * Embeds the chat widget: `<script src="https://cc.example/widget.js" data-queue="chat-general" data-lang="zh-CN" async></script>`.
 * The server origin is the script's own origin.
 */
function boot(script: HTMLScriptElement): void {
  const base = new URL(script.src).origin;
  const queueId = script.dataset.queue;
  const { lang, t } = pickText(script.dataset.lang);
  const saved = new SavedChat(`omnicc-chat:${base}`);

  const host = h('div', { id: 'omnicc-chat', 'data-omnicc': 'chat' });
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(WIDGET_CSS);
  root.adoptedStyleSheets = [sheet];
  document.body.append(host);

  const launcher = h('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false' }, t.launcher);
  const status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const list = new MessageList(t, lang);
  const typing = h('div', { class: 'typing', 'aria-live': 'polite' });
  const input = h('textarea', { 'aria-label': t.placeholder, placeholder: t.placeholder, maxlength: String(LIMITS.chatMessageChars) });
  const sendButton = h('button', { class: 'primary', type: 'button' }, t.send);
  const leaveButton = h('button', { class: 'secondary', type: 'button' }, t.leave);
  const conversation = h('div', { class: 'conversation' });
  const composer = h('div', { class: 'composer' }, input, sendButton);
  const footer = h('div', { class: 'footer' }, leaveButton);
  const closeButton = h('button', { type: 'button', 'aria-label': t.close }, '–');
  const body = h('div', { class: 'body' });
  const panel = h('section', { class: 'panel', role: 'dialog', 'aria-label': t.title, hidden: true },
    h('header', {}, h('h2', {}, t.title), closeButton), status, body);
  root.append(launcher, panel);

  let socket: CustomerSocket | undefined;
  let chat: CustomerChatState = { state: 'queued' };
  let typingTimer: number | undefined;
  let lastTypingSent = 0;

  const open = (visible: boolean) => {
    panel.hidden = !visible;
    launcher.hidden = visible;
    launcher.setAttribute('aria-expanded', String(visible));
    if (visible) (socket ? input : body.querySelector('input'))?.focus();
    if (visible) markRead();
  };
  launcher.addEventListener('click', () => open(true));
  closeButton.addEventListener('click', () => open(false));

  const live = () => chat.state === 'queued' || chat.state === 'offered' || chat.state === 'assigned';
  const renderState = () => {
    status.classList.remove('offline');
    status.textContent = live() ? (chat.agentName ? fill(t.chattingWith, { name: chat.agentName }) : t.waiting) : t.ended;
    composer.hidden = !live();
    leaveButton.textContent = live() ? t.leave : t.newChat;
    if (!live()) typing.textContent = '';
  };

  const markRead = () => {
    const last = list.lastFrom('agent');
    if (socket?.connected && last && !panel.hidden && document.visibilityState === 'visible') {
      socket.emit('chat:read', { upToMessageId: last.id }, () => undefined);
    }
  };

  const connect = (token: string) => {
    body.replaceChildren(conversation);
    conversation.replaceChildren(list.element, typing, composer, footer);
    socket = connectChat(base, token, {
      onHistory: (c, messages) => { chat = c; list.replace(messages); renderState(); markRead(); },
      onMessage: (m) => { list.upsert(m); if (m.sender === 'agent') { typing.textContent = ''; markRead(); } },
      onState: (c) => { chat = c; renderState(); },
      onTyping: (on) => { typing.textContent = on && live() ? fill(t.typing, { name: chat.agentName ?? t.agent }) : ''; },
      onReceipt: (ids, delivery) => list.setDelivery(ids, delivery),
      onConnection: (online) => { if (!online) { status.textContent = t.offline; status.classList.add('offline'); } },
      onRejected: () => { saved.clear(); socket = undefined; showForm(); },
    });
  };

  const send = (text: string, clientMessageId = crypto.randomUUID()) => {
    if (!socket || !text.trim()) return;
    // A sent message ends this bout of typing: the next keystroke announces typing again.
    window.clearTimeout(typingTimer);
    lastTypingSent = 0;
    const pending = list.addPending(clientMessageId, text, () => send(text, clientMessageId));
    socket.timeout(10_000).emit('chat:send', { clientMessageId, text }, (err: Error | null, ack) => {
      if (err || !ack.ok) list.markFailed(pending);
      else list.upsert(ack.value);
    });
  };
  sendButton.addEventListener('click', () => { send(input.value); input.value = ''; input.focus(); });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      sendButton.click();
    }
  });
  input.addEventListener('input', () => {
    if (!socket) return;
    const now = Date.now();
    if (now - lastTypingSent > 2000) {
      lastTypingSent = now;
      socket.emit('chat:typing', { typing: true }, () => undefined);
    }
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(() => { lastTypingSent = 0; socket?.emit('chat:typing', { typing: false }, () => undefined); }, 3000);
  });
  leaveButton.addEventListener('click', () => {
    if (live()) {
      socket?.emit('chat:leave', {}, (ack) => { if (ack.ok) { chat = ack.value; renderState(); } });
      return;
    }
    socket?.disconnect();
    socket = undefined;
    saved.clear();
    list.replace([]);
    showForm();
  });
  document.addEventListener('visibilitychange', markRead);

  function showForm(): void {
    const name = h('input', { name: 'name', required: true, maxlength: String(LIMITS.customerNameChars), autocomplete: 'name' });
    const phone = h('input', { name: 'phone', type: 'tel', autocomplete: 'tel', maxlength: '20' });
    const email = h('input', { name: 'email', type: 'email', autocomplete: 'email', maxlength: '254' });
    const error = h('p', { class: 'error', role: 'alert' });
    const submit = h('button', { class: 'primary', type: 'submit' }, t.start);
    const form = h('form', { class: 'prechat', novalidate: true },
      h('p', { class: 'hint' }, t.intro),
      h('label', {}, t.name, name), h('label', {}, t.phone, phone), h('label', {}, t.email, email),
      h('p', { class: 'hint' }, t.contactHint), error, submit);
    status.textContent = '';
    body.replaceChildren(form);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const contact = { name: name.value.trim(), ...(phone.value.trim() ? { phone: phone.value.trim() } : {}), ...(email.value.trim() ? { email: email.value.trim() } : {}) };
      if (!contact.name || (!('phone' in contact) && !('email' in contact))) { error.textContent = t.contactHint; return; }
      submit.disabled = true;
      submit.textContent = t.starting;
      startChat(base, { contact, ...(queueId ? { queueId } : {}) }).then(
        (started) => { saved.save(started); connect(started.customerToken); renderState(); input.focus(); },
        () => { error.textContent = t.errorStart; submit.disabled = false; submit.textContent = t.start; },
      );
    });
  }

  const previous = saved.load();
  if (previous) {
    connect(previous.customerToken);
    open(true);
  } else {
    showForm();
  }
}

const script = document.currentScript;
if (script instanceof HTMLScriptElement) {
  const run = () => boot(script);
  if (document.body) run();
  else document.addEventListener('DOMContentLoaded', run, { once: true });
}
