import { EXPR_LIMITS, type BinaryOp, type Expr } from './ast.js';
import { ExprSyntaxError, exprIssue, type ExprIssue } from './issues.js';
import { tokenize, type Token } from './lexer.js';

const KEYWORDS = new Set(['true', 'false', 'null', 'in']);
/** Binary levels, loosest first; each is left-associative. */
const LEVELS: readonly (readonly BinaryOp[])[] = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/']];
/** The level whose operands may be followed by `in [...]` (it binds like an ordering). */
const IN_LEVEL = 3;

/**
 * Recursive descent over the token list. Depth is counted on every nested
 * construct (parentheses, unary operators, calls, lists) and every binary
 * node, so a hostile expression is refused before it can exhaust the stack.
 */
class Parser {
  private at = 0;
  private depthOf = new WeakMap<Expr, number>();
  private nesting = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    const e = this.level(0);
    const t = this.peek();
    if (t.type !== 'eof') this.fail(t, `Unexpected "${t.value}"`, `多余的 "${t.value}"`);
    return e;
  }

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private next(): Token {
    const t = this.tokens[this.at]!;
    if (t.type !== 'eof') this.at++;
    return t;
  }

  private isOp(value: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.value === value;
  }

  private expectOp(value: string): Token {
    const t = this.peek();
    if (t.type !== 'op' || t.value !== value) this.fail(t, `Expected "${value}"`, `此处应为 "${value}"`);
    return this.next();
  }

  private fail(t: Token, en: string, zh: string): never {
    const eof = t.type === 'eof';
    throw new ExprSyntaxError(exprIssue('expression-syntax', eof ? 'unexpected-end' : 'unexpected-token', t.start, Math.max(t.end, t.start + 1), eof ? `${en}: the expression ends too early` : en, eof ? `${zh}：表达式不完整` : zh));
  }

  /** Records a node's depth and refuses one deeper than the limit. */
  private made<E extends Expr>(e: E, ...children: Expr[]): E {
    const depth = 1 + Math.max(0, this.nesting, ...children.map((c) => this.depthOf.get(c) ?? 1));
    if (depth > EXPR_LIMITS.maxDepth) throw new ExprSyntaxError(exprIssue('expression-syntax', 'too-deep', e.start, e.end, `The expression is nested more than ${EXPR_LIMITS.maxDepth} levels deep`, `表达式嵌套超过 ${EXPR_LIMITS.maxDepth} 层`));
    this.depthOf.set(e, depth);
    return e;
  }

  private nested<T>(start: number, end: number, f: () => T): T {
    if (++this.nesting > EXPR_LIMITS.maxDepth) throw new ExprSyntaxError(exprIssue('expression-syntax', 'too-deep', start, end, `The expression is nested more than ${EXPR_LIMITS.maxDepth} levels deep`, `表达式嵌套超过 ${EXPR_LIMITS.maxDepth} 层`));
    try {
      return f();
    } finally {
      this.nesting--;
    }
  }

  private level(n: number): Expr {
    if (n === LEVELS.length) return this.unary();
    let left = this.level(n + 1);
    for (;;) {
      const t = this.peek();
      if (n === IN_LEVEL && t.type === 'name' && t.value === 'in') {
        this.next();
        const list = this.list();
        left = this.made({ kind: 'in', value: left, list: list.items, start: left.start, end: list.end }, left, ...list.items);
        continue;
      }
      const op = t.type === 'op' ? LEVELS[n]!.find((o) => o === t.value) : undefined;
      if (!op) return left;
      this.next();
      const right = this.level(n + 1);
      left = this.made({ kind: 'binary', op, left, right, start: left.start, end: right.end }, left, right);
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.type === 'op' && (t.value === '!' || t.value === '-')) {
      this.next();
      const operand = this.nested(t.start, t.end, () => this.unary());
      return this.made({ kind: 'unary', op: t.value, operand, start: t.start, end: operand.end }, operand);
    }
    return this.primary();
  }

  private list(): { items: Expr[]; end: number } {
    const open = this.expectOp('[');
    const items: Expr[] = [];
    this.nested(open.start, open.end, () => {
      do items.push(this.level(0));
      while (this.isOp(',') && this.next());
    });
    return { items, end: this.expectOp(']').end };
  }

  private primary(): Expr {
    const t = this.next();
    if (t.type === 'number' || t.type === 'string') return this.made({ kind: 'literal', value: t.value, start: t.start, end: t.end });
    if (t.type === 'op' && t.value === '(') {
      const inner = this.nested(t.start, t.end, () => this.level(0));
      this.expectOp(')');
      return inner;
    }
    if (t.type !== 'name' || t.value === 'in') this.fail(t, t.type === 'eof' ? 'A value is missing' : `Unexpected "${t.value}"`, t.type === 'eof' ? '缺少一个值' : `此处不应出现 "${t.value}"`);
    if (KEYWORDS.has(t.value)) return this.made({ kind: 'literal', value: t.value === 'null' ? null : t.value === 'true', start: t.start, end: t.end });
    if (!this.isOp('(')) return this.made({ kind: 'name', name: t.value, start: t.start, end: t.end });
    this.next();
    const args: Expr[] = [];
    this.nested(t.start, t.end, () => {
      if (this.isOp(')')) return;
      do args.push(this.level(0));
      while (this.isOp(',') && this.next());
    });
    const close = this.expectOp(')');
    return this.made({ kind: 'call', fn: t.value, args, start: t.start, end: close.end }, ...args);
  }
}

/** What parsing gives: the tree, or the first syntax problem. */
export type ParseResult = { ok: true; ast: Expr } | { ok: false; issue: ExprIssue };

/**
 * Parses a guard or value expression (grammar in docs/flows.md). Never
 * throws: a source longer than EXPR_LIMITS.maxLength, an unknown character
 * or a tree deeper than EXPR_LIMITS.maxDepth comes back as an issue.
 */
export function parseExpression(src: string): ParseResult {
  if (src.length > EXPR_LIMITS.maxLength)
    return { ok: false, issue: exprIssue('expression-syntax', 'too-long', EXPR_LIMITS.maxLength, src.length, `The expression is longer than ${EXPR_LIMITS.maxLength} characters`, `表达式超过 ${EXPR_LIMITS.maxLength} 个字符`) };
  try {
    return { ok: true, ast: new Parser(tokenize(src)).parse() };
  } catch (e) {
    if (e instanceof ExprSyntaxError) return { ok: false, issue: e.issue };
    throw e;
  }
}
