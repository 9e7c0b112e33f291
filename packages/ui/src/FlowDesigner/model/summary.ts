import type { FlowCatalog, FlowNode } from '@omnicc/flows';
import type { DesignerLocale, DesignerMessages } from '../messages/index.js';

const clip = (text: string, max = 48): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Names from the catalog in the designer's language; the raw id when the catalog does not know it. */
export function catalogNames(catalog: FlowCatalog, locale: DesignerLocale) {
  return {
    addIn: (id: string) => catalog.addIns.find((a) => a.id === id)?.name[locale] ?? id,
    workOrderType: (type: string) => catalog.workOrderTypes.find((w) => w.type === type)?.name[locale] ?? type,
    queue: (id: string) => catalog.queues.find((q) => q.id === id)?.name ?? id,
    disposition: (code: string) => catalog.dispositions.find((d) => d.code === code)?.labels[locale] ?? code,
  };
}

/** The one line under a node's caption that says what it does (the guard count, the work-order type…). */
export function nodeSummary(
  node: FlowNode,
  branches: { guarded: number; hasDefault: boolean },
  t: DesignerMessages,
  catalog: FlowCatalog,
  locale: DesignerLocale,
): string {
  const names = catalogNames(catalog, locale);
  switch (node.kind) {
    case 'start':
      return '';
    case 'script':
      return clip(t.summary.script(node.text));
    case 'ask':
      return t.summary.ask(node.fields.length);
    case 'decision':
      return t.summary.decision(branches.guarded, branches.hasDefault);
    case 'addInCall':
      return clip(`${names.addIn(node.addInId) || t.summary.none} · ${node.operation || t.summary.none}`);
    case 'setVariable':
      return clip(node.assignments.length === 1 && node.assignments[0] ? `${node.assignments[0].variable} = ${node.assignments[0].value}` : t.summary.assignments(node.assignments.length));
    case 'createWorkOrder':
      return clip(names.workOrderType(node.workOrderType) || t.summary.none);
    case 'sendMessage':
      return clip(`${node.channel === 'sms' ? t.summary.sms : t.summary.email}: ${node.subject ?? node.body}`);
    case 'transfer':
      return clip(names.queue(node.queueId) || t.summary.none);
    case 'waitReply':
      return t.summary.wait(node.timeoutSeconds);
    case 'end':
      return clip(names.disposition(node.disposition) || t.summary.none);
  }
}

/** A node's caption: its label, or its kind's name. */
export const nodeCaption = (node: FlowNode, t: DesignerMessages): string => node.label?.trim() || t.kinds[node.kind];
