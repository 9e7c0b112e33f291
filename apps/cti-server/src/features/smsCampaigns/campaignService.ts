import { AppError, smsSegments, type SmsCampaign, type SmsCampaignCreate, type SmsCampaignPreview, type SmsCampaignState } from '@omnicc/shared';
import { iso, type Clock } from '../../clock.js';
import type { SmsCampaignStore, RecipientPageRequest } from '../../store/SmsCampaignStore.js';
import type { Store } from '../../store/Store.js';
import type { Principal } from '../auth/tokens.js';
import { checkCampaignBody, judgeRecipients, renderForRecipient } from './campaignRecipients.js';

export interface SmsCampaignServiceDeps {
  store: Store;
  campaigns: SmsCampaignStore;
  clock: Clock;
  timeZone: string;
}

/** The state changes the API offers: from which states each may be made. */
const MOVES = {
  start: { from: ['draft'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  cancel: { from: ['draft', 'running', 'paused'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly SmsCampaignState[]; to: SmsCampaignState }>;
export type SmsCampaignMove = keyof typeof MOVES;

/** SMS group send as the admin API offers it: make a campaign, preview it, move it between states, read how it goes. */
export class SmsCampaignService {
  constructor(private readonly deps: SmsCampaignServiceDeps) {}

  async create(input: SmsCampaignCreate, principal: Principal): Promise<SmsCampaign> {
    const { body, language, cannedResponseId } = await this.template(input);
    const recipients = judgeRecipients(input.recipients);
    return this.deps.campaigns.create({
      name: input.name,
      body,
      ...(cannedResponseId ? { cannedResponseId } : {}),
      language,
      ratePerSecond: input.ratePerSecond,
      ...(input.segment ? { segment: input.segment } : {}),
      createdBy: principal.userId,
      at: iso(this.deps.clock.now()),
      recipients,
    });
  }

  async get(id: string): Promise<SmsCampaign> {
    const campaign = await this.deps.campaigns.get(id);
    if (!campaign) throw new AppError('NOT_FOUND', `no SMS campaign ${id}`);
    return campaign;
  }

  list(page: { limit: number; offset: number }): Promise<{ items: SmsCampaign[]; total: number }> {
    return this.deps.campaigns.list(page);
  }

  async move(id: string, move: SmsCampaignMove): Promise<SmsCampaign> {
    const { from, to } = MOVES[move];
    const result = await this.deps.campaigns.transition(id, from, to, iso(this.deps.clock.now()));
    if (!result) throw new AppError('NOT_FOUND', `no SMS campaign ${id}`);
    if (!result.ok) throw new AppError('INVALID_STATE', `cannot ${move} a campaign that is ${result.state} (only ${from.join(' or ')})`);
    return result.campaign;
  }

  /** The first `limit` messages as they would go out now, their cost, what is skipped, and how long the rest takes at the rate. */
  async preview(id: string, limit: number): Promise<SmsCampaignPreview> {
    const campaign = await this.get(id);
    const rows = await this.deps.campaigns.previewRows(id, limit);
    const now = this.deps.clock.now();
    const items = rows.rows.map((r) => {
      const { text, missing } = renderForRecipient(campaign.body, r, campaign.language, now, this.deps.timeZone);
      const { encoding, parts } = smsSegments(text);
      return { seq: r.seq, number: r.number, ...(r.name ? { name: r.name } : {}), text, parts, encoding, missing };
    });
    const sendable = rows.pending - rows.optedOut;
    return { items, total: campaign.total, sendable, skipped: { optedOut: rows.optedOut, invalidNumber: rows.invalidNumber, duplicate: rows.duplicate }, estimatedSeconds: Math.ceil(sendable / campaign.ratePerSecond) };
  }

  async recipients(id: string, page: RecipientPageRequest) {
    await this.get(id);
    return this.deps.campaigns.recipients(id, page);
  }

  /** The body to send: a canned response with the sms channel, or a free body; either checked with the canned template language. */
  private async template(input: SmsCampaignCreate): Promise<{ body: string; language: 'zh-CN' | 'en'; cannedResponseId?: string }> {
    if ((input.cannedResponseId === undefined) === (input.body === undefined)) throw new AppError('BAD_REQUEST', 'give exactly one of cannedResponseId and body');
    if (input.body !== undefined) {
      checkCampaignBody(input.body);
      return { body: input.body, language: input.language ?? 'zh-CN' };
    }
    const id = input.cannedResponseId!;
    const canned = await this.deps.store.cannedResponses.get(id);
    if (!canned) throw new AppError('NOT_FOUND', `no canned response ${id}`);
    if (!canned.channels.includes('sms')) throw new AppError('BAD_REQUEST', `cannedResponseId: ${id} is not for the sms channel`);
    checkCampaignBody(canned.body);
    return { body: canned.body, language: canned.language, cannedResponseId: id };
  }
}
