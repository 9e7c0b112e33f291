import { hash32 } from './prng.js';

/**
 * Numbers and account ids, both computed from the subscriber index and back
 * again, so that nothing has to be stored.
 *
 * MSISDNs come from three mobile ranges (+86 138, 139, 150; 3 x 10^8
 * numbers). One block of 100,000 numbers (+86 1380010 0000 to 1380019 9999)
 * is reserved: the demo subscribers and the VIP managers have numbers there,
 * everyone else has one of the remaining numbers, chosen by a seeded
 * permutation (a small Feistel network in mixed radix), so neighbours in
 * index order have unrelated numbers and each number belongs to one index.
 */

const PREFIXES = ['138', '139', '150'] as const;
const PER_PREFIX = 100_000_000;
const RESERVED_START = 100_000;
const RESERVED_SIZE = 100_000;
/** Numbers available to generated subscribers: everything but the reserved block. */
const GENERAL = PREFIXES.length * PER_PREFIX - RESERVED_SIZE;
// GENERAL = 29,990 x 10,000: the permutation works on the pair (high, low) in these radices.
const HIGH = 29_990;
const LOW = 10_000;
const ROUNDS = 4;

/** Most subscribers the number ranges can hold. */
export const MAX_SUBSCRIBERS = GENERAL;

/**
 * A caller's number in any usual form (+86 138…, 0086 138…, 86138…, bare
 * 11 digits, with spaces, dashes, dots or brackets) as E.164 ("+8613800138000"),
 * or undefined when it is not a Chinese mobile number.
 */
export function normalizeMsisdn(raw: string): string | undefined {
  if (raw.length > 32) return undefined;
  let digits = raw.trim().replace(/[\s\-().]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? `+86${digits}` : undefined;
}

/** A reserved-block number: its offset in the block is its identity (demo n is offset 38000 + n). */
export function reservedMsisdn(offset: number): string {
  return `+86138${String(RESERVED_START + offset).padStart(8, '0')}`;
}

/** The offset in the reserved block of an E.164 number, or undefined when it is outside the block. */
export function reservedOffset(e164: string): number | undefined {
  const n = numberOf(e164);
  return n !== undefined && n >= RESERVED_START && n < RESERVED_START + RESERVED_SIZE ? n - RESERVED_START : undefined;
}

/** The number of a generated (non-demo) subscriber. */
export function generalMsisdn(index: number, seed: number): string {
  const g = permute(index, seed);
  const n = g < RESERVED_START ? g : g + RESERVED_SIZE;
  const prefix = PREFIXES[Math.floor(n / PER_PREFIX)] ?? PREFIXES[0];
  return `+86${prefix}${String(n % PER_PREFIX).padStart(8, '0')}`;
}

/** The index whose generated number this E.164 number is, or undefined (other ranges, reserved block). */
export function generalIndex(e164: string, seed: number): number | undefined {
  const n = numberOf(e164);
  if (n === undefined || (n >= RESERVED_START && n < RESERVED_START + RESERVED_SIZE)) return undefined;
  return unpermute(n < RESERVED_START ? n : n - RESERVED_SIZE, seed);
}

/** Position of an E.164 number in the three ranges (0 … 3 x 10^8 - 1), or undefined. */
function numberOf(e164: string): number | undefined {
  const prefix = PREFIXES.indexOf(e164.slice(3, 6) as (typeof PREFIXES)[number]);
  if (prefix < 0 || !/^\+86\d{11}$/.test(e164)) return undefined;
  return prefix * PER_PREFIX + Number(e164.slice(6));
}

function roundKey(seed: number, round: number, value: number, radix: number): number {
  return hash32(seed, round, value) % radix;
}

/** Feistel rounds alternating on the two halves: each round is invertible, so the whole is a bijection on [0, GENERAL). */
function permute(index: number, seed: number): number {
  let high = Math.floor(index / LOW);
  let low = index % LOW;
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) high = (high + roundKey(seed, round, low, HIGH)) % HIGH;
    else low = (low + roundKey(seed, round, high, LOW)) % LOW;
  }
  return high * LOW + low;
}

function unpermute(value: number, seed: number): number {
  let high = Math.floor(value / LOW);
  let low = value % LOW;
  for (let round = ROUNDS - 1; round >= 0; round--) {
    if (round % 2 === 0) high = (high - roundKey(seed, round, low, HIGH) + HIGH) % HIGH;
    else low = (low - roundKey(seed, round, high, LOW) + LOW) % LOW;
  }
  return high * LOW + low;
}

const ACCOUNT_BASE = 2_000_000_000;

/** Account id of a subscriber: "GD" + 10 digits, the last a check digit so that typos are refused. */
export function accountIdOf(index: number, seed: number): string {
  return `GD${ACCOUNT_BASE + index * 10 + (hash32(seed, index, 0xacc) % 10)}`;
}

/** The index an account id belongs to, or undefined when malformed or its check digit is wrong. */
export function indexOfAccountId(id: string, seed: number): number | undefined {
  const match = /^GD(\d{10})$/.exec(id.trim().toUpperCase());
  if (!match) return undefined;
  const offset = Number(match[1]) - ACCOUNT_BASE;
  if (offset < 0) return undefined;
  const index = Math.floor(offset / 10);
  return offset % 10 === hash32(seed, index, 0xacc) % 10 ? index : undefined;
}
