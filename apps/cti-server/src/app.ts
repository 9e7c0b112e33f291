import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Server as SocketServer } from 'socket.io';
import type pg from 'pg';
import type { Logger } from 'pino';
import { LIMITS } from '@omnicc/shared';
import type { Config } from './config.js';
import type { Clock } from './clock.js';
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
import { randomBytes, randomUUID } from 'node:crypto';
import { createPgStore } from './adapters/db/pgStore.js';
import { clusterKey } from './features/cluster/clusterKey.js';
import { registerInternalRoutes } from './features/cluster/internalRoutes.js';
import { createRedisAdapter } from './features/cluster/redisAdapter.js';
import { RemoteRouting } from './features/cluster/remoteRouting.js';
import { RoutingLeadership } from './features/cluster/routingLeadership.js';
import { OwnerLifecycle, type SocketCensus } from './features/routing/ownerLifecycle.js';
import { VoiceChannel } from './features/voice/voiceChannel.js';
import { registerVoiceRoutes } from './features/voice/voiceRoutes.js';
import { RoutingGateway } from './features/routing/routingGateway.js';
import { registerAdminRoutes } from './features/admin/adminRoutes.js';
import { ChatService } from './features/chat/chatService.js';
import { setupCustomerNamespace, type CustomerNamespace } from './features/chat/customerNamespace.js';
import { agentRoom, setupAgentNamespace, type AgentNamespace } from './features/agents/agentNamespace.js';
import { setupSupervisorNamespace, type SupervisorNamespace } from './features/supervisor/supervisorNamespace.js';
import { createMetrics } from './features/health/metrics.js';
import { registerHealthRoutes } from './features/health/healthRoutes.js';
import { installSecurityHeaders } from './features/web/securityHeaders.js';
import { DEFAULT_WEB_DIR, registerStaticRoutes } from './features/web/staticRoutes.js';
import { createNotifiers } from './realtime/notifiers.js';
import { createPgMailStore } from './adapters/db/mailStore.js';
import { SecretBox } from './secrets/secretBox.js';
import { EmailChannel } from './features/email/emailChannel.js';
import { MailboxAdmin } from './features/email/mailboxAdmin.js';
import { mailboxRoutes } from './features/email/mailboxRoutes.js';
import { EmailConversations } from './features/email/emailConversations.js';
import { registerEmailRoutes } from './features/email/emailRoutes.js';
import { mailBodyUrls, registerMailBodyRoutes } from './features/email/mailBodyRoutes.js';
import { emailPushes } from './features/email/emailPushes.js';
import { registerEmailMetrics } from './features/email/emailMetrics.js';
import { createPgSmsStore } from './adapters/db/smsStore.js';
import { SmsChannel } from './features/sms/smsChannel.js';
import { smsPushes } from './features/sms/smsPushes.js';
import { SmsConversations } from './features/sms/smsConversations.js';
import { registerSmsRoutes } from './features/sms/smsRoutes.js';
import { CampaignRunner } from './features/smsCampaigns/campaignRunner.js';
import { smsCampaignRoutes } from './features/smsCampaigns/campaignRoutes.js';
import { SmsCampaignService } from './features/smsCampaigns/campaignService.js';
import { createPgSmsCampaignStore } from './adapters/db/smsCampaignStore.js';
import type { SmsCampaignStore } from './store/SmsCampaignStore.js';
import { createSmsMetrics } from './features/sms/smsMetrics.js';
import { CannedResponsePicker } from './features/cannedResponses/cannedResponsePicker.js';
import { registerCannedResponseRoutes } from './features/cannedResponses/cannedResponseRoutes.js';
import { createPgKnowledgeStore } from './adapters/db/knowledgeStore.js';
import { KnowledgeService } from './features/knowledge/knowledgeService.js';
import { knowledgeRoutes } from './features/knowledge/knowledgeRoutes.js';
import { PgListener } from './adapters/db/pgListener.js';
import { SMS_OUTBOX_CHANNEL } from './adapters/db/smsOutboxRepo.js';
import type { AdminRoute } from './features/admin/adminRoute.js';
import type { MailStore } from './store/MailStore.js';
import { createPgFlowStore } from './adapters/db/flowStore.js';
import type { FlowStore } from './store/FlowStore.js';
import { buildFlowCatalog } from './features/flows/flowCatalog.js';
import { FlowDesigner } from './features/flows/flowDesigner.js';
import { FlowEffects } from './features/flows/flowEffects.js';
import { liveFlowEngine } from './features/flows/flowEngineLive.js';
import { flowReplies } from './features/flows/flowReplies.js';
import { flowRoutes } from './features/flows/flowRoutes.js';
import { registerFlowRunRoutes } from './features/flows/flowRunRoutes.js';
import { FlowRunService } from './features/flows/flowRunService.js';
import { CustomerService } from './features/customers/customerService.js';
import { registerCustomerRoutes } from './features/customers/customerRoutes.js';
import { customerAdminRoutes } from './features/customers/customerAdminRoutes.js';
import { createAddInPlatform, type AddInPlatform } from './features/addIns/addInPlatform.js';
import { registerAddInCallRoutes } from './features/addIns/addInCallRoutes.js';
import { registerAddInUiRoutes } from './features/addIns/addInUiRoutes.js';
import { createWorkOrders, type WorkOrders } from './features/workOrders/workOrders.js';

export interface AppDeps {
  config: Config;
  store: Store;
  pool: pg.Pool;
  clock: Clock;
  logger: Logger;
  /** Whether server.ts got Kamailio and rtpengine running (voice `embedded`/`auto`); `external` assumes they run elsewhere. */
  voiceStackRunning?: boolean;
}

export interface Application {
  http: FastifyInstance;
  io: SocketServer;
  /** Every routing call goes through here (run locally while this node owns routing, else sent to the owner). */
  routing: RoutingGateway;
  /** This node's share of routing: the service while it owns the routing lease. */
  owner: OwnerLifecycle;
  voice: VoiceChannel;
  /** Mailbox readers (running on the routing owner). */
  email: EmailChannel;
  mail: MailStore;
  /** The SMS gateway (running on the routing owner). */
  sms: SmsChannel;
  /** SMS group send: the runner (sending on the routing owner) and its store. */
  smsCampaigns: { runner: CampaignRunner; store: SmsCampaignStore };
  /** Service flows: the store and the runs of accepted interactions' bound flows. */
  flows: { store: FlowStore; runs: FlowRunService };
  /** Add-ins: installed add-ins, their connector (budget, cache, breaker) and calls. */
  addIns: AddInPlatform;
  /** The customer model: identity resolution, the 360 view, create / link / merge. */
  customers: CustomerService;
  /** Work orders (工单): the service and the owner's SLA sweep. */
  workOrders: WorkOrders;
  /** Every admin route mounted (the role-matrix test walks them). */
  adminRoutes: AdminRoute[];
  leadership: RoutingLeadership;
  nodeId: string;
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
  // The softphone connects to Kamailio's WebSocket, another origin: allowed only when voice is on.
  installSecurityHeaders(http, { connectSources: config.voice.mode === 'off' ? [] : [config.voice.wsUrl] });
  const metrics = createMetrics();

  // Several nodes share sockets' rooms through Redis; a lone node (the demo) keeps them in memory.
  const redis = config.redisUrl ? await createRedisAdapter(config.redisUrl, config.redisPrefix) : undefined;
  const io = new SocketServer(http.server, {
    // Packets over this are dropped by the engine with a disconnect; the
    // per-event check in bindHandlers answers PAYLOAD_TOO_LARGE below it.
    maxHttpBufferSize: 1024 * 1024,
    cors: { origin: config.widgetOrigins.length ? config.widgetOrigins : false },
    ...(redis ? { adapter: redis.adapter } : {}),
    // A desktop that blinks (Wi-Fi, a node restart) gets the pushes it missed; the auth middleware still runs.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  });
  const agentNsp = io.of('/agent') as AgentNamespace;
  const customerNsp = io.of('/customer') as CustomerNamespace;
  const supervisorNsp = io.of('/supervisor') as SupervisorNamespace;

  // Without a configured secret (a lone dev node), one per run: tokens and the cluster key must agree.
  const tokenSecret = config.tokenSecret ?? randomBytes(32).toString('base64url');
  const tokens = new TokenService(tokenSecret, config.tokenTtlSeconds, clock);
  const authenticate = makeAuthenticate(tokens);
  // Mailbox passwords are sealed under a key derived from the same secret (docs/email.md, "Secrets").
  const secrets = SecretBox.fromSecrets(tokenSecret, config.email.previousTokenSecrets);
  if (!config.tokenSecret) logger.warn('no OMNICC_TOKEN_SECRET: mailbox passwords stored now cannot be read after a restart');
  const mail = createPgMailStore(deps.pool);
  const flowStore = createPgFlowStore(deps.pool);
  // Open work orders come from the work-order feature, created further down (called only after start-up).
  const customers = new CustomerService({ pool: deps.pool, store, clock, timeZone: config.timeZone, log: logger, openWorkOrders: (id) => workOrders.service.openForCustomer(id) });
  const addIns = await createAddInPlatform({ config: config.addIns, clock, registry: metrics.registry, db: { pool: deps.pool, secrets } });
  const flowCatalog = () => buildFlowCatalog(store, () => addIns.service.catalog());

  // Notifiers call into `chat`, declared below: routing needs the notifiers,
  // and the chat service needs routing. The closures run only after start-up.
  const notifiers = createNotifiers(agentNsp, customerNsp, supervisorNsp, {
    customerStateOf: (id) => chat.customerState(id),
    agentLostNotice: (id) => chat.agentLostNotice(id),
    displayNameOf: async (id) => (await store.users.findById(id))?.displayName ?? id,
  });

  // Routing runs on the one node holding the routing lease (docs/architecture.md, "Scale-out").
  const nodeId = randomUUID();
  const key = clusterKey(tokenSecret);
  const routing = new RoutingGateway({
    remote: new RemoteRouting({ leases: store.leases, nodeId, key }),
    log: logger,
    retryForMs: Math.max(15_000, config.leaseTtlMs * 3),
    // The bound service flow starts after the accept, in the background: it never slows or fails one.
    onAccepted: (interaction) => flowRuns.accepted(interaction),
    // The customer is resolved beside routing, never in its way: the card resolves live if it asks first.
    onEntered: (id, interaction) => customers.linkInteraction(id, interaction),
  });
  const census: SocketCensus = async () => {
    const present = new Map<string, Set<string>>();
    for (const s of await agentNsp.fetchSockets()) {
      const agentId = s.data.principal.userId;
      present.set(agentId, (present.get(agentId) ?? new Set()).add(s.id));
    }
    return present;
  };
  const voice = new VoiceChannel({
    config: config.voice,
    stackRunning: deps.voiceStackRunning ?? config.voice.mode === 'external',
    tokenSecret,
    store,
    routing,
    clock,
    log: logger,
  });
  const pushes = emailPushes({ mail, store, push: (agentId, message) => agentNsp.to(agentRoom(agentId)).emit('email:message', message) });
  const email = new EmailChannel({
    config: config.email,
    mail,
    secrets,
    routing,
    clock,
    log: logger,
    onStored: async (outcome) => {
      await pushes.stored(outcome);
      await replies.email(outcome);
    },
    onSendAttempt: pushes.sendAttempted,
  });
  const smsStore = createPgSmsStore(deps.pool);
  // Read at scrape time, once `sms` exists.
  const smsMetrics = createSmsMetrics(metrics.registry, { gatewayState: () => sms.status(), pending: () => smsStore.outbox.pendingCount() });
  const smsPush = smsPushes({ message: (agentId, message) => agentNsp.to(agentRoom(agentId)).emit('sms:message', message), status: (agentId, status) => agentNsp.to(agentRoom(agentId)).emit('sms:status', status) });
  const sms = new SmsChannel({
    config: config.sms,
    store: smsStore,
    routing,
    clock,
    log: logger,
    onStored: (outcome) => {
      smsPush.stored(outcome);
      replies.sms(outcome);
    },
    onStatus: smsPush.status,
    listen: (onNotify) => new PgListener({ pool: deps.pool, channel: SMS_OUTBOX_CHANNEL, onNotify, log: logger }),
    metrics: smsMetrics,
  });
  // Feedback goes through the SMS and email outboxes; the flows' work-order nodes create through it too.
  const workOrders = createWorkOrders({ pool: deps.pool, store, clock, log: logger, timeZone: config.timeZone, mail, kickEmail: () => email.outbox.kick(), sms, serviceNumber: config.sms.serviceNumber, maxParts: config.sms.maxParts, pushEscalated: (agentId, e) => agentNsp.to(agentRoom(agentId)).emit('workOrder:escalated', e) });
  const smsCampaignStore = createPgSmsCampaignStore(deps.pool);
  // Group send runs where the bind is, beside the reply outbox.
  const campaigns = new CampaignRunner({ store: smsCampaignStore, clock, log: logger, serviceNumber: config.sms.serviceNumber, timeZone: config.timeZone });
  let leadership: RoutingLeadership | undefined;
  const fencedStore = createPgStore(deps.pool, { fence: () => leadership?.fence() });
  const owner = new OwnerLifecycle({
    store: fencedStore,
    clock,
    log: logger,
    notifier: voice.tap(notifiers.routing),
    gateway: routing,
    census,
    metrics: { timeZone: config.timeZone, shortAbandonMs: config.shortAbandonSeconds * 1000 },
    onWriteFailed: () => void leadership?.relinquish('routing writes failed'),
    onTakeover: () => {
      flowRuns.startSweeping();
      customers.rfm.start();
      workOrders.sweeper.start();
      voice.start();
      email.start();
      sms.start();
      const smsGateway = sms.activeGateway;
      if (smsGateway) campaigns.start(smsGateway);
    },
    onGiveUp: async () => {
      flowRuns.stopSweeping();
      customers.rfm.stop();
      workOrders.sweeper.stop();
      // The campaign runner first: its submits under way finish and are recorded before the bind closes.
      await Promise.all([voice.stop(), email.stop(), campaigns.halt().then(() => sms.stop())]);
    },
    auditEveryMs: config.watchdogSeconds * 1000,
    onAudit: (audit) => {
      metrics.watchdogFindings.set({ kind: 'core' }, audit.coreProblems.length);
      metrics.watchdogFindings.set({ kind: 'unrouted' }, audit.unrouted.length);
      metrics.watchdogFindings.set({ kind: 'ownerless' }, audit.ownerless.length);
      metrics.watchdogFindings.set({ kind: 'disagreement' }, audit.disagreements.length);
      metrics.watchdogHealed.inc({ kind: 'unrouted' }, audit.unrouted.length);
      metrics.watchdogHealed.inc({ kind: 'ownerless' }, audit.ownerless.length);
    },
  });
  const chatNotifier: typeof notifiers.chat = {
    ...notifiers.chat,
    message: (i, message) => {
      replies.chat(i, message);
      return notifiers.chat.message(i, message);
    },
  };
  const chat = new ChatService({ store, clock, routing, notifier: chatNotifier, defaultQueueId: 'chat-general', afterClose: (i) => sms.surveys.afterClose(i) });

  const onEvent = (nsp: string) => (event: string, result: string) => metrics.socketEvents.inc({ namespace: nsp, event: event.slice(0, 40), result });
  setupAgentNamespace(agentNsp, { store, clock, tokens, routing, chat, calls: voice.transfers, log: logger, onEvent: onEvent('agent') });
  setupCustomerNamespace(customerNsp, { chat, log: logger, onEvent: onEvent('customer') });
  const snapshot = () => routing.call('supervisorSnapshot', {});
  const supervisorFeed = setupSupervisorNamespace(supervisorNsp, { tokens, clock, snapshot, monitor: voice.monitor, onEvent: onEvent('supervisor') });
  agentNsp.on('connection', (socket) => {
    metrics.agentsConnected.inc();
    socket.on('disconnect', () => metrics.agentsConnected.dec());
  });

  const emailConversations = new EmailConversations({ store, mail, clock, outbox: email.outbox, bodyUrls: mailBodyUrls(tokens) });
  // Runs are in the database: any node starts and advances them; the owner sweeps deadlines and effects left out.
  const flowRuns = new FlowRunService({
    store,
    flows: flowStore,
    engine: liveFlowEngine,
    catalog: flowCatalog,
    // A flow's messages go through the agents' own reply outboxes (SmsConversations is built below).
    effects: new FlowEffects({ sms: (agentId, id, body) => smsConversations.reply(agentId, id, body), email: (agentId, id, body) => emailConversations.reply(agentId, id, body) }, addIns.service, (request, interaction) => workOrders.flowEffect(request, interaction)),
    clock,
    log: logger,
    timeZone: config.timeZone,
    customerTier: (interaction) => customers.tierOf(interaction),
    push: (agentId, view) => agentNsp.to(agentRoom(agentId)).emit('flow:run', view),
    transfer: (agentId, interactionId, queueId) => routing.call('transfer', { agentId, interactionId, to: { queueId } }),
  });
  const replies = flowReplies(flowRuns, mail);
  registerAuthRoutes(http, { store, tokens, authenticate, limiter: new LoginLimiter(() => clock.now()) });
  registerDictionaryRoutes(http, { store, authenticate });
  registerTranscriptRoutes(http, { store, authenticate });
  registerRoutingRoutes(http, { store, authenticate });
  const mailboxAdmin = new MailboxAdmin({ store, mail, secrets, onChanged: () => email.changed() });
  const adminRoutes = registerAdminRoutes(http, { store, authenticate, onChanged: (change) => routing.call('configChanged', change), extraRoutes: [
      ...mailboxRoutes(mailboxAdmin),
      ...knowledgeRoutes(new KnowledgeService({ store: createPgKnowledgeStore(deps.pool), clock })),
      ...smsCampaignRoutes(new SmsCampaignService({ store, campaigns: smsCampaignStore, clock, timeZone: config.timeZone })),
      ...flowRoutes(new FlowDesigner({ flows: flowStore, engine: liveFlowEngine, catalog: flowCatalog, clock })),
      ...customerAdminRoutes({ customers, timeZone: config.timeZone, now: () => clock.now() }),
      ...addIns.adminRoutes,
    ],
  });
  registerChatRoutes(http, { chat, now: () => clock.now(), perMinute: config.chatStartsPerMinute });
  registerInternalRoutes(http, { key, owner: () => routing.ownerHandlers() });
  registerHealthRoutes(http, {
    pool: deps.pool,
    metrics,
    beforeScrape: async () => {
      // Queue figures live on the routing owner; a follower asks it (and skips them while it fails over).
      const queues = await snapshot().catch(() => []);
      for (const q of queues) metrics.queueWaiting.set({ queue: q.queueId }, q.waiting);
    },
    role: () => (leadership?.isOwner() ? 'routingOwner' : 'follower'),
    voice: () => voice.status(),
    sms: () => sms.status(),
  });
  registerVoiceRoutes(http, { store, authenticate, voice });
  registerEmailMetrics(metrics.registry, { email, mail });
  registerEmailRoutes(http, { store, authenticate, conversations: emailConversations });
  registerFlowRunRoutes(http, { store, authenticate, runs: flowRuns });
  workOrders.register(http, authenticate);
  registerCustomerRoutes(http, { store, authenticate, customers });
  registerAddInCallRoutes(http, { store, authenticate, addIns: addIns.service });
  registerAddInUiRoutes(http);
  const smsConversations = new SmsConversations({ store, sms: smsStore, channel: sms, serviceNumber: config.sms.serviceNumber, maxParts: config.sms.maxParts, clock, log: logger, onWritten: smsPush.written, metrics: smsMetrics });
  registerSmsRoutes(http, { store, authenticate, conversations: smsConversations });
  registerMailBodyRoutes(http, { tokens, mail });
  registerCannedResponseRoutes(http, { store, authenticate, picker: new CannedResponsePicker({ store, mail, clock, timeZone: config.timeZone }) });
  await registerStaticRoutes(http, { webDir: config.webDir ?? DEFAULT_WEB_DIR, log: (m) => logger.warn(m) });

  return {
    http,
    io,
    routing,
    owner,
    voice,
    email,
    mail,
    sms,
    smsCampaigns: { runner: campaigns, store: smsCampaignStore },
    flows: { store: flowStore, runs: flowRuns },
    workOrders,
    customers,
    addIns,
    adminRoutes,
    get leadership() {
      if (!leadership) throw new Error('not listening yet');
      return leadership;
    },
    nodeId,
    async listen() {
      const address = await http.listen({ host: config.host, port: config.port });
      // The lease names where other nodes reach us, so it is taken once we listen.
      const port = (http.server.address() as AddressInfo).port;
      leadership = new RoutingLeadership({
        leases: store.leases,
        holder: { nodeId, url: config.nodeUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}` },
        ttlMs: config.leaseTtlMs,
        log: logger,
        onAcquired: () => owner.takeOver(),
        onLost: () => owner.giveUp(),
      });
      await leadership.start();
      return address;
    },
    async close() {
      // Hand routing over first, so another node takes it at once instead of after the lease expires.
      await leadership?.stop();
      await owner.giveUp();
      supervisorFeed.stop();
      await io.close();
      await http.close();
      await redis?.close();
    },
  };
}
