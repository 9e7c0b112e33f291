import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createAddInHost, type AddInSlotContext } from './addInHost.js';
import type { SlotAddIn } from '../../network/addInsApi.js';

/** How long a frame has to make its first request before the slot shows its placeholder. */
export const ADD_IN_START_TIMEOUT_MS = 5_000;

export const ADD_IN_TEST_IDS = { slot: 'add-in-slot', frame: 'add-in-frame', placeholder: 'add-in-placeholder' } as const;

export interface AddInFrameProps {
  addIn: SlotAddIn;
  context: AddInSlotContext;
  /** Calls the add-in's operation on our server with the agent's token (never given to the frame). */
  callOperation: (operation: string, input: Record<string, string | number | boolean | null>, interactionId: string | undefined) => Promise<unknown>;
  startTimeoutMs?: number;
  /** Where a dropped or refused message is logged (console by default). */
  log?: (code: string, detail: string) => void;
}

/**
 * One UI add-in in a sandboxed iframe (`allow-scripts` only: an opaque
 * origin that reads none of our storage or token), served by our server
 * with its own CSP, and its RPC host. A frame that never speaks within the
 * start timeout, or floods, is replaced by a placeholder; nothing here
 * waits on it, so the card around it is never held up.
 */
export function AddInFrame({ addIn, context, callOperation, startTimeoutMs = ADD_IN_START_TIMEOUT_MS, log }: AddInFrameProps) {
  const { t, i18n } = useTranslation();
  const frame = useRef<HTMLIFrameElement>(null);
  const [state, setState] = useState<'loading' | 'alive' | 'dead' | 'misbehaving'>('loading');
  // Read at each request, so a context or language change needs no new host.
  const latest = useRef({ context, callOperation, language: i18n.language });
  latest.current = { context, callOperation, language: i18n.language };

  useEffect(() => {
    const host = createAddInHost({
      addIn,
      frameWindow: () => frame.current?.contentWindow ?? null,
      context: () => latest.current.context,
      locale: () => (latest.current.language.startsWith('zh') ? 'zh-CN' : 'en'),
      callOperation: (operation, input, interactionId) => latest.current.callOperation(operation, input, interactionId),
      log: log ?? ((code, detail) => console.warn(`add-in ${code}: ${detail}`)),
      onFirstRequest: () => setState((s) => (s === 'loading' ? 'alive' : s)),
      onMisbehaving: () => setState('misbehaving'),
    });
    window.addEventListener('message', host.onMessage);
    const timer = setTimeout(() => setState((s) => (s === 'loading' ? 'dead' : s)), startTimeoutMs);
    return () => {
      window.removeEventListener('message', host.onMessage);
      clearTimeout(timer);
    };
  }, [addIn, startTimeoutMs, log]);

  const name = i18n.language.startsWith('zh') ? addIn.name['zh-CN'] : addIn.name.en;
  if (state === 'dead' || state === 'misbehaving') {
    return (
      <div className="add-in-placeholder" role="status" data-testid={ADD_IN_TEST_IDS.placeholder} data-add-in={addIn.id} data-reason={state}>
        {t(state === 'dead' ? 'addIns.unavailable' : 'addIns.stopped', { name })}
      </div>
    );
  }
  return (
    <iframe
      ref={frame}
      className="add-in-frame"
      title={t('addIns.frameTitle', { name })}
      src={addIn.entry}
      sandbox="allow-scripts"
      referrerPolicy="no-referrer"
      data-testid={ADD_IN_TEST_IDS.frame}
      data-add-in={addIn.id}
      data-state={state}
    />
  );
}
