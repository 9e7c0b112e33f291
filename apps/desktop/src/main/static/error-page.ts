/**
 * Script of the local error page (bundled to out/static/error-page.js). It
 * only reads its query string and navigates back to the server origin; the
 * main process's navigation guard allows nothing else.
 */

/** Texts of the page; the HTML holds the English ones for a script-less view. */
const MESSAGES = {
  en: {
    title: 'Cannot reach the contact-center server',
    hint: 'Check the network connection. The app tries again every 30 seconds.',
    retry: 'Try again now',
  },
  zh: {
    title: '无法连接到呼叫中心服务器',
    hint: '请检查网络连接。应用每 30 秒自动重试一次。',
    retry: '立即重试',
  },
} as const;

/** How often the page retries by itself, so an agent's desktop heals unattended. */
export const AUTO_RETRY_MS = 30_000;

/** What the main process put in the query string. */
export interface ErrorPageParams {
  /** The server origin, or undefined when missing or not http(s). */
  readonly server: string | undefined;
  readonly reason: string;
}

/** Reads `?server=&reason=`; never trusts the server value beyond http(s). */
export function readErrorPageParams(search: string): ErrorPageParams {
  const params = new URLSearchParams(search);
  const reason = (params.get('reason') ?? '').slice(0, 200);
  const raw = params.get('server');
  if (raw === null) return { server: undefined, reason };
  try {
    const url = new URL(raw);
    const ok = url.protocol === 'http:' || url.protocol === 'https:';
    return { server: ok ? url.origin : undefined, reason };
  } catch {
    return { server: undefined, reason };
  }
}

function setText(id: string, text: string): void {
  const element = document.getElementById(id);
  // textContent, never innerHTML: the query string is not ours to trust.
  if (element !== null) element.textContent = text;
}

function init(): void {
  const messages = navigator.language.toLowerCase().startsWith('zh') ? MESSAGES.zh : MESSAGES.en;
  document.documentElement.lang = navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  setText('title', messages.title);
  setText('hint', messages.hint);
  setText('retry', messages.retry);

  const { server, reason } = readErrorPageParams(window.location.search);
  setText('server', server ?? '');
  setText('reason', reason);

  const retryButton = document.getElementById('retry');
  if (server === undefined) {
    retryButton?.setAttribute('disabled', '');
    return;
  }
  const retry = (): void => window.location.assign(`${server}/`);
  retryButton?.addEventListener('click', retry);
  window.addEventListener('online', retry);
  window.setTimeout(retry, AUTO_RETRY_MS);
  retryButton?.focus();
}

if (typeof document !== 'undefined') init();
