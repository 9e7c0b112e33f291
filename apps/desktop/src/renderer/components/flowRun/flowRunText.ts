import type { TFunction } from 'i18next';
import type { FlowCatalogView, FlowRunView, FlowStepView } from '@omnicc/shared';
import type { AskField, EffectRequest, RunWaiting } from '@omnicc/flows';
import type { Language } from '../../i18n/index.js';

/** A value as the run holds it. */
export type FlowValue = string | number | boolean | null;

/** What the panel knows to name things: the catalog (may be missing), the ask fields seen so far, the agent's language. */
export interface Naming {
  t: TFunction;
  language: Language;
  catalog: FlowCatalogView | undefined;
  /** Ask fields by node id, kept as each form was shown, to name the answers in the path. */
  fields: Readonly<Record<string, readonly AskField[]>>;
  /** A disposition code's label (from the dictionaries). */
  disposition: (code: string) => string;
}

/** What the run waits for, typed: the wire keeps it open (`catchall`), the runtime says what it is. */
export const waitingOf = (view: FlowRunView): RunWaiting | undefined => (view.status === 'waiting' ? (view.waiting as RunWaiting | undefined) : undefined);

const KINDS = ['start', 'script', 'ask', 'decision', 'addInCall', 'setVariable', 'createWorkOrder', 'sendMessage', 'transfer', 'waitReply', 'end'] as const;
const isKind = (kind: string): kind is (typeof KINDS)[number] => (KINDS as readonly string[]).includes(kind);

/** A node kind's name in the agent's language ("Questions", "Work order"). */
export const kindName = (t: TFunction, kind: string): string => (isKind(kind) ? t(`flowRun.kind.${kind}`) : kind);

/** A value for the agent to read: empty as a dash, booleans as yes/no. */
export function formatValue(t: TFunction, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'flowRun.yes' : 'flowRun.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? '—';
}

/** Bilingual `{en, zh-CN}` texts in the agent's language. */
export const inLanguage = (message: { en: string; 'zh-CN': string }, language: Language): string => message[language] || message.en;

/** "Calling Billing (BSS)…", "Creating the work order (Fault report)…", "Sending the SMS…". */
export function effectText(request: EffectRequest, n: Naming): string {
  switch (request.kind) {
    case 'addInCall': {
      const addIn = n.catalog?.addIns.find((a) => a.id === request.addInId);
      return n.t('flowRun.effect.addInCall', { name: addIn ? inLanguage(addIn.name, n.language) : request.addInId });
    }
    case 'createWorkOrder': {
      const type = n.catalog?.workOrderTypes.find((w) => w.type === request.workOrderType);
      return n.t('flowRun.effect.createWorkOrder', { type: type ? inLanguage(type.name, n.language) : request.workOrderType });
    }
    case 'sendMessage':
      return n.t(request.channel === 'sms' ? 'flowRun.effect.sendSms' : 'flowRun.effect.sendEmail');
  }
}

/** The label of an add-in output field (any operation of the catalog that names it), else its name. */
function outputLabel(name: string, n: Naming): string {
  for (const addIn of n.catalog?.addIns ?? []) {
    for (const op of addIn.operations) {
      const field = op.outputs.find((f) => f.name === name);
      if (field?.label) return inLanguage(field.label, n.language);
    }
  }
  return name;
}

/** An answer as the agent gave it: a choice by its label. */
function answerText(field: AskField | undefined, value: unknown, n: Naming): string {
  const choice = field?.choices?.find((c) => c.value === value);
  return choice ? choice.label : formatValue(n.t, value);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A step's result in the path: answers given, an effect's outputs or failure, the customer's reply; undefined when there is nothing to say. */
export function stepDetail(step: FlowStepView, n: Naming): { text: string; failed?: boolean } | undefined {
  const input = isRecord(step.input) ? step.input : {};
  if (isRecord(input.values)) {
    const fields = n.fields[step.nodeId];
    const parts = Object.entries(input.values).map(([variable, value]) => {
      const field = fields?.find((f) => f.variable === variable);
      return `${field?.label ?? variable}: ${answerText(field, value, n)}`;
    });
    return { text: parts.join(' · ') };
  }
  if (isRecord(input.result)) {
    const result = input.result;
    if (result.outcome === 'error') return { text: n.t('flowRun.result.error', { message: typeof result.message === 'string' ? result.message : '' }), failed: true };
    if (result.outcome === 'timeout') return { text: n.t('flowRun.result.timeout'), failed: true };
    const output = isRecord(result.output) ? Object.entries(result.output) : [];
    return { text: output.length > 0 ? output.map(([k, v]) => `${outputLabel(k, n)}: ${formatValue(n.t, v)}`).join(' · ') : n.t('flowRun.result.ok') };
  }
  if (typeof input.text === 'string') return { text: n.t('flowRun.result.reply', { text: input.text }) };
  if (step.kind === 'waitReply' && step.port === 'timeout') return { text: n.t('flowRun.result.noReply'), failed: true };
  return undefined;
}

/** How the run ended, in one line. */
export function outcomeText(view: FlowRunView, n: Naming): string | undefined {
  if (view.status === 'failed') return n.t('flowRun.outcome.failed', { reason: view.failure ? inLanguage(view.failure.message, n.language) : '' });
  const outcome = view.outcome;
  if (view.status !== 'finished' || !outcome) return undefined;
  if (outcome.kind === 'transferred') {
    const queueId = typeof outcome.queueId === 'string' ? outcome.queueId : '';
    return n.t('flowRun.outcome.transferred', { queue: n.catalog?.queues.find((q) => q.id === queueId)?.name ?? queueId });
  }
  const code = view.disposition ?? (typeof outcome.disposition === 'string' ? outcome.disposition : '');
  return n.t('flowRun.outcome.ended', { disposition: n.disposition(code) });
}
