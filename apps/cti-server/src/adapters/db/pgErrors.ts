import { AppError, type ErrorCode } from '@omnicc/shared';

/** SQLSTATEs we translate; see https://www.postgresql.org/docs/current/errcodes-appendix.html */
export const PG = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  invalidTextRepresentation: '22P02',
  invalidCatalogName: '3D000',
  duplicateDatabase: '42P04',
} as const;

/**
 * The SQLSTATE of a pg error, looking through wrappers: drizzle 0.44 wraps
 * driver errors in DrizzleQueryError with the pg error as `cause`.
 */
export function pgErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * Runs `work` and turns constraint violations into AppErrors with the given
 * messages, so callers see NOT_FOUND / CONFLICT instead of a driver error.
 */
export async function translating<T>(
  work: () => Promise<T>,
  map: Partial<Record<(typeof PG)[keyof typeof PG], [ErrorCode, string]>>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const code = pgErrorCode(err);
    const hit = code === undefined ? undefined : map[code as keyof typeof map];
    if (hit) throw new AppError(hit[0], hit[1]);
    throw err;
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuid columns: a malformed id cannot exist, and querying it would raise 22P02. */
export const isUuid = (id: string): boolean => UUID_RE.test(id);
