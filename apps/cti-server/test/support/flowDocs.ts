import { flowDocumentSchema, type FlowDocument, type FlowDocumentInput } from '@omnicc/flows';

type Nodes = FlowDocumentInput['nodes'];
type Edges = FlowDocumentInput['edges'];

let y = 0;
const at = () => ({ x: 0, y: (y += 100) });

/** A document (parsed: as the server stores it) from its nodes and `source.port -> target` edges; positions are made up. */
export function flowDoc(key: string, parts: { name?: string; variables?: FlowDocumentInput['variables']; nodes: Nodes; edges: readonly string[]; tests?: FlowDocumentInput['tests'] }): FlowDocument {
  const edges: Edges = parts.edges.map((e, i) => {
    const [from = '', target = ''] = e.split(' -> ');
    const [source = '', sourcePort = 'out'] = from.split('.');
    return { id: `e${i + 1}`, source, sourcePort, target };
  });
  return flowDocumentSchema.parse({ schemaVersion: 1, key, name: parts.name ?? `Flow ${key}`, description: '', variables: parts.variables ?? [], nodes: parts.nodes, edges, tests: parts.tests ?? [] });
}

/** start -> greet (script) -> done (end, resolved): valid against the reference data. */
export const greetingFlow = (key: string, text = 'Hello {{customer.name}}'): FlowDocument =>
  flowDoc(key, {
    nodes: [
      { id: 'start', kind: 'start', position: at() },
      { id: 'greet', kind: 'script', position: at(), text },
      { id: 'done', kind: 'end', position: at(), disposition: 'resolved' },
    ],
    edges: ['start -> greet', 'greet -> done'],
  });

/**
 * What an agent runs on a chat: a script, a form, the billing add-in (not
 * built yet: its error branch), then a wait for the customer's reply.
 */
export const serviceFlow = (key: string): FlowDocument =>
  flowDoc(key, {
    name: '宽带报障 Broadband fault',
    variables: [
      { name: 'account', type: 'text' },
      { name: 'reply', type: 'text' },
    ],
    nodes: [
      { id: 'start', kind: 'start', position: at() },
      { id: 'greet', kind: 'script', position: at(), text: '您好 {{customer.name}}' },
      { id: 'form', kind: 'ask', position: at(), fields: [{ variable: 'account', label: '宽带账号', input: 'text', required: true, rules: { minLength: 3 } }] },
      { id: 'lookup', kind: 'addInCall', position: at(), addInId: 'billing', operation: 'lookupAccount', input: { msisdn: 'customer.phone' }, output: {} },
      { id: 'wait', kind: 'waitReply', position: at(), timeoutSeconds: 60, replyVariable: 'reply' },
      { id: 'ok', kind: 'end', position: at(), disposition: 'resolved' },
      { id: 'follow', kind: 'end', position: at(), disposition: 'followUp' },
      { id: 'silent', kind: 'end', position: at(), disposition: 'noResponse' },
    ],
    edges: ['start -> greet', 'greet -> form', 'form -> lookup', 'lookup.ok -> ok', 'lookup.timeout -> wait', 'lookup.error -> wait', 'wait.reply -> follow', 'wait.timeout -> silent'],
  });

/** Sends an SMS to the customer, then ends: resolved when it went to the outbox, followUp when it could not. */
export const smsFlow = (key: string): FlowDocument =>
  flowDoc(key, {
    nodes: [
      { id: 'start', kind: 'start', position: at() },
      { id: 'sms', kind: 'sendMessage', position: at(), channel: 'sms', body: '{{customer.name}}您好，您的报障已受理。' },
      { id: 'sent', kind: 'end', position: at(), disposition: 'resolved' },
      { id: 'failed', kind: 'end', position: at(), disposition: 'followUp' },
    ],
    edges: ['start -> sms', 'sms.ok -> sent', 'sms.error -> failed'],
  });
