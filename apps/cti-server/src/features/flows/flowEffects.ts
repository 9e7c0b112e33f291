import { createHash } from 'node:crypto';
import { AppError, type Interaction } from '@omnicc/shared';
import type { EffectRequest, EffectResult } from '@omnicc/flows';
import { AddInCallError } from '../addIns/connector/addInErrors.js';
import type { AddInService } from '../addIns/addInService.js';

/** Both languages in one message: the step records it, and the side panel shows it to an agent of either. */
const bilingual = (zh: string, en: string): string => `${zh} / ${en}`;

/** What the effects say when the feature they need is missing, as issue 7 asks: a clear failure, never a stub. */
export const EFFECT_MESSAGES = {
  addInUnavailable: bilingual('插件平台尚未上线', 'The add-in platform is not available yet'),
  addInFailed: (code: string, reason: string) => bilingual(`插件调用失败（${code}）：${reason}`, `The add-in call failed (${code}): ${reason}`),
  workOrdersUnavailable: bilingual('工单功能尚未上线', 'Work orders are not available yet'),
  wrongChannel: (kind: 'sms' | 'email', channel: string) =>
    kind === 'sms'
      ? bilingual(`本次${channel}会话不能发送短信：流程只能在短信会话中回复客户`, `This ${channel} interaction cannot carry an SMS: a flow answers the customer by SMS only on an SMS interaction`)
      : bilingual(`本次${channel}会话不能发送邮件：流程只能在邮件会话中回复客户`, `This ${channel} interaction cannot carry an email: a flow answers the customer by email only on an email interaction`),
  otherRecipient: bilingual('流程只能发给本次会话的客户，不能发给其他地址', "A flow sends only to this interaction's customer, not to another address"),
  noAgent: bilingual('会话已不在坐席手中，无法发送', 'The interaction is no longer held by an agent: nothing was sent'),
  sendFailed: (reason: string) => bilingual(`发送失败：${reason}`, `Sending failed: ${reason}`),
} as const;

/** The real reply features the effects go through (SmsConversations.reply, EmailConversations.reply). */
export interface FlowMessageSenders {
  sms(agentId: string, interactionId: string, body: { clientMessageId: string; text: string }): Promise<unknown>;
  email(agentId: string, interactionId: string, body: { clientMessageId: string; text: string; mode: 'reply' }): Promise<unknown>;
}

/**
 * The outbox's client id for an effect: derived from the request's
 * idempotency key, so an effect performed again after a crash finds the
 * message it stored the first time and sends nothing more.
 */
export const clientMessageIdOf = (idempotencyKey: string): string => `flow-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;

/** Digits of a phone number, to compare two spellings of one number. */
const digits = (s: string) => s.replace(/\D/g, '').replace(/^(00)?86/, '');

/**
 * Performs what a run asks of the server. Every refusal is an `error`
 * result, so the flow takes its error branch and the step records why; only
 * an unexpected failure (the database) throws, and the run stays waiting on
 * the effect for the owner's sweep to perform it again. A work order is
 * created by its feature, once per idempotency key. An add-in call goes through the connector
 * (docs/add-ins.md): a lookup is safe to repeat, so a call performed again
 * after a crash just asks again (or finds the cached answer).
 */
export class FlowEffects {
  constructor(
    private readonly senders: FlowMessageSenders,
    /** The add-in platform; without it (tests of other effects) add-in nodes fail with addInUnavailable. */
    private readonly addIns?: Pick<AddInService, 'call'>,
    /** Creates a flow's work order (features/workOrders performCreateWorkOrder); without it work-order nodes fail with workOrdersUnavailable. */
    private readonly workOrders?: (request: Extract<EffectRequest, { kind: 'createWorkOrder' }>, interaction: Interaction) => Promise<EffectResult>,
  ) {}

  async perform(request: EffectRequest, interaction: Interaction): Promise<EffectResult> {
    switch (request.kind) {
      case 'addInCall':
        return this.callAddIn(request);
      case 'createWorkOrder':
        return this.workOrders ? this.workOrders(request, interaction) : { outcome: 'error', message: EFFECT_MESSAGES.workOrdersUnavailable };
      case 'sendMessage':
        return this.send(request, interaction);
    }
  }

  private async callAddIn(request: Extract<EffectRequest, { kind: 'addInCall' }>): Promise<EffectResult> {
    if (!this.addIns) return { outcome: 'error', message: EFFECT_MESSAGES.addInUnavailable };
    try {
      const { output } = await this.addIns.call(request.addInId, request.operation, request.input, request.timeoutMs);
      return { outcome: 'ok', output };
    } catch (err) {
      if (!(err instanceof AddInCallError)) throw err;
      // Only a budget that ran out is the node's timeout port; a breaker refusing at once is an error the flow explains.
      if (err.code === 'TIMEOUT') return { outcome: 'timeout' };
      return { outcome: 'error', message: EFFECT_MESSAGES.addInFailed(err.code, err.message) };
    }
  }

  private async send(request: Extract<EffectRequest, { kind: 'sendMessage' }>, interaction: Interaction): Promise<EffectResult> {
    if (interaction.channel !== request.channel) return { outcome: 'error', message: EFFECT_MESSAGES.wrongChannel(request.channel, interaction.channel) };
    const customer = request.channel === 'sms' ? interaction.customer.phone : interaction.customer.email;
    if (request.to !== null && request.to.trim() !== '') {
      const same = request.channel === 'sms' ? customer !== undefined && digits(customer) === digits(request.to) : customer?.toLowerCase() === request.to.trim().toLowerCase();
      if (!same) return { outcome: 'error', message: EFFECT_MESSAGES.otherRecipient };
    }
    if (!interaction.agentId) return { outcome: 'error', message: EFFECT_MESSAGES.noAgent };
    const clientMessageId = clientMessageIdOf(request.idempotencyKey);
    try {
      if (request.channel === 'sms') await this.senders.sms(interaction.agentId, interaction.id, { clientMessageId, text: request.body });
      else await this.senders.email(interaction.agentId, interaction.id, { clientMessageId, text: request.body, mode: 'reply' });
      return { outcome: 'ok', output: { messageId: clientMessageId } };
    } catch (err) {
      // The reply features' own coded refusals (not assigned, too long, SMS off) are the step's reason.
      if (err instanceof AppError) return { outcome: 'error', message: EFFECT_MESSAGES.sendFailed(err.message) };
      throw err;
    }
  }
}
