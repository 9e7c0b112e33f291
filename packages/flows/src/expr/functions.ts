import type { FlowValue } from '../schema/variables.js';
import { epochDay, isIsoDate, isoDateOfEpochDay, type ExprType } from './types.js';

type ArgType = 'text' | 'number' | 'date' | 'any';

/**
 * A pure function an expression may call. `run` receives the evaluated
 * arguments and the run's values (for `today`); a null argument gives null
 * (except isSet), so functions are total.
 */
export interface ExprFunction {
  params: readonly ArgType[];
  result: ExprType['type'];
  doc: { en: string; 'zh-CN': string };
  run: (args: FlowValue[], today: FlowValue) => FlowValue;
}

const str = (v: FlowValue): string | null => (typeof v === 'string' ? v : null);
const num = (v: FlowValue): number | null => (typeof v === 'number' ? v : null);
const date = (v: FlowValue): string | null => (typeof v === 'string' && isIsoDate(v) ? v : null);
const text1 = (f: (s: string) => FlowValue) => (args: FlowValue[]) => {
  const s = str(args[0] ?? null);
  return s === null ? null : f(s);
};
const text2 = (f: (a: string, b: string) => FlowValue) => (args: FlowValue[]) => {
  const a = str(args[0] ?? null);
  const b = str(args[1] ?? null);
  return a === null || b === null ? null : f(a, b);
};

/** The functions, by name. Own keys only are looked up (never the prototype). */
export const EXPR_FUNCTIONS: Readonly<Record<string, ExprFunction>> = {
  len: { params: ['text'], result: 'number', doc: { en: 'Number of characters', 'zh-CN': '字符数' }, run: text1((s) => [...s].length) },
  contains: { params: ['text', 'text'], result: 'boolean', doc: { en: 'Whether the text contains the part', 'zh-CN': '文本是否包含指定内容' }, run: text2((a, b) => a.includes(b)) },
  startsWith: { params: ['text', 'text'], result: 'boolean', doc: { en: 'Whether the text starts with the part', 'zh-CN': '文本是否以指定内容开头' }, run: text2((a, b) => a.startsWith(b)) },
  lower: { params: ['text'], result: 'text', doc: { en: 'Lower-case text', 'zh-CN': '转为小写' }, run: text1((s) => s.toLowerCase()) },
  upper: { params: ['text'], result: 'text', doc: { en: 'Upper-case text', 'zh-CN': '转为大写' }, run: text1((s) => s.toUpperCase()) },
  trim: { params: ['text'], result: 'text', doc: { en: 'Text without surrounding spaces', 'zh-CN': '去掉首尾空格' }, run: text1((s) => s.trim()) },
  isSet: { params: ['any'], result: 'boolean', doc: { en: 'Whether the value is set (not null, not empty text)', 'zh-CN': '是否已有值（非空）' }, run: ([v]) => v !== null && v !== undefined && v !== '' },
  daysUntil: {
    params: ['date'],
    result: 'number',
    doc: { en: 'Days from today to the date (negative when past)', 'zh-CN': '距该日期的天数（已过为负）' },
    run: ([v], today) => {
      const d = date(v ?? null);
      const t = date(today);
      return d === null || t === null ? null : epochDay(d) - epochDay(t);
    },
  },
  addDays: {
    params: ['date', 'number'],
    result: 'date',
    doc: { en: 'The date so many days later', 'zh-CN': '若干天后的日期' },
    run: ([v, n]) => {
      const d = date(v ?? null);
      const k = num(n ?? null);
      if (d === null || k === null || !Number.isInteger(k) || Math.abs(k) > 100_000) return null;
      return isoDateOfEpochDay(epochDay(d) + k);
    },
  },
  round: { params: ['number'], result: 'number', doc: { en: 'Rounded to a whole number', 'zh-CN': '四舍五入取整' }, run: ([v]) => (typeof v === 'number' ? Math.round(v) : null) },
};

export const exprFunction = (name: string): ExprFunction | undefined => (Object.hasOwn(EXPR_FUNCTIONS, name) ? EXPR_FUNCTIONS[name] : undefined);
