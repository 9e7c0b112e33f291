import type { Expr } from './ast.js';
import { exprFunction } from './functions.js';
import { exprIssue, type ExprIssue } from './issues.js';
import { parseExpression } from './parser.js';
import { isIsoDate, typeName, typeOfName, type ExprScope, type ExprType } from './types.js';

const T = (type: ExprType['type']): ExprType => ({ type });
const UNKNOWN = T('unknown');
const BOOLEAN = T('boolean');

/** Type-checks a parsed expression, collecting every issue (not just the first). */
class Checker {
  readonly issues: ExprIssue[] = [];
  constructor(private readonly scope: ExprScope) {}

  private mismatch(e: Expr, reason: 'operand-type' | 'incomparable' | 'unknown-choice' | 'not-a-date', en: string, zh: string): ExprType {
    this.issues.push(exprIssue('type-mismatch', reason, e.start, e.end, en, zh));
    return UNKNOWN;
  }

  /** Requires `t` to be `want` (unknown passes: its error is already reported). */
  private need(e: Expr, t: ExprType, want: 'text' | 'number' | 'boolean' | 'date'): boolean {
    if (t.type === 'unknown' || t.type === want) return true;
    if (want === 'date' && t.literal !== undefined) return this.dateLiteral(e, t);
    this.mismatch(e, 'operand-type', `Expected ${want}, found ${typeName(t)}`, `此处应为 ${want} 类型，实际为 ${typeName(t)}`);
    return false;
  }

  private dateLiteral(e: Expr, t: ExprType): boolean {
    if (t.literal !== undefined && isIsoDate(t.literal)) return true;
    this.mismatch(e, 'not-a-date', `"${t.literal}" is not a date written YYYY-MM-DD`, `"${t.literal}" 不是 YYYY-MM-DD 格式的日期`);
    return false;
  }

  /** Whether two operands may be compared with == (or `in`), reporting why not. */
  private comparable(l: Expr, lt: ExprType, r: Expr, rt: ExprType): void {
    if (lt.type === 'unknown' || rt.type === 'unknown' || lt.type === 'null' || rt.type === 'null') return;
    for (const [a, b, bt] of [[lt, r, rt], [rt, l, lt]] as const) {
      if (a.choices && bt.literal !== undefined && !a.choices.includes(bt.literal)) {
        this.mismatch(b, 'unknown-choice', `"${bt.literal}" is not one of the choices (${a.choices.join(', ')})`, `"${bt.literal}" 不在可选值中（${a.choices.join('、')}）`);
        return;
      }
      if (a.type === 'date' && bt.type === 'text' && bt.literal !== undefined) {
        this.dateLiteral(b, bt);
        return;
      }
    }
    if (lt.type !== rt.type) this.mismatch(r, 'incomparable', `Cannot compare ${typeName(lt)} with ${typeName(rt)}`, `${typeName(lt)} 与 ${typeName(rt)} 不能比较`);
  }

  check(e: Expr): ExprType {
    switch (e.kind) {
      case 'literal':
        if (typeof e.value === 'string') return { type: 'text', literal: e.value };
        return e.value === null ? T('null') : T(typeof e.value === 'number' ? 'number' : 'boolean');
      case 'name': {
        const t = typeOfName(e.name, this.scope);
        if (t) return t;
        this.issues.push(exprIssue('unknown-variable', 'unknown-name', e.start, e.end, `"${e.name}" is not a declared variable or a context field`, `"${e.name}" 不是已声明的变量或上下文字段`));
        return UNKNOWN;
      }
      case 'unary': {
        const t = this.check(e.operand);
        return this.need(e.operand, t, e.op === '!' ? 'boolean' : 'number') ? T(e.op === '!' ? 'boolean' : 'number') : UNKNOWN;
      }
      case 'in': {
        const vt = this.check(e.value);
        for (const item of e.list) this.comparable(e.value, vt, item, this.check(item));
        return BOOLEAN;
      }
      case 'call':
        return this.call(e);
      case 'binary':
        return this.binary(e);
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>): ExprType {
    const types = e.args.map((a) => this.check(a));
    const fn = exprFunction(e.fn);
    if (!fn) {
      this.issues.push(exprIssue('expression-syntax', 'unknown-function', e.start, e.end, `Unknown function "${e.fn}"`, `未知函数 "${e.fn}"`));
      return UNKNOWN;
    }
    if (types.length !== fn.params.length) {
      this.issues.push(exprIssue('expression-syntax', 'wrong-arity', e.start, e.end, `${e.fn} takes ${fn.params.length} argument(s), given ${types.length}`, `${e.fn} 需要 ${fn.params.length} 个参数，实际 ${types.length} 个`));
      return UNKNOWN;
    }
    fn.params.forEach((p, i) => {
      if (p !== 'any') this.need(e.args[i]!, types[i]!, p);
    });
    return T(fn.result);
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>): ExprType {
    const lt = this.check(e.left);
    const rt = this.check(e.right);
    switch (e.op) {
      case '&&':
      case '||':
        this.need(e.left, lt, 'boolean');
        this.need(e.right, rt, 'boolean');
        return BOOLEAN;
      case '==':
      case '!=':
        this.comparable(e.left, lt, e.right, rt);
        return BOOLEAN;
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const want = lt.type === 'date' || rt.type === 'date' ? 'date' : 'number';
        this.need(e.left, lt, want);
        this.need(e.right, rt, want);
        return BOOLEAN;
      }
      case '+':
        if (lt.type === 'text' || rt.type === 'text') {
          this.need(e.left, lt, 'text');
          this.need(e.right, rt, 'text');
          return T('text');
        }
        this.need(e.left, lt, 'number');
        this.need(e.right, rt, 'number');
        return T('number');
      default:
        this.need(e.left, lt, 'number');
        this.need(e.right, rt, 'number');
        return T('number');
    }
  }
}

/** The result of checking: the expression's type (`unknown` when it has errors) and its issues. */
export interface CheckResult {
  type: ExprType;
  diagnostics: ExprIssue[];
  ast?: Expr;
}

/**
 * Parses and type-checks an expression against a scope. Phone and choice
 * values are text; a string literal compared with a choice must be one of
 * its choices, and one compared with a date must be a date.
 */
export function checkExpression(src: string, scope: ExprScope): CheckResult {
  const parsed = parseExpression(src);
  if (!parsed.ok) return { type: UNKNOWN, diagnostics: [parsed.issue] };
  const checker = new Checker(scope);
  const type = checker.check(parsed.ast);
  return { type: checker.issues.length > 0 ? UNKNOWN : type, diagnostics: checker.issues, ast: parsed.ast };
}

/** The names (variables and context paths) an expression reads, in order of first use. */
export function namesRead(ast: Expr): string[] {
  const names: string[] = [];
  const stack: Expr[] = [ast];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'name' && !names.includes(e.name)) names.push(e.name);
    else if (e.kind === 'unary') stack.push(e.operand);
    else if (e.kind === 'binary') stack.push(e.right, e.left);
    else if (e.kind === 'in') stack.push(...[...e.list].reverse(), e.value);
    else if (e.kind === 'call') stack.push(...[...e.args].reverse());
  }
  return names;
}
