import {
  customerSearchReplySchema,
  customerSummarySchema,
  customerViewSchema,
  interactionCustomerSchema,
  type ContactPointType,
  type CreateCustomerRequest,
  type CustomerSummary,
  type CustomerView,
  type InteractionCustomer,
} from '@omnicc/shared';
import type { Http } from './http.js';

/** The billing add-in's `lookupAccount` output, as the card reads it (amounts in yuan). */
export interface BillingAccount {
  balance: number;
  arrears: number;
  planName: string;
  contractEndsOn?: string | null;
  overdueBills: number;
  amountDue: number;
  status: string;
}

type FieldKind = 'number' | 'string' | 'number?' | 'string?';

/**
 * The `output` of an add-in call, checked field by field: the connector
 * already checked it against the manifest, but the card must not show a
 * wrong shape (the desktop carries no zod; the shapes are small).
 */
function outputOf<T>(fields: Record<string, FieldKind>) {
  return (data: unknown): T => {
    const output = (data as { output?: unknown } | null)?.output;
    if (typeof output !== 'object' || output === null) throw new Error('no output');
    for (const [name, kind] of Object.entries(fields)) {
      const value = (output as Record<string, unknown>)[name];
      if (kind.endsWith('?') && (value === undefined || value === null)) continue;
      if (typeof value !== kind.replace('?', '')) throw new Error(`bad ${name}`);
    }
    return output as T;
  };
}

const ACCOUNT_FIELDS: Record<string, FieldKind> = {
  balance: 'number',
  arrears: 'number',
  planName: 'string',
  contractEndsOn: 'string?',
  overdueBills: 'number',
  amountDue: 'number',
  status: 'string',
};

/** The id of the reference billing add-in (docs/add-ins.md). */
export const BILLING_ADD_IN = 'billing';

/** A contact to link: the interaction's own contact, or a given point. */
export interface LinkRequest {
  interactionId?: string;
  contactPoint?: { type: ContactPointType; value: string };
}

/**
 * The customer card's REST calls (docs/customers.md): the interaction's
 * customer view (agents may read the one ringing at them), create and link
 * an unknown contact, search, and the billing add-in's operations.
 */
export interface CustomersApi {
  /** The view, or `{ unknown }` when nobody has the interaction's contact. */
  ofInteraction(token: string, interactionId: string): Promise<InteractionCustomer>;
  view(token: string, customerId: string): Promise<CustomerView>;
  create(token: string, body: Partial<CreateCustomerRequest> & { name: string }): Promise<CustomerSummary>;
  link(token: string, customerId: string, body: LinkRequest): Promise<CustomerSummary>;
  search(token: string, query: string): Promise<CustomerSummary[]>;
  /** lookupAccount for the number; only for an interaction the agent holds. UNAVAILABLE when the BSS is slow or down. */
  billingAccount(token: string, interactionId: string, msisdn: string): Promise<BillingAccount>;
}

/** CustomersApi over the page's HTTP client. */
export function createCustomersApi({ call }: Http): CustomersApi {
  const addInCall = <T>(token: string, operation: string, interactionId: string, input: Record<string, string | number>, parse: (d: unknown) => T) =>
    call(`/api/add-ins/${BILLING_ADD_IN}/call/${operation}`, { method: 'POST', token, body: { input, interactionId } }, parse);
  return {
    ofInteraction: (token, id) => call(`/api/interactions/${encodeURIComponent(id)}/customer`, { method: 'GET', token }, (d) => interactionCustomerSchema.parse(d)),
    view: (token, id) => call(`/api/customers/${encodeURIComponent(id)}/view`, { method: 'GET', token }, (d) => customerViewSchema.parse(d)),
    create: (token, body) => call('/api/customers', { method: 'POST', token, body }, (d) => customerSummarySchema.parse(d)),
    link: (token, id, body) => call(`/api/customers/${encodeURIComponent(id)}/contact-points`, { method: 'POST', token, body }, (d) => customerSummarySchema.parse(d)),
    search: (token, query) =>
      call(`/api/customers?${new URLSearchParams({ query, limit: '8' }).toString()}`, { method: 'GET', token }, (d) => customerSearchReplySchema.parse(d).items),
    billingAccount: (token, interactionId, msisdn) => addInCall(token, 'lookupAccount', interactionId, { msisdn }, outputOf<BillingAccount>(ACCOUNT_FIELDS)),
  };
}
