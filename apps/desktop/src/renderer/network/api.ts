import {
  cannedResponseListSchema,
  dictionariesSchema,
  emailConversationSchema,
  emailMessageViewSchema,
  flowRunViewSchema,
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
  type FlowRunEventRequest,
  type FlowRunView,
  type SmsConversation,
  type SmsMessageView,
  type SmsReplyRequest,
  type LoginRequest,
  type Session,
  type Transcript,
} from '@omnicc/shared';
import { createHttp } from './http.js';
import { parseSoftphoneConfig } from '../telephony/softphoneConfig.js';
import type { SoftphoneConfig } from '../telephony/softphone.js';

export { ApiError, type ClientErrorCode } from './http.js';

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
  /** The interaction's service flow run (NOT_FOUND when no flow ran for it). */
  flowRun(token: string, interactionId: string): Promise<FlowRunView>;
  /** What the agent did at the step the run waits at: UNPROCESSABLE (details: the runtime's refusal) or CONFLICT when another tab moved it on. */
  sendFlowRunEvent(token: string, interactionId: string, request: FlowRunEventRequest): Promise<FlowRunView>;
}

const interactionPath = (id: string): string => `/api/interactions/${encodeURIComponent(id)}`;

/**
 * REST client against `baseUrl` (the page's own origin: the server serves
 * the renderer). Replies are parsed with the contract's zod schemas.
 */
export function createApi(baseUrl: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): Api {
  const { request, call } = createHttp(baseUrl, fetchImpl);

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
    flowRun: (token, id) => call(`${interactionPath(id)}/flow-run`, { method: 'GET', token }, (d) => flowRunViewSchema.parse(d)),
    sendFlowRunEvent: (token, id, body) => call(`${interactionPath(id)}/flow-run/events`, { method: 'POST', token, body }, (d) => flowRunViewSchema.parse(d)),
    emailAttachment: async (token, id, attachmentId) => {
      const response = await request(`${interactionPath(id)}/email/attachments/${encodeURIComponent(attachmentId)}`, { method: 'GET', token });
      // Re-typed so that nothing downstream ever sniffs or renders it.
      return new Blob([await response.arrayBuffer()], { type: 'application/octet-stream' });
    },
  };
}
