import { z } from 'zod';
import { parseEnv } from '../../envConfig.js';

const envSchema = z.object({
  /** Base URL of the BSS the billing add-in calls (apps/bss-sim in the demo). */
  OMNICC_BSS_URL: z.url().optional(),
  /** The billing add-in's key for the BSS (a bearer token; never an agent's). */
  OMNICC_BSS_KEY: z.string().min(8).optional(),
});

/** Where the built-in billing add-in reaches its system, unless an admin configured it in the registry. */
export interface AddInConfig {
  bssUrl?: string;
  bssKey?: string;
}

export function loadAddInConfig(env: NodeJS.ProcessEnv): AddInConfig {
  const e = parseEnv(envSchema, env);
  return { ...(e.OMNICC_BSS_URL ? { bssUrl: e.OMNICC_BSS_URL } : {}), ...(e.OMNICC_BSS_KEY ? { bssKey: e.OMNICC_BSS_KEY } : {}) };
}
