import type { CatalogField } from '../catalog.js';
import type { FlowNodeOf } from '../schema/nodes.js';
import { checkExpressionAt, checkTarget, notAssignable, type ValidationContext } from './context.js';
import { error } from './make.js';
import { typeOfValueType } from '../expr/types.js';

/** Inputs (name -> expression) against the fields an operation or work-order type takes. */
function checkInputs(
  ctx: ValidationContext,
  nodeId: string,
  given: Readonly<Record<string, string>>,
  fields: readonly CatalogField[],
  base: 'input' | 'fields',
  codes: { missing: 'missing-add-in-input' | 'missing-work-order-field'; unknown: 'unknown-add-in-input' | 'unknown-work-order-field' },
): void {
  for (const f of fields)
    if (f.required && !Object.hasOwn(given, f.name)) ctx.out.push(error(codes.missing, { nodeId, path: `${base}.${f.name}` }, `The required ${base === 'input' ? 'input' : 'field'} "${f.name}" is not given`, `缺少必填${base === 'input' ? '参数' : '字段'} "${f.name}"`));
  for (const [name, src] of Object.entries(given)) {
    const field = fields.find((f) => f.name === name);
    if (!field) {
      ctx.out.push(error(codes.unknown, { nodeId, path: `${base}.${name}` }, `"${name}" is not one of its ${base === 'input' ? 'inputs' : 'fields'} (${fields.map((f) => f.name).join(', ')})`, `"${name}" 不是可用的${base === 'input' ? '参数' : '字段'}（${fields.map((f) => f.name).join('、')}）`));
      checkExpressionAt(ctx, src, { nodeId, path: `${base}.${name}` });
    } else checkExpressionAt(ctx, src, { nodeId, path: `${base}.${name}` }, { type: field.type });
  }
}

/** An add-in call: the add-in and operation exist, inputs are given and typed, outputs exist and fit their variables. */
export function checkAddInCall(ctx: ValidationContext, node: FlowNodeOf<'addInCall'>): void {
  const addIn = ctx.catalog.addIns.find((a) => a.id === node.addInId);
  if (!addIn) {
    ctx.out.push(error('unknown-add-in', { nodeId: node.id, path: 'addInId' }, `There is no add-in "${node.addInId}"`, `插件 "${node.addInId}" 不存在`));
    return;
  }
  const op = addIn.operations.find((o) => o.name === node.operation);
  if (!op) {
    ctx.out.push(error('unknown-add-in-operation', { nodeId: node.id, path: 'operation' }, `The add-in "${addIn.id}" has no operation "${node.operation}"`, `插件 "${addIn.id}" 没有操作 "${node.operation}"`));
    return;
  }
  checkInputs(ctx, node.id, node.input, op.inputs, 'input', { missing: 'missing-add-in-input', unknown: 'unknown-add-in-input' });
  for (const [variable, outName] of Object.entries(node.output)) {
    const place = { nodeId: node.id, path: `output.${variable}` };
    const v = checkTarget(ctx, variable, place);
    const out = op.outputs.find((o) => o.name === outName);
    if (!out) {
      ctx.out.push(error('unknown-add-in-output', place, `The operation "${op.name}" gives no "${outName}" (it gives ${op.outputs.map((o) => o.name).join(', ')})`, `操作 "${op.name}" 没有输出 "${outName}"（可用：${op.outputs.map((o) => o.name).join('、')}）`));
      continue;
    }
    const why = v && notAssignable(v.choices ? { type: v.type, choices: v.choices.map((c) => c.value) } : { type: v.type }, typeOfValueType(out.type));
    if (v && why) ctx.out.push(error('type-mismatch', place, `The output "${outName}" (${out.type}) does not fit "${v.name}" (${v.type})`, `输出 "${outName}"（${out.type}）与变量 "${v.name}"（${v.type}）类型不符`));
  }
}

/** Work orders, transfers and ends refer to a work-order type, a queue or a disposition the catalog knows. */
export function checkCatalogNode(ctx: ValidationContext, node: FlowNodeOf<'createWorkOrder' | 'transfer' | 'end'>): void {
  if (node.kind === 'transfer') {
    if (!ctx.catalog.queues.some((q) => q.id === node.queueId)) ctx.out.push(error('unknown-queue', { nodeId: node.id, path: 'queueId' }, `There is no queue "${node.queueId}"`, `队列 "${node.queueId}" 不存在`));
    return;
  }
  if (node.kind === 'end') {
    if (!ctx.catalog.dispositions.some((d) => d.code === node.disposition))
      ctx.out.push(error('unknown-disposition', { nodeId: node.id, path: 'disposition' }, `There is no disposition "${node.disposition}"`, `小结代码 "${node.disposition}" 不存在`));
    return;
  }
  const type = ctx.catalog.workOrderTypes.find((t) => t.type === node.workOrderType);
  if (!type) ctx.out.push(error('unknown-work-order-type', { nodeId: node.id, path: 'workOrderType' }, `There is no work-order type "${node.workOrderType}"`, `工单类型 "${node.workOrderType}" 不存在`));
  else checkInputs(ctx, node.id, node.fields, type.fields, 'fields', { missing: 'missing-work-order-field', unknown: 'unknown-work-order-field' });
  if (node.resultVariable !== undefined) {
    const v = checkTarget(ctx, node.resultVariable, { nodeId: node.id, path: 'resultVariable' });
    if (v && v.type !== 'text')
      ctx.out.push(error('type-mismatch', { nodeId: node.id, path: 'resultVariable' }, `A work-order number is text; "${v.name}" is ${v.type}`, `工单编号是文本，变量 "${v.name}" 却是 ${v.type} 类型`));
  }
}
