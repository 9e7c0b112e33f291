import type { z } from 'zod';

/** The error every bad setting gets: "Invalid configuration:" then one indented line per variable. */
export function configError(lines: string[]): Error {
  return new Error(`Invalid configuration:\n${lines.map((l) => `  ${l}`).join('\n')}`);
}

/**
 * Parses the environment with one feature's schema (the server's own, voice,
 * email, SMS); throws a configError naming each invalid variable, so a bad
 * setting stops the server at start with the variable's name.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw configError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return parsed.data;
}
