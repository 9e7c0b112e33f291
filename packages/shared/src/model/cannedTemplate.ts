import type { Channel } from './domain.js';

/**
 * The variable language of canned responses (常用语, docs/canned-responses.md):
 * `{{name}}`, with optional white space inside the braces, and nothing else.
 * No nesting, no filters, no logic, no escapes, nothing evaluated: a name is
 * looked up in a fixed list, and a value put in is never read again (a
 * customer called "{{agent.name}}" stays just that). The server renders;
 * the admin editor and the desktop may use the same functions to check and
 * preview.
 */

/** Every name a body may use, in the order the editor lists them. */
export const CANNED_VARIABLE_NAMES = ['customer.name', 'agent.name', 'ticket', 'interaction.id', 'date', 'mailbox.address'] as const;
export type CannedVariableName = (typeof CANNED_VARIABLE_NAMES)[number];

/** A variable as the admin editor explains it. */
export interface CannedVariable {
  name: CannedVariableName;
  description: { en: string; 'zh-CN': string };
  /** Channels whose interactions fill it; elsewhere it stays unfilled (reported as missing). */
  channels: readonly Channel[];
}

const EVERY: readonly Channel[] = ['email', 'sms', 'chat'];

/** The variables, with what each becomes, in both UI languages. */
export const cannedVariables: readonly CannedVariable[] = [
  { name: 'customer.name', description: { en: "The customer's name, as the interaction has it", 'zh-CN': '客户姓名（取自本次接触）' }, channels: EVERY },
  { name: 'agent.name', description: { en: 'The display name of the agent who sends it', 'zh-CN': '发送坐席的显示名' }, channels: EVERY },
  { name: 'ticket', description: { en: "The email thread's ticket reference, e.g. T-10001", 'zh-CN': '邮件受理编号，如 T-10001' }, channels: ['email'] },
  { name: 'interaction.id', description: { en: "The interaction's id", 'zh-CN': '接触编号' }, channels: EVERY },
  { name: 'date', description: { en: "Today's date in the operator's time zone, written in the response's language", 'zh-CN': '今天的日期（运营时区），按常用语的语言书写' }, channels: EVERY },
  { name: 'mailbox.address', description: { en: 'The address the customer wrote to', 'zh-CN': '客户来信的邮箱地址' }, channels: ['email'] },
];

/** Values to fill in; a name left out (or empty) stays as written and is reported missing. */
export type CannedContext = Partial<Record<CannedVariableName, string>>;

/** One piece of a body: plain text, a variable, or `{{…}}` that is not one (kept as text when rendering). */
export type CannedToken =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string; raw: string; index: number }
  | { kind: 'invalid'; problem: 'unterminated' | 'notAName'; raw: string; index: number };

/** Lower-camel words joined by dots: `customer.name`, `ticket`. */
const NAME = /^[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)*$/;

/** Whether `name` is one of the variables (an own entry of the list, never a prototype key). */
export const isCannedVariable = (name: string): name is CannedVariableName => (CANNED_VARIABLE_NAMES as readonly string[]).includes(name);

/**
 * Splits a body into text and `{{…}}` pieces, left to right, in one pass.
 * A `{{` is closed by the first `}}` after it; what lies between, trimmed,
 * must be a name. A `{{` with no `}}` after it makes the rest of the body
 * one invalid piece.
 */
export function tokenizeCannedTemplate(body: string): CannedToken[] {
  const tokens: CannedToken[] = [];
  let at = 0;
  while (at < body.length) {
    const open = body.indexOf('{{', at);
    if (open < 0) {
      tokens.push({ kind: 'text', text: body.slice(at) });
      break;
    }
    if (open > at) tokens.push({ kind: 'text', text: body.slice(at, open) });
    const close = body.indexOf('}}', open + 2);
    if (close < 0) {
      tokens.push({ kind: 'invalid', problem: 'unterminated', raw: body.slice(open), index: open });
      break;
    }
    const raw = body.slice(open, close + 2);
    const name = body.slice(open + 2, close).trim();
    tokens.push(NAME.test(name) ? { kind: 'variable', name, raw, index: open } : { kind: 'invalid', problem: 'notAName', raw, index: open });
    at = close + 2;
  }
  return tokens;
}

/** The distinct variable names a body uses (known or not), in order of first use. */
export function cannedVariablesOf(body: string): string[] {
  const names: string[] = [];
  for (const t of tokenizeCannedTemplate(body)) if (t.kind === 'variable' && !names.includes(t.name)) names.push(t.name);
  return names;
}

/** "line 2, column 5" of a position in a body, for messages an editor can point at. */
function where(body: string, index: number): string {
  const before = body.slice(0, index);
  const line = before.split('\n').length;
  return `line ${line}, column ${index - before.lastIndexOf('\n')}`;
}

const ALLOWED = CANNED_VARIABLE_NAMES.map((n) => `{{${n}}}`).join(', ');
/** How long a bad piece may be when quoted in a message. */
const QUOTE_CHARS = 40;
const quote = (raw: string) => (raw.length > QUOTE_CHARS ? `${raw.slice(0, QUOTE_CHARS)}…` : raw);

/**
 * What is wrong with a body, in one message (undefined when nothing is):
 * every `{{` never closed or not holding a name, and every unknown name,
 * followed by the names allowed.
 */
export function cannedTemplateError(body: string): string | undefined {
  const problems: string[] = [];
  const unknown: string[] = [];
  for (const t of tokenizeCannedTemplate(body)) {
    if (t.kind === 'invalid' && t.problem === 'unterminated') problems.push(`"{{" at ${where(body, t.index)} is never closed by "}}"`);
    if (t.kind === 'invalid' && t.problem === 'notAName') problems.push(`${quote(t.raw)} at ${where(body, t.index)} is not a variable`);
    if (t.kind === 'variable' && !isCannedVariable(t.name) && !unknown.includes(t.name)) unknown.push(t.name);
  }
  if (unknown.length > 0) problems.push(`unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{{${n}}}`).join(', ')}`);
  return problems.length === 0 ? undefined : `${problems.join('; ')}; the variables are ${ALLOWED}`;
}

/**
 * Fills a body's variables from `context`, in one pass: values are copied
 * in, never scanned again. A variable without a value (unknown, not in the
 * context, or empty) stays as written, and is listed in `missing` once, in
 * order of first use; so is text that is not a variable (a stored body was
 * checked, but rendering never throws).
 */
export function renderCannedResponse(body: string, context: CannedContext): { text: string; missing: string[] } {
  let text = '';
  const missing: string[] = [];
  for (const t of tokenizeCannedTemplate(body)) {
    if (t.kind === 'text') text += t.text;
    else if (t.kind === 'invalid') text += t.raw;
    else {
      const value = isCannedVariable(t.name) ? context[t.name] : undefined;
      if (value) text += value;
      else {
        text += t.raw;
        if (!missing.includes(t.name)) missing.push(t.name);
      }
    }
  }
  return { text, missing };
}
