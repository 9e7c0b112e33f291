import type { AccountManager, Region } from './people.js';
import type { Plan } from './plans.js';

/**
 * The simulator's own model of a subscriber. Money is integer fen and dates
 * are day numbers (see calendar.ts); the API turns both into strings.
 */

/** Customer tier (客户分层): VIP platinum/gold/silver, loyal, potential, ordinary. */
export type Tier = 'vipPlatinum' | 'vipGold' | 'vipSilver' | 'loyal' | 'potential' | 'ordinary';
export const TIERS: readonly Tier[] = ['vipPlatinum', 'vipGold', 'vipSilver', 'loyal', 'potential', 'ordinary'];

/** Line status: suspended (停机) for arrears, or cancelled (销户/离网). */
export type SubscriberStatus = 'active' | 'suspended' | 'cancelled';

/** Bill status: open (this month, still accruing), due (issued, not yet past due), paid, overdue (arrears). */
export type BillStatus = 'open' | 'due' | 'paid' | 'overdue';
export const BILL_STATUSES: readonly BillStatus[] = ['open', 'due', 'paid', 'overdue'];

/** Kinds of bill lines. */
export type BillItemCode = 'planFee' | 'extraData' | 'extraVoice' | 'sms' | 'roaming' | 'valueAdded' | 'discount';
export const BILL_ITEM_CODES: readonly BillItemCode[] = ['planFee', 'extraData', 'extraVoice', 'sms', 'roaming', 'valueAdded', 'discount'];

/** One line of a bill. */
export interface BillItem {
  code: BillItemCode;
  nameZh: string;
  nameEn: string;
  amountFen: number;
  /** How much was used, for usage lines (MB, minutes, messages). */
  quantity?: { value: number; unit: 'MB' | 'min' | 'sms' };
}

/** A monthly bill. */
export interface Bill {
  period: string;
  /** Day the bill was issued (the 1st of the next month); undefined while open. */
  issuedOn?: number;
  /** Last day to pay before it is overdue; undefined while open. */
  dueOn?: number;
  status: BillStatus;
  items: BillItem[];
  /** Sum of the items. */
  amountFen: number;
  /** Paid so far (equal to amountFen when paid). */
  paidFen: number;
}

/** How the customer paid. */
export type PaymentChannel = 'wechat' | 'alipay' | 'app' | 'bankAutoDebit' | 'businessHall' | 'topUpCard' | 'agentDesk';
export const PAYMENT_CHANNELS: readonly PaymentChannel[] = ['wechat', 'alipay', 'app', 'bankAutoDebit', 'businessHall', 'topUpCard', 'agentDesk'];

/** One payment (缴费) into the account. */
export interface Payment {
  id: string;
  /** ISO instant with the +08:00 offset. */
  at: string;
  amountFen: number;
  channel: PaymentChannel;
  /** The client's reference (payments posted through the API), making retries idempotent. */
  reference?: string;
}

/** This month's usage against the plan's allowances. */
export interface Usage {
  period: string;
  /** Last day included. */
  throughDay: number;
  dataMb: number;
  voiceMinutes: number;
  sms: number;
}

/** Why a subscriber may leave. */
export type ChurnReason = 'contractEnding' | 'arrears' | 'suspended' | 'usageDecline' | 'complaints' | 'shortTenure' | 'cancelled';
export const CHURN_REASONS: readonly ChurnReason[] = ['contractEnding', 'arrears', 'suspended', 'usageDecline', 'complaints', 'shortTenure', 'cancelled'];

/** A churn-risk hint (离网预警) computed from the record, not a model. */
export interface ChurnRisk {
  level: 'low' | 'medium' | 'high';
  score: number;
  reasons: ChurnReason[];
}

/** A contract (合约) binding the subscriber to the plan. */
export interface Contract {
  termMonths: number;
  startOn: number;
  endOn: number;
}

/** Everything the simulator knows about one subscriber on its "as of" day. */
export interface Subscriber {
  index: number;
  msisdn: string;
  accountId: string;
  name: string;
  gender: 'male' | 'female';
  email?: string;
  idNumberMasked: string;
  region: Region;
  tier: Tier;
  accountManager?: AccountManager;
  plan: Plan;
  status: SubscriberStatus;
  joinedOn: number;
  cancelledOn?: number;
  suspendedOn?: number;
  contract?: Contract;
  balanceFen: number;
  /** Newest first: the open bill of this month (unless cancelled), then issued bills. */
  bills: Bill[];
  /** Newest first. */
  payments: Payment[];
  usage: Usage;
  complaints90d: number;
  /** Data use change in percentage points of the allowance per month (negative: declining). */
  usageTrend: number;
}
