import type { ContactPointType } from '@omnicc/shared';
import { normalisePhoneNumber } from '../sms/phoneNumber.js';

/**
 * Identity resolution (docs/customers.md "Identity"): a contact as a channel
 * gives it (caller ID, email address, SMS number, chat login) becomes the one
 * normalized value that `customer_contact_points` stores, so a lookup is one
 * equality on its unique (type, value) index. Garbage normalizes to
 * undefined: it resolves to nobody and never throws.
 */

/** A contact point as stored: its type and normalized value. */
export interface ContactKey {
  type: ContactPointType;
  value: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * A phone number in E.164, from the forms callers and gateways send:
 * `+86 138 0013 8000`, `0086…`, `86138…`, a bare mainland mobile `138…`,
 * a landline with its area code `020-8888 8888` / `(0755) 2345 6789`
 * (trunk 0 dropped: +86 20 8888 8888), `+86 (0)20…`. Without a country or
 * area code (a 7-8 digit local number) we cannot know whose it is:
 * undefined, as for anything that is not a number.
 */
export function normaliseCallerId(raw: string | undefined | null): string | undefined {
  if (typeof raw !== 'string') return undefined;
  // SIP and tel URIs carry the number before any parameter: sip:+86138...@host;user=phone.
  const trimmed = raw.trim();
  const uri = /^(?:sips?|tel):([^@;]*)/i.exec(trimmed);
  const bare = uri ? (uri[1] ?? '') : trimmed;
  if (!/^[+\d\s().\-/]{3,40}$/.test(bare)) return undefined;
  const digits = bare.replace(/[\s().\-/]/g, '');
  if (!/^\+?\d+$/.test(digits)) return undefined;
  // Mainland landline with its area code (0 + 2-3 digit code + 7-8 digit number).
  if (/^0[1-9]\d{8,10}$/.test(digits)) return `+86${digits.slice(1)}`;
  let e164 = normalisePhoneNumber(digits);
  if (!e164.startsWith('+')) return undefined;
  // `+86 0…`: a trunk 0 written after the country code.
  if (e164.startsWith('+860')) e164 = `+86${e164.slice(4)}`;
  if (e164.startsWith('+86') && !/^\+86(1\d{10}|[2-9]\d{8,10}|10\d{8})$/.test(e164)) return undefined;
  return E164.test(e164) ? e164 : undefined;
}

/** An email address compared case-insensitively (lower case); undefined unless it looks like one. */
export function normaliseEmail(raw: string | undefined | null): string | undefined {
  if (typeof raw !== 'string') return undefined;
  // "Name <addr>" as mail headers write it.
  const angle = /<([^<>]+)>\s*$/.exec(raw);
  const value = (angle?.[1] ?? raw).trim().toLowerCase();
  return value.length <= 254 && /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;.]+$/.test(value) ? value : undefined;
}

/** A chat login: trimmed and lower-cased (logins are not case-sensitive in the widget's identity providers). */
export function normaliseChatLogin(raw: string | undefined | null): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim().toLowerCase();
  return value.length >= 1 && value.length <= 254 && !/\s/.test(value) ? value : undefined;
}

/** The stored form of a contact point, or undefined when it cannot be one. */
export function normaliseContact(type: ContactPointType, raw: string | undefined | null): string | undefined {
  switch (type) {
    case 'phone':
      return normaliseCallerId(raw);
    case 'email':
      return normaliseEmail(raw);
    case 'chatLogin':
      return normaliseChatLogin(raw);
  }
}

/** An interaction's contact as channels store it. */
export interface ContactLike {
  phone?: string | undefined;
  email?: string | undefined;
  chatLogin?: string | undefined;
}

/** The contact's keys in the order they are trusted: phone, then email, then chat login. */
export function contactKeys(contact: ContactLike): ContactKey[] {
  const keys: ContactKey[] = [];
  const phone = normaliseCallerId(contact.phone);
  if (phone) keys.push({ type: 'phone', value: phone });
  const email = normaliseEmail(contact.email);
  if (email) keys.push({ type: 'email', value: email });
  const login = normaliseChatLogin(contact.chatLogin);
  if (login) keys.push({ type: 'chatLogin', value: login });
  return keys;
}

/** Runs one SQL statement (a pg Pool or client). */
export interface Queryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * The SQL that resolves keys to one customer: one index probe per key on
 * `customer_contact_points (type, value)`, the first key that matches wins
 * (phone before email), and a merged record answers its survivor.
 */
export const RESOLVE_SQL = `
  SELECT COALESCE(c.merged_into, c.id) AS id
    FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(type, value, n)
    JOIN customer_contact_points p ON p.type = k.type AND p.value = k.value
    JOIN customers c ON c.id = p.customer_id
   ORDER BY k.n
   LIMIT 1`;

/** The customer a contact belongs to, or undefined (no usable key, no match). A failed query rejects: callers that must not fail (routing) catch it. */
export async function resolveCustomer(db: Queryable, contact: ContactLike | ContactKey[]): Promise<string | undefined> {
  const keys = Array.isArray(contact) ? contact : contactKeys(contact);
  if (keys.length === 0) return undefined;
  const { rows } = await db.query<{ id: string }>(RESOLVE_SQL, [keys.map((k) => k.type), keys.map((k) => k.value)]);
  return rows[0]?.id;
}
