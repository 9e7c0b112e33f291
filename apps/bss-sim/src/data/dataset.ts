import { chinaToday, parseIsoDate } from './calendar.js';
import { DEMO_SUBSCRIBERS, demoIndexOfOffset, demoMsisdn } from './demo.js';
import type { Subscriber } from './model.js';
import { accountIdOf, generalIndex, generalMsisdn, indexOfAccountId, MAX_SUBSCRIBERS, normalizeMsisdn, reservedOffset } from './msisdn.js';
import { Rng } from './prng.js';
import { buildSubscriber } from './subscriber.js';
import { drawTraits } from './traits.js';

/**
 * The seeded subscriber base: N subscribers computed from (seed, index, as-of
 * day) on demand, so nothing is stored and a million cost no start-up time.
 * The same seed and day give the same data on every machine.
 */

/** The seed used when none is given. */
export const DEFAULT_SEED = 20_240_801;
/** Subscribers when no count is given. */
export const DEFAULT_SUBSCRIBERS = 100_000;

/** How to generate. */
export interface DatasetOptions {
  seed?: number;
  /** Number of subscribers (indexes 0 … subscribers-1); at least the demo ones. */
  subscribers?: number;
  /** The day the data describes, 'YYYY-MM-DD' (China); default today in China. */
  asOf?: string;
}

/** A seeded subscriber base. */
export interface Dataset {
  readonly seed: number;
  readonly size: number;
  readonly asOf: string;
  readonly asOfDay: number;
  /** E.164 number of subscriber `index`. */
  msisdnAt(index: number): string;
  /** Index of a number in any usual form (+86, 0086, bare), or undefined when nobody has it. */
  indexOfMsisdn(msisdn: string): number | undefined;
  /** Account id of subscriber `index`. */
  accountIdAt(index: number): string;
  /** Index of an account id, or undefined. */
  indexOfAccountId(id: string): number | undefined;
  /** The full record of subscriber `index` (throws RangeError outside 0 … size-1). */
  subscriberAt(index: number): Subscriber;
}

/** Creates a dataset; throws RangeError on a bad seed, count or date. */
export function createDataset(options: DatasetOptions = {}): Dataset {
  const seed = options.seed ?? DEFAULT_SEED;
  const size = options.subscribers ?? DEFAULT_SUBSCRIBERS;
  const asOf = options.asOf ?? chinaToday();
  const asOfDay = parseIsoDate(asOf);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed must be an integer 0 … 2^32-1, got ${seed}`);
  if (!Number.isInteger(size) || size < DEMO_SUBSCRIBERS.length || size > MAX_SUBSCRIBERS) {
    throw new RangeError(`subscribers must be an integer ${DEMO_SUBSCRIBERS.length} … ${MAX_SUBSCRIBERS}, got ${size}`);
  }
  if (asOfDay === undefined) throw new RangeError(`asOf must be a date YYYY-MM-DD, got ${asOf}`);

  const checkIndex = (index: number): void => {
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`index ${index} outside 0 … ${size - 1}`);
  };
  const msisdnAt = (index: number): string => {
    checkIndex(index);
    return index < DEMO_SUBSCRIBERS.length ? demoMsisdn(index) : generalMsisdn(index, seed);
  };
  return {
    seed,
    size,
    asOf,
    asOfDay,
    msisdnAt,
    indexOfMsisdn(msisdn) {
      const e164 = normalizeMsisdn(msisdn);
      if (!e164) return undefined;
      const offset = reservedOffset(e164);
      const index = offset === undefined ? generalIndex(e164, seed) : demoIndexOfOffset(offset);
      if (index === undefined || index >= size) return undefined;
      // Generated numbers of the demo indexes are nobody's: the demo subscribers have reserved ones.
      return offset === undefined && index < DEMO_SUBSCRIBERS.length ? undefined : index;
    },
    accountIdAt(index) {
      checkIndex(index);
      return accountIdOf(index, seed);
    },
    indexOfAccountId(id) {
      const index = indexOfAccountId(id, seed);
      return index !== undefined && index < size ? index : undefined;
    },
    subscriberAt(index) {
      const msisdn = msisdnAt(index);
      const demo = DEMO_SUBSCRIBERS[index];
      const traits = demo ? demo.traits : drawTraits(Rng.stream(seed, index, 'traits'));
      return buildSubscriber({ seed, index, asOfDay, msisdn, accountId: accountIdOf(index, seed) }, traits);
    },
  };
}

let defaultDataset: Dataset | undefined;
/** The default dataset (default seed, 100,000 subscribers, today); the as-of day is fixed at first use. */
function defaults(): Dataset {
  return (defaultDataset ??= createDataset());
}

/** Subscriber `index` of the default dataset, or of the one the options describe. */
export function subscriberAt(index: number, options?: DatasetOptions): Subscriber {
  return (options ? createDataset(options) : defaults()).subscriberAt(index);
}

/** Number of subscriber `index` of the default dataset, or of the one the options describe. */
export function msisdnAt(index: number, options?: DatasetOptions): string {
  return (options ? createDataset(options) : defaults()).msisdnAt(index);
}

/** Index of a number (any usual form) in the default dataset, or in the one the options describe. */
export function indexOfMsisdn(msisdn: string, options?: DatasetOptions): number | undefined {
  return (options ? createDataset(options) : defaults()).indexOfMsisdn(msisdn);
}
