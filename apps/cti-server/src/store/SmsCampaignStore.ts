import type { SmsCampaign, SmsCampaignRecipient, SmsCampaignSegment, SmsCampaignState, SmsRecipientState } from '@omnicc/shared';
import type { DeliveryReceipt, SmsSendProgress } from '../features/sms/smsGateway.js';

/** A recipient as written when the campaign is made: normalised and already judged (pending, or skipped as invalid or duplicate). */
export interface NewCampaignRecipient {
  number: string;
  name?: string;
  variables?: Record<string, string>;
  state: 'pending' | 'skipped';
  reason?: 'invalidNumber' | 'duplicate';
}

export interface NewSmsCampaign {
  name: string;
  body: string;
  cannedResponseId?: string;
  language: 'zh-CN' | 'en';
  ratePerSecond: number;
  segment?: SmsCampaignSegment;
  createdBy: string;
  at: string;
  recipients: readonly NewCampaignRecipient[];
}

/** A running campaign as the runner needs it. */
export interface RunningCampaign {
  id: string;
  body: string;
  language: 'zh-CN' | 'en';
  ratePerSecond: number;
}

/** A recipient claimed for sending: already `sending` in the database. */
export interface ClaimedRecipient {
  id: string;
  seq: number;
  number: string;
  name?: string;
  variables?: Record<string, string>;
}

/** How one claimed recipient's submit ended. */
export type RecipientOutcome =
  | { id: string; kind: 'submitted'; gateway: string; sent: SmsSendProgress; parts: number }
  /** Never went out (not connected, throttled before the first part): pending again. */
  | { id: string; kind: 'retry'; error: string }
  | { id: string; kind: 'failed'; reason?: string; error: string; gateway?: string; sent?: SmsSendProgress }
  | { id: string; kind: 'skipped'; reason: string };

/** Paging of the recipient list. */
export interface RecipientPageRequest {
  state?: SmsRecipientState;
  limit: number;
  offset: number;
}

/** Port of SMS group send (docs/sms.md, "Group send"); adapters/db/smsCampaignsRepo.ts implements it. */
export interface SmsCampaignStore {
  /** The campaign and its recipients in one transaction, `draft`. */
  create(campaign: NewSmsCampaign): Promise<SmsCampaign>;
  get(id: string): Promise<SmsCampaign | undefined>;
  list(page: { limit: number; offset: number }): Promise<{ items: SmsCampaign[]; total: number }>;
  /**
   * Moves the campaign from one of `from` to `to` (compare-and-set); undefined when it is unknown,
   * the state it is in when that is not one of `from`. Cancelling skips the recipients still pending.
   */
  transition(id: string, from: readonly SmsCampaignState[], to: SmsCampaignState, at: string): Promise<{ ok: true; campaign: SmsCampaign } | { ok: false; state: SmsCampaignState } | undefined>;
  /** The first `limit` pending recipients in list order, and the counts a preview shows (opted-out numbers found now). */
  previewRows(id: string, limit: number): Promise<{ rows: ClaimedRecipient[]; pending: number; optedOut: number; invalidNumber: number; duplicate: number }>;
  recipients(id: string, page: RecipientPageRequest): Promise<{ items: SmsCampaignRecipient[]; total: number }>;

  /** Campaigns in state `running`. */
  running(): Promise<RunningCampaign[]>;
  /**
   * Claims up to `limit` pending recipients of a campaign that is still
   * running, in list order: opted-out numbers become `skipped` (optedOut),
   * the others `sending`, committed before they are returned.
   */
  claim(campaignId: string, limit: number, at: string): Promise<{ sending: ClaimedRecipient[]; optedOut: number }>;
  /** Writes the outcomes of a batch (one statement). */
  record(outcomes: readonly RecipientOutcome[], at: string): Promise<void>;
  /** A running campaign with nothing pending or sending becomes `done`; true when it did. */
  finishIfDone(campaignId: string, at: string): Promise<boolean>;
  /**
   * After a takeover or restart: recipients left `sending` with no part ids
   * are `failed` (unknownAfterRestart), never sent again; those with every
   * part id are `submitted`. How many became failed.
   */
  settleInterrupted(at: string): Promise<number>;
  /** A delivery receipt for a recipient's part; `unmatched` when no recipient has that id. */
  applyReceipt(gateway: string, receipt: DeliveryReceipt): Promise<'unmatched' | 'unchanged' | 'applied'>;
}
