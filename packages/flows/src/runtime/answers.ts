import { isIsoDate } from '../expr/types.js';
import type { AskField, FlowNodeOf } from '../schema/nodes.js';
import type { FlowValue, VariableDecl } from '../schema/variables.js';
import { matchesPattern } from '../validate/pattern.js';
import { valueProblem } from '../validate/variables.js';

type Message = { en: string; 'zh-CN': string };
const msg = (en: string, zh: string): Message => ({ en, 'zh-CN': zh });

/**
 * A phone number in E.164 where it can be: mainland mobiles (138…), 0086…,
 * 86…, and landlines with a trunk 0 (010…) become +86…; `+` numbers stay;
 * short service numbers (10086) stay as digits. Null when it is not a
 * number at all.
 */
export function normalizePhone(raw: string): string | null {
  const s = raw.replace(/[\s\-()]/g, '');
  if (/^\+\d{6,15}$/.test(s)) return s;
  if (/^00\d{6,15}$/.test(s)) return `+${s.slice(2)}`;
  if (/^1[3-9]\d{9}$/.test(s)) return `+86${s}`;
  if (/^861[3-9]\d{9}$/.test(s)) return `+${s}`;
  if (/^0[1-9]\d{8,10}$/.test(s)) return `+86${s.slice(1)}`;
  if (/^\d{3,8}$/.test(s)) return s;
  return null;
}

/** One answer, checked and normalized, or why not. */
function answer(field: AskField, variable: VariableDecl | undefined, raw: FlowValue | undefined): { value: FlowValue } | { error: Message } {
  const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
  if (empty) return field.required ? { error: msg(`"${field.label}" is required`, `"${field.label}" 为必填项`) } : { value: null };
  const rules = field.rules ?? {};
  const custom = (fallback: Message): { error: Message } => ({ error: rules.message ? msg(rules.message, rules.message) : fallback });
  const text = typeof raw === 'string' ? raw.trim() : null;
  let value: FlowValue;
  switch (field.input) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : text !== null && /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) : null;
      if (n === null || !Number.isFinite(n)) return { error: msg(`"${field.label}" must be a number`, `"${field.label}" 必须是数字`) };
      if (rules.min !== undefined && n < rules.min) return custom(msg(`"${field.label}" must be at least ${rules.min}`, `"${field.label}" 不能小于 ${rules.min}`));
      if (rules.max !== undefined && n > rules.max) return custom(msg(`"${field.label}" must be at most ${rules.max}`, `"${field.label}" 不能大于 ${rules.max}`));
      return { value: n };
    }
    case 'date':
      if (text === null || !isIsoDate(text)) return { error: msg(`"${field.label}" must be a date YYYY-MM-DD`, `"${field.label}" 必须是 YYYY-MM-DD 格式的日期`) };
      value = text;
      break;
    case 'phone': {
      const phone = text === null ? null : normalizePhone(text);
      if (phone === null) return { error: msg(`"${field.label}" is not a phone number`, `"${field.label}" 不是有效的电话号码`) };
      value = phone;
      break;
    }
    case 'choice': {
      const choices = (field.choices ?? variable?.choices ?? []).map((c) => c.value);
      if (text === null || !choices.includes(text)) return { error: msg(`"${field.label}" must be one of: ${choices.join(', ')}`, `"${field.label}" 必须是以下之一：${choices.join('、')}`) };
      value = text;
      break;
    }
    default:
      if (text === null) return { error: msg(`"${field.label}" must be text`, `"${field.label}" 必须是文本`) };
      value = text;
  }
  const length = [...value].length;
  if (rules.minLength !== undefined && length < rules.minLength) return custom(msg(`"${field.label}" needs at least ${rules.minLength} characters`, `"${field.label}" 至少 ${rules.minLength} 个字符`));
  if (rules.maxLength !== undefined && length > rules.maxLength) return custom(msg(`"${field.label}" takes at most ${rules.maxLength} characters`, `"${field.label}" 最多 ${rules.maxLength} 个字符`));
  if (rules.pattern !== undefined && !matchesPattern(rules.pattern, text ?? '')) return custom(msg(`"${field.label}" is not in the expected format`, `"${field.label}" 格式不正确`));
  return { value };
}

/**
 * An ask node's answers, checked against its fields (required, type,
 * min/max, length, pattern, choices) and normalized (numbers from text,
 * phones to E.164, text trimmed). Errors per variable name, in both
 * languages; an answer for a variable the node does not ask is an error too.
 */
export function checkAnswers(
  node: FlowNodeOf<'ask'>,
  variables: ReadonlyMap<string, VariableDecl>,
  values: Readonly<Record<string, FlowValue>>,
): { ok: true; values: Record<string, FlowValue> } | { ok: false; fieldErrors: Record<string, Message> } {
  const out: Record<string, FlowValue> = {};
  const fieldErrors: Record<string, Message> = {};
  for (const key of Object.keys(values))
    if (!node.fields.some((f) => f.variable === key)) fieldErrors[key] = msg(`This form has no field "${key}"`, `表单中没有字段 "${key}"`);
  for (const f of node.fields) {
    const r = answer(f, variables.get(f.variable), Object.hasOwn(values, f.variable) ? values[f.variable] : undefined);
    if ('error' in r) fieldErrors[f.variable] = r.error;
    else out[f.variable] = r.value;
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, values: out };
}

/**
 * An add-in's or work order's `ok` outputs, checked against the variables
 * they fill: a host that answers with the wrong type gets a clear refusal
 * (and can answer `error` instead), never a silently wrong variable.
 */
export function checkOutputs(
  node: FlowNodeOf<'addInCall'> | FlowNodeOf<'createWorkOrder'> | FlowNodeOf<'sendMessage'>,
  variables: ReadonlyMap<string, VariableDecl>,
  output: Readonly<Record<string, FlowValue>>,
  numberOutput: string,
): Record<string, Message> {
  const errors: Record<string, Message> = {};
  const targets: [string, string][] =
    node.kind === 'addInCall' ? Object.entries(node.output) : node.kind === 'createWorkOrder' && node.resultVariable !== undefined ? [[node.resultVariable, numberOutput]] : [];
  for (const [variable, name] of targets) {
    const decl = variables.get(variable);
    if (!decl || !Object.hasOwn(output, name)) continue;
    const why = valueProblem(decl, output[name] ?? null);
    if (why) errors[name] = msg(`The output "${name}" does not fit "${variable}": ${why}`, `输出 "${name}" 与变量 "${variable}" 类型不符：${why}`);
  }
  return errors;
}
