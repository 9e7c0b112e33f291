import { z } from 'zod';
import type { AddInOperation } from '@omnicc/shared';
import { AddInCallError } from '../connector/addInErrors.js';
import type { AddInBackend, AddInValue, OperationContext, OperationResult } from '../connector/addInConnector.js';
import { fetchUpstreamJson } from '../connector/upstreamJson.js';

// What the connector reads of the BSS API (docs/bss-sim.md §4): only the
// fields it maps, so the BSS may add others; a missing or mistyped one is BAD_RESPONSE.
const money = z.string().regex(/^-?\d+\.\d{2}$/).transform(Number);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const arrears = z.object({ amount: money, overdueBills: z.number().int(), daysOverdue: z.number().int(), since: date.nullable() });
const subscriber = z.object({
  msisdn: z.string(),
  status: z.string(),
  plan: z.object({ nameZh: z.string(), nameEn: z.string(), monthlyFee: money }),
  contract: z.object({ end: date, daysLeft: z.number().int() }).nullable(),
  balance: money,
  arrears,
  amountDue: money,
  currentCharges: money,
  asOf: date,
});
const bill = z.object({ period: z.string(), status: z.string(), issuedOn: date.nullable(), dueOn: date.nullable(), amount: money, paid: money, outstanding: money });
const billList = z.object({ bills: z.array(bill) });
const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** A bill as the desktop's billing add-in shows it (details of `recentBills`). */
export type BillingBill = z.output<typeof bill>;

/**
 * The billing add-in's operations over the BSS REST API: `lookupAccount`
 * is one `GET /v1/subscribers/:msisdn`, `recentBills` one
 * `GET /v1/subscribers/:msisdn/bills?limit=`. Money strings become yuan
 * numbers. An unknown or invalid number is the BSS's answer (NOT_FOUND,
 * BAD_INPUT), not a fault of the system.
 */
export const billingBackend: AddInBackend = {
  async call(operation: AddInOperation, input: Record<string, AddInValue>, context: OperationContext): Promise<OperationResult> {
    const number = encodeURIComponent(String(input.msisdn));
    switch (operation.name) {
      case 'lookupAccount': {
        const s = parse(subscriber, await get(context, `/v1/subscribers/${number}`));
        return {
          output: { balance: s.balance, arrears: s.arrears.amount, planName: s.plan.nameZh, contractEndsOn: s.contract?.end ?? null, overdueBills: s.arrears.overdueBills, amountDue: s.amountDue, status: s.status },
          details: { msisdn: s.msisdn, plan: s.plan, arrears: s.arrears, contract: s.contract, currentCharges: s.currentCharges, asOf: s.asOf },
        };
      }
      case 'recentBills': {
        const limit = typeof input.limit === 'number' ? Math.min(13, Math.max(1, Math.trunc(input.limit))) : 6;
        const { bills } = parse(billList, await get(context, `/v1/subscribers/${number}/bills?limit=${limit}`));
        const last = bills.find((b) => b.status !== 'open') ?? bills[0];
        return {
          output: { count: bills.length, lastPeriod: last?.period ?? null, lastAmount: last?.amount ?? null, lastStatus: last?.status ?? null },
          details: { bills },
        };
      }
      default:
        throw new AddInCallError('NOT_FOUND', `billing has no operation ${operation.name}`);
    }
  },
};

async function get(context: OperationContext, path: string): Promise<unknown> {
  const res = await fetchUpstreamJson({ url: context.baseUrl.replace(/\/+$/, '') + path, ...(context.secret === undefined ? {} : { headers: { authorization: `Bearer ${context.secret}` } }) }, context.signal);
  if (res.status === 200) return res.body;
  const code = errorBody.safeParse(res.body).data?.error.code;
  if (res.status === 404 && code === 'SUBSCRIBER_NOT_FOUND') throw new AddInCallError('NOT_FOUND', 'the BSS knows no subscriber with this number');
  if (res.status === 400) throw new AddInCallError('BAD_INPUT', `the BSS refused the request: ${code ?? res.status}`);
  throw new AddInCallError('UPSTREAM_ERROR', `the BSS answered ${res.status}${code ? ` ${code}` : ''}`);
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AddInCallError('BAD_RESPONSE', `the BSS answer has the wrong shape: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}
