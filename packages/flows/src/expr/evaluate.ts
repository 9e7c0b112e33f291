import type { FlowValue } from '../schema/variables.js';
import type { Expr } from './ast.js';
import { exprFunction } from './functions.js';
import { parseExpression } from './parser.js';

/** The values an expression reads: variables by name and context fields by path (`customer.tier`, `today`). */
export type ExprValues = Readonly<Record<string, FlowValue | undefined>>;

const finite = (n: number): FlowValue => (Number.isFinite(n) ? n : null);

/** `==` as the language defines it: null equals only null; otherwise same type and same value. */
function equal(a: FlowValue, b: FlowValue): boolean {
  return a === b;
}

function ordered(op: '<' | '<=' | '>' | '>=', a: FlowValue, b: FlowValue): boolean {
  // Numbers with numbers, ISO dates (text) with ISO dates: both sort as written.
  if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) return false;
  if (op === '<') return a < b;
  if (op === '<=') return a <= b;
  if (op === '>') return a > b;
  return a >= b;
}

function binary(e: Extract<Expr, { kind: 'binary' }>, values: ExprValues): FlowValue {
  // && and || short-circuit; only `true` counts as true (null and anything else is false).
  if (e.op === '&&') return run(e.left, values) === true && run(e.right, values) === true;
  if (e.op === '||') return run(e.left, values) === true || run(e.right, values) === true;
  const a = run(e.left, values);
  const b = run(e.right, values);
  switch (e.op) {
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordered(e.op, a, b);
    case '+':
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      return typeof a === 'number' && typeof b === 'number' ? finite(a + b) : null;
    default:
      if (typeof a !== 'number' || typeof b !== 'number') return null;
      if (e.op === '-') return finite(a - b);
      if (e.op === '*') return finite(a * b);
      return b === 0 ? null : finite(a / b);
  }
}

function run(e: Expr, values: ExprValues): FlowValue {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'name':
      return Object.hasOwn(values, e.name) ? (values[e.name] ?? null) : null;
    case 'unary': {
      const v = run(e.operand, values);
      if (e.op === '!') return v !== true;
      return typeof v === 'number' ? finite(-v) : null;
    }
    case 'in': {
      const v = run(e.value, values);
      return v !== null && e.list.some((item) => equal(v, run(item, values)));
    }
    case 'call': {
      const fn = exprFunction(e.fn);
      if (!fn || fn.params.length !== e.args.length) return null;
      return fn.run(
        e.args.map((a) => run(a, values)),
        Object.hasOwn(values, 'today') ? (values.today ?? null) : null,
      );
    }
    case 'binary':
      return binary(e, values);
  }
}

/**
 * Evaluates an expression. Total: it never throws and never calls out. Null
 * propagates through arithmetic and functions (except isSet); comparisons
 * with null are false except `== null` / `!= null`; `x / 0` is null; a
 * non-finite result is null; a source that does not parse gives null.
 */
export function evaluateExpression(expr: Expr | string, values: ExprValues): FlowValue {
  if (typeof expr === 'string') {
    const parsed = parseExpression(expr);
    return parsed.ok ? run(parsed.ast, values) : null;
  }
  return run(expr, values);
}
