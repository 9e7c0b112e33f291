import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Server as SocketServer } from 'socket.io';
import type pg from 'pg';
import type { Logger } from 'pino';
import { LIMITS } from '@omnicc/shared';
import type { Config } from './config.js';
import { iso, type Clock } from './clock.js';
import type { Store } from './store/Store.js';
import { installErrorHandling } from './http/errors.js';
import { TokenService } from './features/auth/tokens.js';
import { makeAuthenticate } from './features/auth/guard.js';
import { LoginLimiter } from './features/auth/loginLimiter.js';
import { registerAuthRoutes } from './features/auth/authRoutes.js';
import { registerDictionaryRoutes } from './features/dictionaries/dictionaryRoutes.js';
import { registerTranscriptRoutes } from './features/interactions/transcriptRoutes.js';
import { registerRoutingRoutes } from './features/interactions/routingRoutes.js';
import { registerChatRoutes } from './features/chat/chatRoutes.js';
import { registerAdminRoutes } from './features/admin/adminRoutes.js';
import { ChatService } from './features/chat/chatService.js';
import { setupCustomerNamespace, type CustomerNamespace } from './features/chat/customerNamespace.js';
import { setupAgentNamespace, type AgentNamespace } from './features/agents/agentNamespace.js';
import { queueSnapshots, setupSupervisorNamespace, type SupervisorNamespace } from './features/supervisor/supervisorNamespace.js';
import { RoutingService } from './features/routing/routingService.js';
import { MetricsFeed } from './features/supervisor/metricsFeed.js';
import { createMetrics } from './features/health/metrics.js';
import { registerHealthRoutes } from './features/health/healthRoutes.js';
import { installSecurityHeaders } from './features/web/securityHeaders.js';
import { DEFAULT_WEB_DIR, registerStaticRoutes } from './features/web/staticRoutes.js';
import { createNotifiers } from './realtime/notifiers.js';

export interface AppDeps {
  config: Config;
  store: Store;
  pool: pg.Pool;
  clock: Clock;
  logger: Logger;
}

export interface Application {
  http: FastifyInstance;
  io: SocketServer;
  routing: RoutingService;
  /** Starts listening; resolves to the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Wiring only: builds every feature around the injected store, clock and logger. */
export async function createApplication(deps: AppDeps): Promise<Application> {
  const { config, store, clock, logger } = deps;
  // Typed as the base logger so routes take the default FastifyInstance type.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  const http = Fastify({ loggerInstance: logger as FastifyBaseLogger, bodyLimit: LIMITS.restBodyBytes, trustProxy: false });
  installErrorHandling(http);
  installSecurityHeaders(http);
  const metrics = createMetrics();

  const io = new SocketServer(http.server, {
    // Packets over this are dropped by the engine with a disconnect; the
    // per-event check in bindHandlers answers PAYLOAD_TOO_LARGE below it.
    maxHttpBufferSize: 1024 * 1024,
    cors: { origin: config.widgetOrigins.length ? config.widgetOrigins : false },
  });
  const agentNsp = io.of('/agent') as AgentNamespace;
  const customerNsp = io.of('/customer') as CustomerNamespace;
  const supervisorNsp = io.of('/supervisor') as SupervisorNamespace;

  const tokens = new TokenService(config.tokenSecret, config.tokenTtlSeconds, clock);
  const authenticate = makeAuthenticate(tokens);

  // Notifiers call into `chat`, declared below: routing needs the notifiers,
  // and the chat service needs routing. The closures run only after start-up.
  const notifiers = createNotifiers(agentNsp, customerNsp, {
    customerStateOf: (id) => chat.customerState(id),
    agentLostNotice: (id) => chat.agentLostNotice(id),
  });
  // Queues, offer timeouts and capacities come from the store's routing config now (see docs/routing.md).
  // Live queue metrics: fed by routing as it decides, after replaying today's log (see docs/metrics.md, "How it is fed").
  const feed = new MetricsFeed({ timeZone: config.timeZone, shortAbandonMs: config.shortAbandonSeconds * 1000 });
  const routing = new RoutingService({ store, clock, log: logger, notifier: notifiers.routing, observer: (e, commands, state) => feed.observe(e, commands, state) });
  const chat = new ChatService({ store, clock, routing, notifier: notifiers.chat, defaultQueueId: 'chat-general' });
  const chatService = chat;

  const onEvent = (nsp: string) => (event: string, result: string) => metrics.socketEvents.inc({ namespace: nsp, event: event.slice(0, 40), result });
  setupAgentNamespace(agentNsp, { store, clock, tokens, routing, chat: chatService, log: logger, onEvent: onEvent('agent') });
  setupCustomerNamespace(customerNsp, { chat: chatService, log: logger, onEvent: onEvent('customer') });
  const snapshot = async () => queueSnapshots(await store.queues.list(), routing, feed, clock.now());
  const supervisorFeed = setupSupervisorNamespace(supervisorNsp, { tokens, clock, snapshot, onEvent: onEvent('supervisor') });
  agentNsp.on('connection', (socket) => {
    metrics.agentsConnected.inc();
    socket.on('disconnect', () => metrics.agentsConnected.dec());
  });

  registerAuthRoutes(http, { store, tokens, authenticate, limiter: new LoginLimiter(() => clock.now()) });
  registerDictionaryRoutes(http, { store, authenticate });
  registerTranscriptRoutes(http, { store, authenticate });
  registerRoutingRoutes(http, { store, authenticate, explain: (id) => routing.explain(id) });
  registerAdminRoutes(http, { store, authenticate });
  registerChatRoutes(http, { chat: chatService, now: () => clock.now(), perMinute: config.chatStartsPerMinute });
  registerHealthRoutes(http, {
    pool: deps.pool,
    metrics,
    beforeScrape: async () => {
      for (const q of await snapshot()) metrics.queueWaiting.set({ queue: q.queueId }, q.waiting);
    },
  });
  await registerStaticRoutes(http, { webDir: config.webDir ?? DEFAULT_WEB_DIR, log: (m) => logger.warn(m) });

  for (const q of await store.queues.list()) {
    const queueConfig = await store.queueConfigs.get(q.id);
    if (queueConfig) feed.configureQueue(queueConfig);
  }
  const todaysEvents = await store.interactions.eventsSince(iso(feed.dayStart(clock.now())));
  feed.replay(todaysEvents);
  logger.info({ events: todaysEvents.length }, 'metrics replayed from today\'s log');
  const recovered = await routing.recover();
  logger.info(recovered, 'routing recovered from store');

  return {
    http,
    io,
    routing,
    async listen() {
      const address = await http.listen({ host: config.host, port: config.port });
      routing.start();
      return address;
    },
    async close() {
      await routing.stop();
      supervisorFeed.stop();
      await io.close();
      await http.close();
    },
  };
}
