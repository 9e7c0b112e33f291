import type { Logger } from 'pino';
import { AppError, SMS_CONVERSATION_LIMIT, type Interaction, type SmsConversation, type SmsMessageView, type SmsReplyRequest } from '@omnicc/shared';
import { iso, type Clock } from '../../clock.js';
import type { SmsStore } from '../../store/SmsStore.js';
import type { Store } from '../../store/Store.js';
import { ownedInteraction } from '../interactions/interactionLookup.js';
import { normalisePhoneNumber } from './phoneNumber.js';
import { splitText } from './segmentation.js';
import type { SmsMetricsSink } from './smsMetrics.js';

export interface SmsConversationsDeps {
  store: Store;
  sms: SmsStore;
  /** The channel: whether SMS runs, the gateway name replies are stored under, and how to wake the outbox. */
  channel: { readonly enabled: boolean; readonly gatewayName: string; wake(): Promise<void> };
  /** Our number, when the conversation has no inbound message to answer from. */
  serviceNumber: string;
  maxParts: number;
  clock: Clock;
  log: Logger;
  /** Told of a reply just stored (the `sms:message` push to the agent's other tabs). */
  onWritten?: (agentId: string, message: SmsMessageView) => void;
  metrics?: Pick<SmsMetricsSink, 'queued'>;
}

/**
 * An SMS interaction for the desktop: the number's messages to read, and
 * the agent's reply, stored `pending` for the outbox (the POST returns
 * once the reply is stored, not once it is sent: `sms:status` tells the rest).
 */
export class SmsConversations {
  constructor(private readonly deps: SmsConversationsDeps) {}

  /** Every message of the interaction's number, earlier conversations included; BAD_REQUEST for another channel's interaction. */
  async view(interaction: Interaction): Promise<SmsConversation> {
    const { number } = await this.addressOf(interaction);
    const listed = await this.deps.sms.messages.listByNumber(number, SMS_CONVERSATION_LIMIT + 1);
    const truncated = listed.length > SMS_CONVERSATION_LIMIT;
    const optOut = await this.deps.sms.optOuts.get(number);
    return {
      interactionId: interaction.id,
      number,
      ...(optOut ? { optedOut: { word: optOut.word, at: optOut.at } } : {}),
      maxParts: this.deps.maxParts,
      messages: truncated ? listed.slice(1) : listed,
      truncated,
    };
  }

  /**
   * The agent answers the customer. Only the agent holding the interaction,
   * while it is assigned (NOT_OWNER, INVALID_STATE); at most `maxParts`
   * parts (PAYLOAD_TOO_LARGE). A repeated `clientMessageId` returns the
   * stored reply and sends nothing more (CONFLICT with another text). An
   * opted-out number may be answered: the opt-out covers marketing, not
   * answers to the customer's own message (docs/sms.md).
   */
  async reply(agentId: string, interactionId: string, body: SmsReplyRequest): Promise<SmsMessageView> {
    const { sms, channel, clock } = this.deps;
    if (!channel.enabled) throw new AppError('UNAVAILABLE', 'SMS is not configured on this server');
    const interaction = await ownedInteraction(this.deps.store, agentId, interactionId);
    const address = await this.addressOf(interaction);
    // A retried POST gets what the first one stored, even if the interaction moved on since.
    const existing = await sms.outbox.byClientId(interaction.id, body.clientMessageId);
    if (existing) {
      if (existing.text !== body.text) throw new AppError('CONFLICT', 'clientMessageId already used for another text');
      return existing;
    }
    if (interaction.state !== 'assigned') throw new AppError('INVALID_STATE', 'the SMS conversation is not assigned to you now');
    const parts = splitText(body.text).parts.length;
    if (parts > this.deps.maxParts) throw new AppError('PAYLOAD_TOO_LARGE', `the reply needs ${parts} SMS parts, more than ${this.deps.maxParts}`);
    const { message, created } = await sms.outbox.add({
      interactionId: interaction.id,
      ...address,
      gateway: channel.gatewayName,
      text: body.text,
      parts,
      clientMessageId: body.clientMessageId,
      authorId: agentId,
      at: iso(clock.now()),
    });
    if (!created) return message;
    this.deps.metrics?.queued('reply');
    // Stored already: if the wake-up is lost, the owner's next scan (within a second) sends it.
    await channel.wake().catch((err: unknown) => this.deps.log.warn({ err, messageId: message.id }, 'sms: could not wake the outbox; its scan will send the reply'));
    this.deps.onWritten?.(agentId, message);
    return message;
  }

  /** The number to answer and the number to answer from. */
  private async addressOf(interaction: Interaction): Promise<{ number: string; serviceNumber: string }> {
    if (interaction.channel !== 'sms') throw new AppError('BAD_REQUEST', `interaction is ${interaction.channel}, not sms`);
    const stored = await this.deps.sms.messages.addressOf(interaction.id);
    if (stored) return stored;
    if (!interaction.customer.phone) throw new AppError('INVALID_STATE', 'the SMS conversation has no number to answer');
    return { number: normalisePhoneNumber(interaction.customer.phone), serviceNumber: this.deps.serviceNumber };
  }
}
