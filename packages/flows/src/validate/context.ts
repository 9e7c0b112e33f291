import type { FlowCatalog } from '../catalog.js';
import { checkExpression, type CheckResult } from '../expr/checker.js';
import { templateRefs } from '../expr/interpolate.js';
import { isContextField, scopeOf, typeName, type ExprScope, type ExprType } from '../expr/types.js';
import type { FlowDocument } from '../schema/flowDocument.js';
import type { ValueType, VariableDecl } from '../schema/variables.js';
import type { Diagnostic } from './diagnostic.js';
import type { FlowGraph } from './graph.js';
import { error, type DiagnosticPlace } from './make.js';

/** What the rule families share while validating one document. */
export interface ValidationContext {
  doc: FlowDocument;
  catalog: FlowCatalog;
  graph: FlowGraph;
  scope: ExprScope;
  variables: ReadonlyMap<string, VariableDecl>;
  /** Parsed and checked expressions by source (the scope is fixed, so the result is too). */
  checked: Map<string, CheckResult>;
  out: Diagnostic[];
}

export function validationContext(doc: FlowDocument, catalog: FlowCatalog, graph: FlowGraph): ValidationContext {
  const variables = new Map<string, VariableDecl>();
  for (const v of doc.variables) if (!variables.has(v.name)) variables.set(v.name, v);
  return { doc, catalog, graph, scope: scopeOf(doc.variables), variables, checked: new Map(), out: [] };
}

export function checked(ctx: ValidationContext, src: string): CheckResult {
  let r = ctx.checked.get(src);
  if (!r) ctx.checked.set(src, (r = checkExpression(src, ctx.scope)));
  return r;
}

/** Why a value of type `t` cannot go where `target` is expected, or undefined when it can. */
export function notAssignable(target: { type: ValueType; choices?: readonly string[] }, t: ExprType): string | undefined {
  if (t.type === 'unknown' || t.type === 'null') return undefined;
  const want = target.type === 'phone' || target.type === 'choice' ? 'text' : target.type;
  if (want === 'date' && t.type === 'text' && t.literal !== undefined) return /^\d{4}-\d{2}-\d{2}$/.test(t.literal) ? undefined : `"${t.literal}" is not a date`;
  if (want !== t.type) return `${typeName(t)} where ${target.type} is expected`;
  if (target.type === 'choice' && target.choices && t.literal !== undefined && !target.choices.includes(t.literal)) return `"${t.literal}" is not one of ${target.choices.join(', ')}`;
  return undefined;
}

/**
 * Checks one expression at a place: its syntax, names and types, and what
 * it must be (a boolean for guards, a value of a type for assignments and
 * inputs). Returns the check result for callers that go on.
 */
export function checkExpressionAt(ctx: ValidationContext, src: string, place: DiagnosticPlace, want?: 'boolean' | { type: ValueType; choices?: readonly string[] }): CheckResult {
  const r = checked(ctx, src);
  for (const issue of r.diagnostics) ctx.out.push(error(issue.code, place, issue.message.en, issue.message['zh-CN']));
  if (r.diagnostics.length > 0 || want === undefined) return r;
  if (want === 'boolean') {
    if (r.type.type !== 'boolean')
      ctx.out.push(error('guard-not-boolean', place, `A condition must be true or false, but this is ${typeName(r.type)}`, `条件必须是真或假，这里却是 ${typeName(r.type)} 类型`));
    return r;
  }
  const why = notAssignable(want, r.type);
  if (why) ctx.out.push(error('type-mismatch', place, `Type mismatch: ${why}`, `类型不匹配：${why}`));
  return r;
}

/** A variable a node writes: it must be declared, and not a read-only context field. */
export function checkTarget(ctx: ValidationContext, name: string, place: DiagnosticPlace): VariableDecl | undefined {
  if (isContextField(name)) {
    ctx.out.push(error('variable-read-only', place, `"${name}" is read-only context; a flow cannot change it`, `"${name}" 是只读上下文字段，流程不能修改`));
    return undefined;
  }
  const v = ctx.variables.get(name);
  if (!v) ctx.out.push(error('unknown-variable', place, `"${name}" is not a declared variable`, `"${name}" 不是已声明的变量`));
  return v;
}

/** `{{name}}` holes must name a variable or a context field. */
export function checkTemplate(ctx: ValidationContext, text: string | undefined, place: DiagnosticPlace): void {
  if (text === undefined) return;
  const refs = templateRefs(text);
  for (const { raw } of refs.invalid) ctx.out.push(error('template-unknown-variable', place, `${raw.slice(0, 40)} is not a {{variable}}`, `${raw.slice(0, 40)} 不是有效的 {{变量}}`));
  for (const { name } of refs.names)
    if (!isContextField(name) && !ctx.variables.has(name)) ctx.out.push(error('template-unknown-variable', place, `{{${name}}} is not a declared variable or a context field`, `{{${name}}} 不是已声明的变量或上下文字段`));
}
