import { AppError, validateWorkOrderFields, workOrderTypeSchema, type Interaction } from '@omnicc/shared';
import { WORK_ORDER_NUMBER_OUTPUT, type EffectRequest, type EffectResult } from '@omnicc/flows';
import type { WorkOrderService } from './workOrderService.js';

const bilingual = (zh: string, en: string): string => `${zh} / ${en}`;

/** What a flow's work-order step says when it cannot create the order (the step records it, the panel shows it). */
export const WORK_ORDER_EFFECT_MESSAGES = {
  unknownType: (type: string) => bilingual(`工单类型 "${type}" 不存在`, `There is no work-order type "${type}"`),
  fieldsRefused: (zh: string, en: string) => bilingual(`工单字段有误：${zh}`, `Work-order fields refused: ${en}`),
  refused: (reason: string) => bilingual(`工单创建失败：${reason}`, `The work order was not created: ${reason}`),
} as const;

/** Step number of an effect: the runtime's idempotency keys are `<runId>:<seq>`. */
function runAndStep(idempotencyKey: string): { runId: string; step: number } {
  const at = idempotencyKey.lastIndexOf(':');
  const step = Number(idempotencyKey.slice(at + 1));
  return at > 0 && Number.isInteger(step) ? { runId: idempotencyKey.slice(0, at), step } : { runId: idempotencyKey, step: 0 };
}

/**
 * Answers a flow's createWorkOrder effect by creating the order: its type
 * and the fields the node mapped (empty variables left out), linked to the
 * interaction and its customer, created by the agent holding it, from the
 * run and node. The effect's idempotency key makes a re-performed effect
 * (after a crash) find the order made the first time. A refusal (unknown
 * type, bad fields) is the step's error; the database failing throws, so the
 * owner's sweep performs the effect again.
 */
export async function performCreateWorkOrder(service: WorkOrderService, request: Extract<EffectRequest, { kind: 'createWorkOrder' }>, interaction: Interaction): Promise<EffectResult> {
  const type = workOrderTypeSchema.safeParse(request.workOrderType);
  if (!type.success) return { outcome: 'error', message: WORK_ORDER_EFFECT_MESSAGES.unknownType(request.workOrderType) };
  const fields = Object.fromEntries(Object.entries(request.fields).filter(([, v]) => v !== null && v !== ''));
  const { errors } = validateWorkOrderFields(type.data, fields);
  if (errors.length > 0) return { outcome: 'error', message: WORK_ORDER_EFFECT_MESSAGES.fieldsRefused(errors.map((e) => e['zh-CN']).join('；'), errors.map((e) => e.en).join('; ')) };
  const { runId, step } = runAndStep(request.idempotencyKey);
  try {
    const { detail } = await service.create(
      { type: type.data, fields, interactionId: interaction.id },
      { kind: 'flow', agentId: interaction.agentId ?? null, runId, nodeId: request.nodeId, step, idempotencyKey: request.idempotencyKey },
    );
    return { outcome: 'ok', output: { [WORK_ORDER_NUMBER_OUTPUT]: detail.number } };
  } catch (err) {
    if (err instanceof AppError && err.code !== 'INTERNAL' && err.code !== 'UNAVAILABLE') return { outcome: 'error', message: WORK_ORDER_EFFECT_MESSAGES.refused(err.message) };
    throw err;
  }
}
