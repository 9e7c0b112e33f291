import { createDataset, MAX_SUBSCRIBERS, spend12mFen, type Dataset } from '@omnicc/bss-sim/data';

/**
 * Where the RFM job gets billing and usage data: the BSS. Here it is the BSS
 * simulator's generator (@omnicc/bss-sim/data), which gives the same numbers
 * the simulator serves, without an HTTP call per line; a real BSS would be
 * read through its batch export or the billing add-in's connector.
 */
export interface RfmSource {
  /** Per MSISDN: 12-month spend (fen), payments in 12 months and the last one's instant. Unknown numbers are left out. */
  billing(msisdns: readonly string[]): Map<string, { spendFen: number; payments: number; lastPaymentAt: string | undefined }>;
}

const YEAR_MS = 365 * 86_400_000;

/** The generator as an RFM source on `asOf` (YYYY-MM-DD, default today in China). */
export function bssGeneratorSource(options: { asOf?: string; subscribers?: number; seed?: number } = {}): RfmSource {
  const dataset: Dataset = createDataset({ subscribers: MAX_SUBSCRIBERS, ...options });
  const asOfMs = Date.parse(`${dataset.asOf}T16:00:00.000Z`); // the end of the as-of day in China
  return {
    billing(msisdns) {
      const out = new Map<string, { spendFen: number; payments: number; lastPaymentAt: string | undefined }>();
      for (const msisdn of msisdns) {
        const index = dataset.indexOfMsisdn(msisdn);
        if (index === undefined) continue;
        const sub = dataset.subscriberAt(index);
        const recent = sub.payments.filter((p) => asOfMs - Date.parse(p.at) <= YEAR_MS);
        out.set(msisdn, { spendFen: spend12mFen(sub), payments: recent.length, lastPaymentAt: sub.payments[0]?.at });
      }
      return out;
    },
  };
}
