import type { DiagnosticCode } from '../validate/diagnostic.js';

/** The diagnostic codes an expression problem maps to. */
export type ExprIssueCode = Extract<DiagnosticCode, 'expression-syntax' | 'unknown-variable' | 'type-mismatch'>;

/**
 * A problem in an expression: where it is, the diagnostic code it becomes in
 * `validate`, a finer stable `reason` (what tests and the docs name), and a
 * message in both UI languages.
 */
export interface ExprIssue {
  code: ExprIssueCode;
  reason:
    | 'too-long'
    | 'too-deep'
    | 'unexpected-char'
    | 'unterminated-string'
    | 'bad-escape'
    | 'bad-number'
    | 'unexpected-token'
    | 'unexpected-end'
    | 'unknown-function'
    | 'wrong-arity'
    | 'unknown-name'
    | 'operand-type'
    | 'incomparable'
    | 'unknown-choice'
    | 'not-a-date';
  start: number;
  end: number;
  message: { en: string; 'zh-CN': string };
}

/** An issue at a span, with the position written into both messages (1-based column). */
export function exprIssue(code: ExprIssueCode, reason: ExprIssue['reason'], start: number, end: number, en: string, zh: string): ExprIssue {
  return { code, reason, start, end, message: { en: `${en} (column ${start + 1})`, 'zh-CN': `${zh}（第 ${start + 1} 列）` } };
}

/** Thrown inside the lexer and parser only; `parseExpression` turns it into an issue. */
export class ExprSyntaxError extends Error {
  constructor(readonly issue: ExprIssue) {
    super(issue.message.en);
  }
}
