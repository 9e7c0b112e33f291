import { ExprSyntaxError, exprIssue } from './issues.js';

/** A token of the expression language. `name` covers identifiers, keywords and dotted paths. */
export type Token =
  | { type: 'number'; value: number; start: number; end: number }
  | { type: 'string'; value: string; start: number; end: number }
  | { type: 'name'; value: string; start: number; end: number }
  | { type: 'op'; value: string; start: number; end: number }
  | { type: 'eof'; value: ''; start: number; end: number };

const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '+', '-', '*', '/', '(', ')', '[', ']', ','] as const;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isNamePart = (c: string) => isNameStart(c) || isDigit(c);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function syntax(reason: 'unexpected-char' | 'unterminated-string' | 'bad-escape' | 'bad-number', start: number, end: number, en: string, zh: string): never {
  throw new ExprSyntaxError(exprIssue('expression-syntax', reason, start, end, en, zh));
}

/** Reads a quoted string from `at` (the quote); escapes: \n \t \r \\ \' \" \uXXXX. */
function readString(src: string, at: number): { value: string; end: number } {
  const quote = src[at];
  let value = '';
  let i = at + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === quote) return { value, end: i + 1 };
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    const e = src[i + 1] ?? '';
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
      value += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
      i += 6;
    } else if (Object.hasOwn(ESCAPES, e)) {
      value += ESCAPES[e];
      i += 2;
    } else syntax('bad-escape', i, i + 2, `Unknown escape "\\${e}" in a string`, `字符串中有无法识别的转义 "\\${e}"`);
  }
  return syntax('unterminated-string', at, src.length, 'The string is never closed', '字符串缺少结束引号');
}

/** Splits an expression into tokens; throws ExprSyntaxError on a character it does not know. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (isDigit(c)) {
      const m = /^\d+(?:\.\d+)?/.exec(src.slice(i))![0];
      if (isNamePart(src[i + m.length] ?? '') || src[i + m.length] === '.') syntax('bad-number', i, i + m.length + 1, `"${m}" is not a number`, `"${m}" 不是有效的数字`);
      tokens.push({ type: 'number', value: Number(m), start: i, end: i + m.length });
      i += m.length;
    } else if (c === "'" || c === '"') {
      const { value, end } = readString(src, i);
      tokens.push({ type: 'string', value, start: i, end });
      i = end;
    } else if (isNameStart(c)) {
      let j = i + 1;
      for (;;) {
        while (j < src.length && isNamePart(src[j]!)) j++;
        // A dot followed by a name continues a context path: customer.tier
        if (src[j] === '.' && isNameStart(src[j + 1] ?? '')) j++;
        else break;
      }
      tokens.push({ type: 'name', value: src.slice(i, j), start: i, end: j });
      i = j;
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      if (!op) syntax('unexpected-char', i, i + 1, `Unexpected character "${c}"`, `无法识别的字符 "${c}"`);
      tokens.push({ type: 'op', value: op, start: i, end: i + op.length });
      i += op.length;
    }
  }
  tokens.push({ type: 'eof', value: '', start: src.length, end: src.length });
  return tokens;
}
