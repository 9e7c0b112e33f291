import { isContextField } from '../expr/types.js';
import { isIsoDate } from '../expr/types.js';
import type { FlowValue, VariableDecl } from '../schema/variables.js';
import type { Diagnostic } from './diagnostic.js';
import { error } from './make.js';

/** Why a value does not fit a declared variable, or undefined when it does (null always fits: unset). */
export function valueProblem(v: Pick<VariableDecl, 'type' | 'choices'>, value: FlowValue): string | undefined {
  if (value === null) return undefined;
  switch (v.type) {
    case 'number':
      return typeof value === 'number' ? undefined : 'a number is expected';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false is expected';
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? undefined : 'a date YYYY-MM-DD is expected';
    case 'choice':
      if (typeof value !== 'string') return 'one of the choices is expected';
      return !v.choices || v.choices.some((c) => c.value === value) ? undefined : `"${value}" is not one of the choices`;
    default:
      return typeof value === 'string' ? undefined : 'text is expected';
  }
}

/** Declared variables: unique names, no context field names, choices for choice variables, initial values of their type. */
export function checkVariables(variables: readonly VariableDecl[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  variables.forEach((v, i) => {
    const path = `variables.${i}`;
    if (seen.has(v.name)) out.push(error('duplicate-variable', { path: `${path}.name` }, `The variable "${v.name}" is declared twice`, `变量 "${v.name}" 重复声明`));
    seen.add(v.name);
    if (isContextField(v.name)) out.push(error('variable-read-only', { path: `${path}.name` }, `"${v.name}" is a read-only context field; choose another name`, `"${v.name}" 是只读上下文字段，请换一个变量名`));
    if (v.type === 'choice' && (v.choices?.length ?? 0) === 0) out.push(error('choice-without-options', { path: `${path}.choices` }, `The choice variable "${v.name}" has no choices`, `选项变量 "${v.name}" 没有可选值`));
    if (v.initial !== undefined) {
      const why = valueProblem(v, v.initial);
      if (why) out.push(error('type-mismatch', { path: `${path}.initial` }, `The initial value of "${v.name}" does not fit: ${why}`, `变量 "${v.name}" 的初始值类型不符：${why}`));
    }
  });
  return out;
}
