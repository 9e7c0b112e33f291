import {
  appErrorSchema,
  cannedResponseListSchema,
  dictionariesSchema,
  emailConversationSchema,
  emailMessageViewSchema,
  smsConversationSchema,
  smsMessageViewSchema,
  sessionSchema,
  transcriptSchema,
  type CannedResponseList,
  type CannedResponsesQuery,
  type Dictionaries,
  type EmailConversation,
  type EmailMessageView,
  type EmailReplyRequest,
  type ErrorCode,
  type SmsConversation,
  type SmsMessageView,
  type SmsReplyRequest,
  type LoginRequest,
  type Session,
  type Transcript,
} from '@omnicc/shared';
import { parseSoftphoneConfig } from '../telephony/softphoneConfig.js';
import type { SoftphoneConfig } from '../telephony/softphone.js';

/** Error codes of the contract plus the ones only a client can see. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'TIMEOUT' | 'DISCONNECTED';

/** A failed REST call or socket command, with the code the UI branches on. */
export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The REST part of the contract (wire/rest.ts). */
export interface Api {
  login(request: LoginRequest): Promise<Session>;
  refresh(token: string): Promise<Session>;
  dictionaries(token: string): Promise<Dictionaries>;
  transcript(token: string, interactionId: string): Promise<Transcript>;
  /** Where the softphone registers and with what; UNAVAILABLE when this server runs without voice. */
  softphone(token: string): Promise<SoftphoneConfig>;
  /** An email interaction's thread; its HTML bodies are behind signed `bodyUrl`s. */
  emailConversation(token: string, interactionId: string): Promise<EmailConversation>;
  /** Stores the agent's answer (sent by the server's outbox; `delivery` says how it went). */
  replyByEmail(token: string, interactionId: string, request: EmailReplyRequest): Promise<EmailMessageView>;
  /** An attachment's bytes, as an opaque blob (never rendered). */
  emailAttachment(token: string, interactionId: string, attachmentId: string): Promise<Blob>;
  /** An SMS interaction's exchange with the number, earlier conversations included. */
  smsConversation(token: string, interactionId: string): Promise<SmsConversation>;
  /** Stores the agent's SMS (sent by the server's outbox; `delivery` and `sms:status` say how it went). */
  replyBySms(token: string, interactionId: string, request: SmsReplyRequest): Promise<SmsMessageView>;
  /** Canned responses (常用语) of a channel, rendered for the interaction: what inserting one will send. */
  cannedResponses(token: string, query: CannedResponsesQuery): Promise<CannedResponseList>;
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

const interactionPath = (id: string): string => `/api/interactions/${encodeURIComponent(id)}`;

/**
 * REST client against `baseUrl` (the page's own origin: the server serves
 * the renderer). Replies are parsed with the contract's zod schemas.
 */
export function createApi(baseUrl: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): Api {
  /** One request: the network's failures as coded errors, a refusal as the server's code. */
  async function request(path: string, init: { method: 'GET' | 'POST'; token?: string; body?: unknown }): Promise<Response> {
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
      throw parsed.success ? new ApiError(parsed.data.code, parsed.data.message) : new ApiError(codeOfStatus(response.status), `HTTP ${response.status}`);
    }
    return response;
  }

  async function call<T>(path: string, init: { method: 'GET' | 'POST'; token?: string; body?: unknown }, parse: (data: unknown) => T): Promise<T> {
    const data: unknown = await (await request(path, init)).json().catch(() => undefined);
    try {
      return parse(data);
    } catch {
      throw new ApiError('INTERNAL', `unexpected reply from ${path}`);
    }
  }

  return {
    login: (credentials) => call('/api/auth/login', { method: 'POST', body: credentials }, (d) => sessionSchema.parse(d)),
    refresh: (token) => call('/api/auth/refresh', { method: 'POST', token, body: {} }, (d) => sessionSchema.parse(d)),
    dictionaries: (token) => call('/api/dictionaries', { method: 'GET', token }, (d) => dictionariesSchema.parse(d)),
    transcript: (token, id) => call(`${interactionPath(id)}/transcript`, { method: 'GET', token }, (d) => transcriptSchema.parse(d)),
    softphone: (token) => call('/api/voice/softphone', { method: 'GET', token }, parseSoftphoneConfig),
    emailConversation: (token, id) => call(`${interactionPath(id)}/email`, { method: 'GET', token }, (d) => emailConversationSchema.parse(d)),
    replyByEmail: (token, id, body) => call(`${interactionPath(id)}/email/reply`, { method: 'POST', token, body }, (d) => emailMessageViewSchema.parse(d)),
    smsConversation: (token, id) => call(`${interactionPath(id)}/sms`, { method: 'GET', token }, (d) => smsConversationSchema.parse(d)),
    replyBySms: (token, id, body) => call(`${interactionPath(id)}/sms/reply`, { method: 'POST', token, body }, (d) => smsMessageViewSchema.parse(d)),
    cannedResponses: (token, query) => call(`/api/canned-responses?${new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined)).toString()}`, { method: 'GET', token }, (d) => cannedResponseListSchema.parse(d)),
    emailAttachment: async (token, id, attachmentId) => {
      const response = await request(`${interactionPath(id)}/email/attachments/${encodeURIComponent(attachmentId)}`, { method: 'GET', token });
      // Re-typed so that nothing downstream ever sniffs or renders it.
      return new Blob([await response.arrayBuffer()], { type: 'application/octet-stream' });
    },
  };
}
