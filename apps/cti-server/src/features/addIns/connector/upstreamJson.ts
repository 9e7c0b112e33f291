import { AddInCallError } from './addInErrors.js';

/** What the connector asks of an external system: a GET or a POST with a JSON body. */
export interface UpstreamRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
}

/** The answer's status and parsed JSON body (any status: the operation decides what a 404 means). */
export interface UpstreamResponse {
  status: number;
  body: unknown;
}

/** Largest body read from an external system; more is a BAD_RESPONSE, not a memory problem. */
const MAX_BODY_BYTES = 512 * 1024;

/**
 * One HTTP call within `signal`'s budget, its failures classified
 * (docs/add-ins.md §4): the budget ending (headers or body) is TIMEOUT, a
 * refused or reset connection UNREACHABLE, an answer that is not JSON (an
 * HTML error page from a gateway, whatever its status, or a cut-off body)
 * BAD_RESPONSE, and a JSON 5xx UPSTREAM_ERROR. Headers never carry the agent's token: only what the
 * operation set (the add-in's own key).
 */
export async function fetchUpstreamJson(request: UpstreamRequest, signal: AbortSignal): Promise<UpstreamResponse> {
  let res: Response;
  try {
    res = await fetch(request.url, {
      method: request.method ?? 'GET',
      headers: { accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal,
      redirect: 'error',
    });
  } catch (err) {
    throw classifyFetchError(err, signal);
  }
  const type = res.headers.get('content-type') ?? '';
  // An HTML page (a gateway's 502, a login page with 200) is a bad answer whatever its status: the "HTML instead of JSON".
  if (!/\bjson\b/i.test(type)) {
    await res.body?.cancel().catch(() => {});
    throw new AddInCallError('BAD_RESPONSE', `upstream answered ${res.status} ${type.split(';')[0] || 'without a content type'}, not JSON`);
  }
  if (res.status >= 500) {
    await res.body?.cancel().catch(() => {});
    throw new AddInCallError('UPSTREAM_ERROR', `upstream answered ${res.status}`);
  }
  let text: string;
  try {
    text = await readCapped(res, signal);
  } catch (err) {
    throw err instanceof AddInCallError ? err : classifyFetchError(err, signal);
  }
  try {
    return { status: res.status, body: JSON.parse(text) as unknown };
  } catch {
    throw new AddInCallError('BAD_RESPONSE', `upstream answered ${res.status} with a body that is not valid JSON`);
  }
}

async function readCapped(res: Response, signal: AbortSignal): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    if (signal.aborted) {
      await reader.cancel().catch(() => {});
      throw classifyFetchError(signal.reason, signal);
    }
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw new AddInCallError('BAD_RESPONSE', `upstream body over ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function classifyFetchError(err: unknown, signal: AbortSignal): AddInCallError {
  if (signal.aborted) return new AddInCallError('TIMEOUT', 'the time budget ran out');
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
  const detail = cause ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : err instanceof Error ? err.message : String(err);
  return new AddInCallError('UNREACHABLE', `upstream unreachable: ${detail}`);
}
