import { z } from 'zod';
import {
  dictionariesSchema,
  idParamsSchema,
  loginRequestSchema,
  sessionSchema,
  softphoneSettingsSchema,
  startChatRequestSchema,
  startChatResponseSchema,
  transcriptSchema,
  userSchema,
} from '@omnicc/shared';
import { routingExplanationSchema } from '../../interactions/routingRoutes.js';
import { EMAIL_ROUTE_DOCS } from '../../email/emailRoutes.js';
import { SMS_ROUTE_DOCS } from '../../sms/smsRoutes.js';
import { CANNED_RESPONSE_ROUTE_DOCS } from '../../cannedResponses/cannedResponseRoutes.js';
import { FLOW_RUN_ROUTE_DOCS } from '../../flows/flowRunRoutes.js';
import { ADD_IN_CALL_ROUTE_DOCS } from '../../addIns/addInCallRoutes.js';
import { CUSTOMER_ROUTE_DOCS } from '../../customers/customerRoutes.js';
import { WORK_ORDER_ROUTE_DOCS } from '../../workOrders/workOrderRouteDocs.js';
import type { RouteDoc } from './routeDoc.js';

/** The route that serves the document itself. */
export const OPENAPI_URL = '/api/openapi.json';

/**
 * The /api routes of other features (auth, dictionaries, transcripts, web
 * chat), described here with the contract schemas those routes parse and
 * return. Their handlers live in their own features; the OpenAPI test
 * fails when a route is registered without an entry here.
 */
export const CORE_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'POST',
    url: '/api/auth/login',
    operationId: 'login',
    summary: 'Log in with username and password; returns a short-lived bearer token',
    tag: 'auth',
    auth: 'public',
    body: loginRequestSchema,
    reply: sessionSchema,
    status: 200,
    errors: ['UNAUTHENTICATED', 'RATE_LIMITED'],
  },
  {
    method: 'POST',
    url: '/api/auth/refresh',
    operationId: 'refreshToken',
    summary: 'Trade a still-valid token for a fresh one',
    tag: 'auth',
    auth: 'authenticated',
    reply: sessionSchema,
    status: 200,
    errors: [],
  },
  {
    method: 'GET',
    url: '/api/me',
    operationId: 'me',
    summary: 'The logged-in user',
    tag: 'auth',
    auth: 'authenticated',
    reply: userSchema,
    status: 200,
    errors: [],
  },
  {
    method: 'GET',
    url: '/api/dictionaries',
    operationId: 'getDictionaries',
    summary: 'Not-ready reasons and wrap-up codes, with labels in both UI languages',
    tag: 'dictionaries',
    auth: 'authenticated',
    reply: dictionariesSchema,
    status: 200,
    errors: [],
  },
  {
    method: 'GET',
    url: '/api/interactions/:id/transcript',
    operationId: 'getTranscript',
    summary: 'An interaction and its messages (agents: their own interactions only)',
    tag: 'interactions',
    auth: 'authenticated',
    params: idParamsSchema,
    reply: transcriptSchema,
    status: 200,
    errors: ['FORBIDDEN'],
  },
  {
    method: 'GET',
    url: '/api/interactions/:id/routing',
    operationId: 'getRoutingExplanation',
    summary: "Why each offer of the interaction went to its agent (team leads, supervisors, admins, and the interaction's agent; in memory since the server started)",
    tag: 'interactions',
    auth: 'authenticated',
    params: idParamsSchema,
    reply: routingExplanationSchema,
    status: 200,
    errors: ['FORBIDDEN'],
  },
  {
    method: 'POST',
    url: '/api/chat/sessions',
    operationId: 'startChat',
    summary: "Start a web chat (the widget's visitor; rate limited per address)",
    tag: 'chat',
    auth: 'public',
    body: startChatRequestSchema,
    reply: startChatResponseSchema,
    status: 201,
    errors: ['RATE_LIMITED', 'NOT_FOUND'],
  },
  {
    method: 'GET',
    url: '/api/voice/softphone',
    operationId: 'getSoftphoneSettings',
    summary: "Where the agent's softphone connects and its ephemeral SIP credentials (agents and team leads; UNAVAILABLE when voice does not run)",
    tag: 'voice',
    auth: 'authenticated',
    reply: softphoneSettingsSchema,
    status: 200,
    errors: ['FORBIDDEN', 'UNAVAILABLE'],
  },
  ...EMAIL_ROUTE_DOCS,
  ...SMS_ROUTE_DOCS,
  ...CANNED_RESPONSE_ROUTE_DOCS,
  ...FLOW_RUN_ROUTE_DOCS,
  ...ADD_IN_CALL_ROUTE_DOCS,
  ...CUSTOMER_ROUTE_DOCS,
  ...WORK_ORDER_ROUTE_DOCS,
  {
    method: 'GET',
    url: OPENAPI_URL,
    operationId: 'openApi',
    summary: 'This OpenAPI 3.1 document',
    tag: 'meta',
    auth: 'public',
    reply: z.record(z.string(), z.unknown()),
    status: 200,
    errors: [],
  },
];
