import type { FlowNode, FlowNodeOf } from '../schema/nodes.js';
import { checkAsk } from './askFields.js';
import { checkAddInCall, checkCatalogNode } from './catalogChecks.js';
import { checkExpressionAt, checkTarget, checkTemplate, type ValidationContext } from './context.js';
import { error } from './make.js';

function checkSetVariable(ctx: ValidationContext, node: FlowNodeOf<'setVariable'>): void {
  node.assignments.forEach((a, i) => {
    const v = checkTarget(ctx, a.variable, { nodeId: node.id, path: `assignments.${i}.variable` });
    checkExpressionAt(ctx, a.value, { nodeId: node.id, path: `assignments.${i}.value` }, v ? (v.choices ? { type: v.type, choices: v.choices.map((c) => c.value) } : { type: v.type }) : undefined);
  });
}

function checkSendMessage(ctx: ValidationContext, node: FlowNodeOf<'sendMessage'>): void {
  if (node.to !== undefined) checkExpressionAt(ctx, node.to, { nodeId: node.id, path: 'to' }, { type: 'text' });
  checkTemplate(ctx, node.subject, { nodeId: node.id, path: 'subject' });
  checkTemplate(ctx, node.body, { nodeId: node.id, path: 'body' });
}

/** The checks of one node's own content (expressions, templates, written variables, catalog references). */
export function checkNode(ctx: ValidationContext, node: FlowNode): void {
  switch (node.kind) {
    case 'script':
      return checkTemplate(ctx, node.text, { nodeId: node.id, path: 'text' });
    case 'ask':
      return checkAsk(ctx, node);
    case 'setVariable':
      return checkSetVariable(ctx, node);
    case 'sendMessage':
      return checkSendMessage(ctx, node);
    case 'waitReply':
      if (node.replyVariable !== undefined) {
        const v = checkTarget(ctx, node.replyVariable, { nodeId: node.id, path: 'replyVariable' });
        if (v && v.type !== 'text')
          ctx.out.push(error('type-mismatch', { nodeId: node.id, path: 'replyVariable' }, `A reply is text; "${v.name}" is ${v.type}`, `客户回复是文本，变量 "${v.name}" 却是 ${v.type} 类型`));
      }
      return;
    case 'addInCall':
      return checkAddInCall(ctx, node);
    case 'createWorkOrder':
    case 'transfer':
    case 'end':
      return checkCatalogNode(ctx, node);
    default:
      return;
  }
}

/** Every edge guard must be a well-typed boolean. */
export function checkGuards(ctx: ValidationContext): void {
  ctx.doc.edges.forEach((e) => {
    if (e.guard !== undefined) checkExpressionAt(ctx, e.guard, { edgeId: e.id, path: 'guard' }, 'boolean');
  });
}
