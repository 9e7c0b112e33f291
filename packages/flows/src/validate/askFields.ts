import type { FlowNodeOf } from '../schema/nodes.js';
import type { ValueType } from '../schema/variables.js';
import { checkTarget, checkTemplate, type ValidationContext } from './context.js';
import { error } from './make.js';
import { patternProblem } from './pattern.js';

/** Variable types each field input may fill: the same type, or text for inputs whose answers are text. */
const FITS: Record<FlowNodeOf<'ask'>['fields'][number]['input'], readonly ValueType[]> = {
  text: ['text'],
  number: ['number'],
  choice: ['choice', 'text'],
  date: ['date', 'text'],
  phone: ['phone', 'text'],
};

/** An ask node: its prompt, and each field's variable, input kind, choices and rules. */
export function checkAsk(ctx: ValidationContext, node: FlowNodeOf<'ask'>): void {
  checkTemplate(ctx, node.prompt, { nodeId: node.id, path: 'prompt' });
  node.fields.forEach((f, i) => {
    const path = `fields.${i}`;
    const v = checkTarget(ctx, f.variable, { nodeId: node.id, path: `${path}.variable` });
    if (v && !FITS[f.input].includes(v.type))
      ctx.out.push(error('field-type-mismatch', { nodeId: node.id, path: `${path}.input` }, `A ${f.input} field cannot fill the ${v.type} variable "${v.name}"`, `${f.input} 类型的字段不能填入 ${v.type} 类型的变量 "${v.name}"`));
    if (f.input === 'choice') {
      const own = f.choices ?? [];
      const declared = v?.choices ?? [];
      if (own.length === 0 && declared.length === 0) ctx.out.push(error('choice-without-options', { nodeId: node.id, path: `${path}.choices` }, `The choice field "${f.label}" has no choices`, `选项字段 "${f.label}" 没有可选值`));
      const stray = v?.type === 'choice' && declared.length > 0 ? own.filter((c) => !declared.some((d) => d.value === c.value)) : [];
      if (stray.length > 0)
        ctx.out.push(error('field-type-mismatch', { nodeId: node.id, path: `${path}.choices` }, `Choices ${stray.map((c) => c.value).join(', ')} are not choices of "${v?.name}"`, `可选值 ${stray.map((c) => c.value).join('、')} 不在变量 "${v?.name}" 的可选值中`));
    }
    const rules = f.rules;
    if (!rules) return;
    if (rules.pattern !== undefined) {
      const problem = patternProblem(rules.pattern);
      if (problem) ctx.out.push(error('unsafe-pattern', { nodeId: node.id, path: `${path}.rules.pattern` }, problem.en, problem['zh-CN']));
    }
    const numeric = rules.min !== undefined || rules.max !== undefined;
    if (numeric && f.input !== 'number')
      ctx.out.push(error('field-type-mismatch', { nodeId: node.id, path: `${path}.rules` }, 'Minimum and maximum apply to number fields only', '最小值和最大值只适用于数字字段'));
  });
}
