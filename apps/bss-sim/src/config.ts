import { z } from 'zod';
import type { FaultRuleInput } from './faults/faultSchema.js';
import { faultRulesBodySchema } from './faults/faultSchema.js';
import type { BssSimOptions } from './server.js';

/**
 * The simulator's settings from the environment (pnpm start). A bad value
 * stops it with a message naming the variable; docs/bss-sim.md lists them.
 */
const envSchema = z.object({
  BSS_PORT: z.coerce.number().int().min(0).max(65_535).default(8090),
  BSS_SUBSCRIBERS: z.coerce.number().int().min(1).optional(),
  BSS_SEED: z.coerce.number().int().min(0).max(0xffffffff).optional(),
  BSS_AS_OF: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  BSS_API_KEY: z.string().min(8).optional(),
  BSS_ADMIN_KEY: z.string().min(8).optional(),
  /** JSON array of fault rules, as PUT /admin/faults takes in `rules`. */
  BSS_FAULTS: z.string().optional(),
  /** Shorthand: latency (and jitter) on every /v1 request, after the BSS_FAULTS rules. */
  BSS_LATENCY_MS: z.coerce.number().int().min(0).max(120_000).optional(),
  BSS_JITTER_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  BSS_LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('warn'),
});

/** Thrown for a bad environment; the message names the variable. */
export class ConfigError extends Error {}

function parseFaults(json: string | undefined): FaultRuleInput[] {
  if (json === undefined || json.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ConfigError('BSS_FAULTS is not JSON (expected an array of fault rules)');
  }
  const parsed = faultRulesBodySchema.safeParse({ rules: value });
  if (!parsed.success) throw new ConfigError(`BSS_FAULTS: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data.rules;
}

/** Options for createBssSim from environment variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): BssSimOptions & { port: number } {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${String(issue?.path[0] ?? 'environment')}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  const faults = parseFaults(e.BSS_FAULTS);
  if (e.BSS_LATENCY_MS !== undefined || e.BSS_JITTER_MS !== undefined) {
    faults.push({ id: 'env-latency', route: '/v1/**', latencyMs: e.BSS_LATENCY_MS ?? 0, jitterMs: e.BSS_JITTER_MS ?? 0 });
  }
  return {
    port: e.BSS_PORT,
    ...(e.BSS_SUBSCRIBERS === undefined ? {} : { subscribers: e.BSS_SUBSCRIBERS }),
    ...(e.BSS_SEED === undefined ? {} : { seed: e.BSS_SEED }),
    ...(e.BSS_AS_OF === undefined ? {} : { asOf: e.BSS_AS_OF }),
    ...(e.BSS_API_KEY === undefined ? {} : { apiKey: e.BSS_API_KEY }),
    ...(e.BSS_ADMIN_KEY === undefined ? {} : { adminKey: e.BSS_ADMIN_KEY }),
    faults,
    logLevel: e.BSS_LOG_LEVEL,
  };
}
