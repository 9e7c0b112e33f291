import type { FlowValue } from '../schema/variables.js';

/** Binary operators, loosest first: `||`, `&&`, equality, ordering, `+ -`, `* /`. */
export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/';

/** Where a piece of an expression sits in its source: `[start, end)` in UTF-16 units. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The parsed form of a guard or value expression. Plain data (JSON-safe), so
 * a compiled flow can carry it and tests can compare it.
 */
export type Expr =
  | ({ kind: 'literal'; value: FlowValue } & Span)
  /** A declared variable (`arrears`) or a context path (`customer.tier`). */
  | ({ kind: 'name'; name: string } & Span)
  | ({ kind: 'unary'; op: '!' | '-'; operand: Expr } & Span)
  | ({ kind: 'binary'; op: BinaryOp; left: Expr; right: Expr } & Span)
  /** `value in [a, b]`: list membership, compared like `==`. */
  | ({ kind: 'in'; value: Expr; list: Expr[] } & Span)
  | ({ kind: 'call'; fn: string; args: Expr[] } & Span);

/** Bounds that keep parsing, checking and evaluating an expression cheap and the stack shallow. */
export const EXPR_LIMITS = { maxLength: 2_000, maxDepth: 64 } as const;
