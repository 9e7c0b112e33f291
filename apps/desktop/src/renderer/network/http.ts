import { appErrorSchema, type ErrorCode } from '@omnicc/shared';

/** Error codes of the contract plus the ones only a client can see. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'TIMEOUT' | 'DISCONNECTED';

/** A failed REST call or socket command, with the code the UI branches on. */
export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    /** The server's `details` (e.g. a publish refusal's diagnostics), unparsed. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

/** Codes for HTTP statuses whose body did not carry one (proxies, crashes). */
function codeOfStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 400 && status < 500) return 'BAD_REQUEST';
  return 'INTERNAL';
}

export interface RequestInit {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  token?: string;
  body?: unknown;
}

/** The two ways every REST client here talks to the server. */
export interface Http {
  /** One request: the network's failures as coded errors, a refusal as the server's code (and details). */
  request: (path: string, init: RequestInit) => Promise<Response>;
  /** A request whose JSON reply is parsed with `parse`; an unexpected reply is INTERNAL. */
  call: <T>(path: string, init: RequestInit, parse: (data: unknown) => T) => Promise<T>;
}

/**
 * HTTP against `baseUrl` (the page's own origin: the server serves the
 * renderer), with a time limit and no cookies: the bearer token is the only
 * credential.
 */
export function createHttp(baseUrl: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): Http {
  async function request(path: string, init: RequestInit): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method: init.method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        credentials: 'omit',
        cache: 'no-store',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
      throw new ApiError(timedOut ? 'TIMEOUT' : 'NETWORK', err instanceof Error ? err.message : 'network error');
    }
    if (!response.ok) {
      const data: unknown = await response.json().catch(() => undefined);
      const parsed = appErrorSchema.safeParse((data as { error?: unknown } | undefined)?.error);
      if (!parsed.success) throw new ApiError(codeOfStatus(response.status), `HTTP ${response.status}`);
      throw new ApiError(parsed.data.code, parsed.data.message, parsed.data.details);
    }
    return response;
  }

  async function call<T>(path: string, init: RequestInit, parse: (data: unknown) => T): Promise<T> {
    const response = await request(path, init);
    if (response.status === 204) return parse(undefined);
    const data: unknown = await response.json().catch(() => undefined);
    try {
      return parse(data);
    } catch {
      throw new ApiError('INTERNAL', `unexpected reply from ${path}`);
    }
  }

  return { request, call };
}
