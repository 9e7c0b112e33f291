import { isContextField } from '../expr/types.js';
import type { Diagnostic } from './diagnostic.js';
import type { ValidationContext } from './context.js';
import { error } from './make.js';

/** Flow tests may only name nodes the flow has, variables it declares and context fields. */
export function checkTestRefs(ctx: ValidationContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const node = (testId: string, id: string, path: string) => {
    if (!ctx.graph.indexOf.has(id)) out.push(error('test-unknown-node', { testId, path }, `The test names the node "${id}", which the flow does not have`, `测试用例引用了不存在的节点 "${id}"`));
  };
  const variable = (testId: string, name: string, path: string, context: boolean) => {
    const known = context ? isContextField(name) : ctx.variables.has(name);
    if (!known)
      out.push(error('test-unknown-variable', { testId, path }, `The test names "${name}", which is not a ${context ? 'context field' : 'declared variable'}`, `测试用例引用了不存在的${context ? '上下文字段' : '变量'} "${name}"`));
  };
  ctx.doc.tests.forEach((t, ti) => {
    const base = `tests.${ti}`;
    for (const name of Object.keys(t.context)) variable(t.id, name, `${base}.context.${name}`, true);
    t.steps.forEach((s, i) => {
      node(t.id, s.node, `${base}.steps.${i}.node`);
      if (s.action === 'submit') for (const name of Object.keys(s.values)) variable(t.id, name, `${base}.steps.${i}.values.${name}`, false);
    });
    t.effects.forEach((e, i) => node(t.id, e.node, `${base}.effects.${i}.node`));
    t.expect.path?.forEach((id, i) => node(t.id, id, `${base}.expect.path.${i}`));
    for (const name of Object.keys(t.expect.variables ?? {})) variable(t.id, name, `${base}.expect.variables.${name}`, false);
  });
  return out;
}
