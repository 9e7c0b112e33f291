import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../network/commands.js';
import type { ActionName } from '../stores/uiStore.js';
import { errorText } from './errorText.js';

/** Codes after which the same request may be sent again as is: it may have been stored (the server de-duplicates by clientMessageId). */
const MAYBE_STORED = new Set(['NETWORK', 'TIMEOUT', 'INTERNAL', 'UNAVAILABLE']);

/**
 * One REST reply at a time (email, SMS), with its failure worded for the
 * agent. A request that failed on the way keeps its clientMessageId while
 * it stays the same (`key`), so trying again never sends twice.
 */
export function useReplySender(action: ActionName) {
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const attempt = useRef<{ id: string; key: string } | null>(null);

  /** Posts with a clientMessageId; resolves whether the server stored the reply. */
  const send = async (key: string, post: (clientMessageId: string) => Promise<unknown>): Promise<boolean> => {
    const id = attempt.current?.key === key ? attempt.current.id : crypto.randomUUID();
    attempt.current = { id, key };
    setSending(true);
    setError(null);
    try {
      await post(id);
      attempt.current = null;
      return true;
    } catch (err) {
      const code = errorCodeOf(err);
      if (!MAYBE_STORED.has(code)) attempt.current = null;
      setError(errorText(t, action, code));
      return false;
    } finally {
      setSending(false);
    }
  };
  return { sending, error, send };
}
