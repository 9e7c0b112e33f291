import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowRunRefusal, FlowRunView } from '@omnicc/shared';
import type { Language } from '../../i18n/index.js';
import type { FlowRunClient } from '../../network/flowRuns.js';
import { reasonText } from '../errorText.js';
import type { FieldErrors } from './AskForm.js';
import { inLanguage } from './flowRunText.js';

/** What went wrong with the agent's last event at one visit of a step. */
type Problem = { stepKey: string; refusal?: FlowRunRefusal; code?: string; seq: number };

export interface FlowStepState {
  sending: boolean;
  fieldErrors: FieldErrors;
  /** Counts the refusals naming fields at this visit: each one sends focus to the first field to fix. */
  refusals: number;
  formError: string | undefined;
  /** Said once the run was reloaded because another tab moved it on. */
  conflict: boolean;
  next: () => void;
  submit: (values: Record<string, string>) => void;
  dismissConflict: () => void;
}

/**
 * Sends the agent's "Next" and answers for the step `view` waits at, and
 * keeps what the server said about them: per-field messages (422), a
 * refusal naming no field, a network failure (all tied to this visit of
 * the step), and the reload after another tab moved on (409).
 */
export function useFlowStep(client: FlowRunClient, view: FlowRunView, stepKey: string, language: Language): FlowStepState {
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [conflict, setConflict] = useState(false);
  const nodeId = view.waiting?.nodeId ?? '';

  const send = async (event: Parameters<FlowRunClient['send']>[1]): Promise<void> => {
    setSending(true);
    const result = await client.send(view.interactionId, event);
    setSending(false);
    setConflict(!result.ok && result.code === 'CONFLICT');
    if (result.ok || result.code === 'CONFLICT') setProblem(null);
    else setProblem((p) => ({ stepKey, seq: (p?.stepKey === stepKey ? p.seq : 0) + 1, ...('refusal' in result && result.refusal ? { refusal: result.refusal } : { code: result.code }) }));
  };

  const current = problem?.stepKey === stepKey ? problem : null;
  const fieldErrors: Record<string, string> = {};
  for (const [variable, message] of Object.entries(current?.refusal?.fieldErrors ?? {})) fieldErrors[variable] = inLanguage(message, language);
  const named = Object.keys(fieldErrors).length > 0;
  let formError: string | undefined;
  if (current?.refusal) formError = named ? t('flowRun.fixFields') : inLanguage(current.refusal.message, language);
  else if (current?.code) formError = t('flowRun.notSaved', { reason: reasonText(t, current.code) });

  return {
    sending,
    fieldErrors,
    refusals: named ? (current?.seq ?? 0) : 0,
    formError,
    conflict,
    next: () => void send({ type: 'next', nodeId }),
    submit: (values) => void send({ type: 'submit', nodeId, values }),
    dismissConflict: () => setConflict(false),
  };
}
