import {
  AppError,
  cannedVariablesOf,
  renderCannedResponse,
  type CannedChannel,
  type CannedContext,
  type CannedLanguage,
  type CannedResponse,
  type CannedResponseList,
  type CannedResponseUse,
  type Interaction,
} from '@omnicc/shared';
import type { Clock } from '../../clock.js';
import type { MailStore } from '../../store/MailStore.js';
import type { Store } from '../../store/Store.js';
import type { Principal } from '../auth/tokens.js';

/** `{{date}}`: today in the operator's zone, as the response's language writes a date ("2025年6月1日", "June 1, 2025"). */
export function cannedDate(now: number, timeZone: string, language: CannedLanguage): string {
  return new Intl.DateTimeFormat(language, { timeZone, year: 'numeric', month: 'long', day: 'numeric' }).format(now);
}

/** The UI language an Accept-Language header asks for first, of ours; zh-CN, the desk's own, when it names neither. */
export function languageOfHeader(header: string | undefined): CannedLanguage {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

/** What the picker is asked for: a channel, the reader's language, and the interaction to render for (none: raw bodies). */
export interface PickRequest {
  channel: CannedChannel;
  language: CannedLanguage;
  principal: Principal;
  interaction?: Interaction;
}

/**
 * The desktop's picker of canned responses: the enabled ones of a channel,
 * the reader's language first, each body rendered for the interaction by
 * the one renderer (docs/canned-responses.md: the agent sees exactly what
 * will be sent).
 */
export class CannedResponsePicker {
  constructor(private readonly deps: { store: Store; mail: MailStore; clock: Clock; timeZone: string }) {}

  async pick(request: PickRequest): Promise<CannedResponseList> {
    const { channel, interaction } = request;
    if (interaction && interaction.channel !== channel) {
      throw new AppError('BAD_REQUEST', `query: interaction ${interaction.id} is a ${interaction.channel} interaction, not ${channel}`);
    }
    const responses = sortForReader(await this.deps.store.cannedResponses.enabledFor(channel), request.language);
    const contextOf = interaction && (await this.contextFor(interaction, request.principal));
    const use = (r: CannedResponse): CannedResponseUse => {
      const { text, missing } = contextOf ? renderCannedResponse(r.body, contextOf(r.language)) : { text: r.body, missing: cannedVariablesOf(r.body) };
      return { id: r.id, language: r.language, category: r.category, title: r.title, text, length: text.length, missing };
    };
    return { channel, ...(interaction ? { interactionId: interaction.id } : {}), items: responses.map(use) };
  }

  /** The variables' values for this interaction and reader; the date depends on the response's language. */
  private async contextFor(interaction: Interaction, principal: Principal): Promise<(language: CannedLanguage) => CannedContext> {
    const context: CannedContext = { 'customer.name': interaction.customer.name, 'agent.name': principal.displayName, 'interaction.id': interaction.id };
    if (interaction.channel === 'email') {
      const thread = await this.deps.mail.messages.threadOfInteraction(interaction.id);
      const mailbox = thread && (await this.deps.mail.mailboxes.get(thread.mailboxId));
      if (thread) context.ticket = thread.ticketRef;
      if (mailbox) context['mailbox.address'] = mailbox.address;
    }
    const now = this.deps.clock.now();
    return (language) => ({ ...context, date: cannedDate(now, this.deps.timeZone, language) });
  }
}

/** How each language orders its words (Chinese by pinyin). */
const COLLATORS: Record<CannedLanguage, Intl.Collator> = { 'zh-CN': new Intl.Collator('zh-CN'), en: new Intl.Collator('en') };

/** The reader's language first; then by category and title as their language sorts them, then by id. */
function sortForReader(responses: CannedResponse[], language: CannedLanguage): CannedResponse[] {
  const rank = (r: CannedResponse) => (r.language === language ? 0 : 1);
  return [...responses].sort((a, b) => {
    const c = COLLATORS[a.language];
    return rank(a) - rank(b) || a.language.localeCompare(b.language) || c.compare(a.category, b.category) || c.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}
