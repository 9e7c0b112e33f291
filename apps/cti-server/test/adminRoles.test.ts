import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addInManifestSchema, queueConfigSchema, ROLES, type Role } from '@omnicc/shared';
import type { AdminRoute } from '../src/features/admin/adminRoute.js';
import { ADMIN_POLICY, allowedRoles } from '../src/features/admin/policy.js';
import type { Store } from '../src/store/Store.js';
import type { MailStore } from '../src/store/MailStore.js';
import type { SmsCampaignStore } from '../src/store/SmsCampaignStore.js';
import type { FlowStore } from '../src/store/FlowStore.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { greetingFlow } from './support/flowDocs.js';
import { createAddInsRepo, type AddInsRepo } from '../src/adapters/db/addInsRepo.js';
import { probeManifest } from './support/addInManifests.js';
import { createPgKnowledgeStore } from '../src/adapters/db/knowledgeStore.js';
import type { KnowledgeStore } from '../src/store/KnowledgeStore.js';
import type { CustomerService } from '../src/features/customers/customerService.js';
import { DEFAULT_CUSTOMER_SETTINGS } from '../src/features/customers/customerSettings.js';

/** A request that succeeds when allowed; `state` reads what it would change, to prove a refused one changed nothing. */
interface Probe {
  path: string;
  body?: unknown;
  state?: () => Promise<unknown>;
}
type Case = (store: Store) => Promise<Probe>;

let seq = 0;
const fresh = (prefix: string) => `${prefix}${++seq}`;
const labels = { en: 'L', 'zh-CN': 'L' };

/** The five CRUD probes of a code-keyed resource, from how to make one and how to read it back. */
function crudCases(path: string, make: (store: Store, id: string) => Promise<unknown>, read: (store: Store, id: string) => Promise<unknown>, createBody: (id: string) => unknown, updateBody: unknown): Record<string, Case> {
  const existing = async (store: Store, prefix: string) => {
    const id = fresh(prefix);
    await make(store, id);
    return id;
  };
  return {
    [`GET ${path}`]: () => Promise.resolve({ path }),
    [`GET ${path}/:id`]: async (store) => ({ path: `${path}/${await existing(store, 'g')}` }),
    [`POST ${path}`]: (store) => {
      const id = fresh('c');
      return Promise.resolve({ path, body: createBody(id), state: () => read(store, id) });
    },
    [`PUT ${path}/:id`]: async (store) => {
      const id = await existing(store, 'u');
      return { path: `${path}/${id}`, body: updateBody, state: () => read(store, id) };
    },
    [`DELETE ${path}/:id`]: async (store) => {
      const id = await existing(store, 'd');
      return { path: `${path}/${id}`, state: () => read(store, id) };
    },
  };
}

const queue = (id: string) => queueConfigSchema.parse({ id, channel: 'chat', nameEn: id, nameZh: id });
/** The mail store of the server under test (mailboxes live beside Store). */
let mailStore: () => MailStore;
const emailQueue = async (store: Store) => {
  if (!(await store.queues.get('email-probe'))) await store.queues.upsert({ id: 'email-probe', channel: 'email', nameEn: 'E', nameZh: 'E' });
  return 'email-probe';
};
const mailServer = (s: { user: string }) => ({ host: 'mail.invalid', port: 993, tls: true, user: s.user });
/** Disabled, so no reader tries to reach the made-up host. */
const mailboxBody = (address: string, queueId: string) => ({ address, displayName: 'Probe', queueId, enabled: false, imap: { ...mailServer({ user: address }), password: 'p' }, smtp: { ...mailServer({ user: address }), password: 'p' } });
const newMailbox = async (store: Store) => {
  const queueId = await emailQueue(store);
  const address = `${fresh('box')}@omnicc.test`;
  return mailStore().mailboxes.create({ id: randomUUID(), address, displayName: 'Probe', queueId, enabled: false, autoAck: { enabled: false, template: '' }, imap: { ...mailServer({ user: address }), passwordSealed: 'sealed' }, smtp: { ...mailServer({ user: address }), passwordSealed: 'sealed' } });
};
const cannedResponse = (id: string) => ({ id, channels: ['chat' as const], language: 'en' as const, category: 'C', title: 'T', body: 'Hi {{customer.name}}', enabled: true });
/** The campaign store of the server under test (beside Store, like the mail store). */
let campaignStore: () => SmsCampaignStore;
const newCampaign = async (state: 'draft' | 'running' | 'paused' = 'draft') => {
  const c = await campaignStore().create({ name: fresh('camp'), body: 'Hi {{customer.name}}', language: 'en', ratePerSecond: 1, createdBy: campaignCreator, at: new Date().toISOString(), recipients: [{ number: '+8613800000001', state: 'pending' }] });
  if (state !== 'draft') await campaignStore().transition(c.id, ['draft'], 'running', new Date().toISOString());
  if (state === 'paused') await campaignStore().transition(c.id, ['running'], 'paused', new Date().toISOString());
  return c.id;
};
let campaignCreator = '';
const campaignState = (id: string) => async () => (await campaignStore().get(id))?.state;
const CAMPAIGNS = '/api/admin/sms-campaigns';
/** The flow store of the server under test; flows are drawn by Tina. */
let flowStore: () => FlowStore;
/** The add-in registry's table of the server under test. */
let addInsRepo: () => AddInsRepo;
const ADD_INS = '/api/admin/add-ins';
const newAddIn = async () => {
  const id = fresh('probe-');
  await addInsRepo().install(addInManifestSchema.parse(probeManifest(id)), { actorId: null, at: new Date().toISOString() });
  return id;
};
/** The customer service of the server under test (settings, RFM). */
let customerService: () => CustomerService;
const FLOWS = '/api/flows';
const BINDINGS = '/api/flow-bindings';
const flowBy = () => ({ actorId: campaignCreator, at: new Date().toISOString() });
/** A stored flow with `published` versions (each a different text), the last one live. */
const newFlow = async (published = 0) => {
  const key = fresh('flow-');
  await flowStore().flows.create(greetingFlow(key), flowBy());
  for (let v = 1; v <= published; v++) await flowStore().flows.publish(key, { revision: 1, document: greetingFlow(key, `v${v}`), hash: `h${v}`, comment: 'probe' }, flowBy());
  return key;
};
/** Binding criteria no other probe has used (one binding per set of criteria). */
const BINDING_CRITERIA = ['chat-general', 'chat-vip', 'voice-general', 'sms-general', 'email-general'].flatMap((queueId) =>
  [undefined, 'chat', 'voice', 'sms', 'email'].flatMap((channel) => [undefined, 'inbound', 'transferred'].map((interactionType) => ({ queueId, ...(channel ? { channel } : {}), ...(interactionType ? { interactionType } : {}) }))),
);
const nextCriteria = () => BINDING_CRITERIA[seq++ % BINDING_CRITERIA.length]!;
const newBinding = async () => flowStore().bindings.create({ flowKey: await newFlow(), priority: 0, ...(nextCriteria() as { queueId: string }) }, flowBy());
const newAgent = (store: Store) => store.agents.create({ username: fresh('agent'), displayName: 'A', role: 'agent', skills: [], capacity: { voice: 1, chat: 3, email: 5, sms: 5 }, passwordHash: 'x' });
/** The knowledge base of the server under test (a store on its pool); written as Tina. */
let knowledge: () => KnowledgeStore;
const KB = '/api/knowledge';
const KB_ADMIN = '/api/admin/knowledge';
const kbBy = () => ({ actorId: campaignCreator, at: new Date().toISOString() });
const newCategory = async () => (await knowledge().createCategory({ parentId: null, nameZh: fresh('类'), nameEn: fresh('cat'), order: 0 }, kbBy())).id;
const articleBody = (categoryId: string) => ({ categoryId, title: fresh('宽带'), body: '宽带故障 probe', format: 'text' as const, language: 'zh-CN' as const, tags: [] });
/** A published article (drafts are not readable from the desk). */
const newArticle = async () => {
  const a = await knowledge().createArticle(articleBody(await newCategory()), kbBy());
  await knowledge().setStatus(a.id, 'published', kbBy());
  return a.id;
};

/** One probe per admin route, keyed `METHOD url` as the route table declares them. */
const CASES: Record<string, Case> = {
  ...crudCases('/api/admin/queues', (s, id) => s.queueConfigs.create(queue(id)), (s, id) => s.queueConfigs.get(id), (id) => ({ id, channel: 'chat', nameEn: id, nameZh: id }), {
    channel: 'chat',
    nameEn: 'Changed',
    nameZh: '改',
  }),
  ...crudCases('/api/admin/skills', (s, code) => s.skills.create({ code, labels }), (s, code) => s.skills.get(code), (code) => ({ code, labels }), { labels: { en: 'Changed', 'zh-CN': '改' } }),
  ...crudCases('/api/admin/teams', (s, id) => s.teams.create({ id, nameEn: id, nameZh: id, queueIds: [] }), (s, id) => s.teams.get(id), (id) => ({ id, nameEn: id, nameZh: id }), {
    nameEn: 'Changed',
    nameZh: '改',
    queueIds: ['chat-general'],
  }),
  ...crudCases('/api/admin/not-ready-reasons', (s, code) => s.notReadyReasons.create({ code, labels }), (s, code) => s.notReadyReasons.get(code), (code) => ({ code, labels }), { labels: { en: 'Changed', 'zh-CN': '改' } }),
  ...crudCases('/api/admin/wrap-up-codes', (s, code) => s.dispositions.create({ code, labels }), (s, code) => s.dispositions.get(code), (code) => ({ code, labels }), { labels: { en: 'Changed', 'zh-CN': '改' } }),
  ...crudCases('/api/admin/canned-responses', (s, id) => s.cannedResponses.create(cannedResponse(id)), (s, id) => s.cannedResponses.get(id), cannedResponse, {
    channels: ['email'],
    language: 'zh-CN',
    category: '改',
    title: '改',
    body: '{{agent.name}}',
  }),
  'GET /api/admin/agents': () => Promise.resolve({ path: '/api/admin/agents' }),
  'GET /api/admin/agents/:id': async (s) => ({ path: `/api/admin/agents/${(await newAgent(s)).id}` }),
  'POST /api/admin/agents': (s) => {
    const username = fresh('new');
    return Promise.resolve({ path: '/api/admin/agents', body: { username, displayName: 'N', role: 'agent', password: 'long enough' }, state: () => s.users.findByUsername(username) });
  },
  'PUT /api/admin/agents/:id': async (s) => {
    const a = await newAgent(s);
    return { path: `/api/admin/agents/${a.id}`, body: { username: a.username, displayName: 'Changed', role: 'teamLead' }, state: () => s.agents.get(a.id) };
  },
  'PUT /api/admin/agents/:id/profile': async (s) => {
    const a = await newAgent(s);
    return { path: `/api/admin/agents/${a.id}/profile`, body: { capacity: { voice: 0, chat: 5, email: 0, sms: 0 } }, state: () => s.agents.get(a.id) };
  },
  'PUT /api/admin/agents/:id/password': async (s) => {
    const a = await newAgent(s);
    return { path: `/api/admin/agents/${a.id}/password`, body: { password: 'a new password' }, state: async () => (await s.users.findById(a.id))?.passwordHash };
  },
  'DELETE /api/admin/agents/:id': async (s) => {
    const a = await newAgent(s);
    return { path: `/api/admin/agents/${a.id}`, state: () => s.agents.get(a.id) };
  },
  'GET /api/admin/routing-settings': () => Promise.resolve({ path: '/api/admin/routing-settings' }),
  'PUT /api/admin/routing-settings': (s) => Promise.resolve({ path: '/api/admin/routing-settings', body: { maxMissedOffers: 7 }, state: () => s.routingSettings.get() }),
  'GET /api/admin/mailboxes': () => Promise.resolve({ path: '/api/admin/mailboxes' }),
  'GET /api/admin/mailboxes/:id': async (s) => ({ path: `/api/admin/mailboxes/${(await newMailbox(s)).id}` }),
  'POST /api/admin/mailboxes': async (s) => {
    const address = `${fresh('new')}@omnicc.test`;
    return { path: '/api/admin/mailboxes', body: mailboxBody(address, await emailQueue(s)), state: async () => (await mailStore().mailboxes.list({ limit: 500, offset: 0 })).items.find((m) => m.address === address) };
  },
  'PUT /api/admin/mailboxes/:id': async (s) => {
    const m = await newMailbox(s);
    return { path: `/api/admin/mailboxes/${m.id}`, body: { ...mailboxBody(m.address, m.queueId), displayName: 'Changed' }, state: () => mailStore().mailboxes.get(m.id) };
  },
  'DELETE /api/admin/mailboxes/:id': async (s) => {
    const m = await newMailbox(s);
    return { path: `/api/admin/mailboxes/${m.id}`, state: () => mailStore().mailboxes.get(m.id) };
  },
  [`GET ${CAMPAIGNS}`]: () => Promise.resolve({ path: CAMPAIGNS }),
  [`GET ${CAMPAIGNS}/:id`]: async () => ({ path: `${CAMPAIGNS}/${await newCampaign()}` }),
  [`GET ${CAMPAIGNS}/:id/preview`]: async () => ({ path: `${CAMPAIGNS}/${await newCampaign()}/preview` }),
  [`GET ${CAMPAIGNS}/:id/recipients`]: async () => ({ path: `${CAMPAIGNS}/${await newCampaign()}/recipients` }),
  [`POST ${CAMPAIGNS}`]: () =>
    Promise.resolve({ path: CAMPAIGNS, body: { name: 'probe', body: 'Hi', ratePerSecond: 1, recipients: [{ number: '+8613800000002' }] }, state: async () => (await campaignStore().list({ limit: 1, offset: 0 })).total }),
  [`POST ${CAMPAIGNS}/:id/start`]: async () => {
    const id = await newCampaign('draft');
    return { path: `${CAMPAIGNS}/${id}/start`, state: campaignState(id) };
  },
  [`POST ${CAMPAIGNS}/:id/pause`]: async () => {
    const id = await newCampaign('running');
    return { path: `${CAMPAIGNS}/${id}/pause`, state: campaignState(id) };
  },
  [`POST ${CAMPAIGNS}/:id/resume`]: async () => {
    const id = await newCampaign('paused');
    return { path: `${CAMPAIGNS}/${id}/resume`, state: campaignState(id) };
  },
  [`POST ${CAMPAIGNS}/:id/cancel`]: async () => {
    const id = await newCampaign('draft');
    return { path: `${CAMPAIGNS}/${id}/cancel`, state: campaignState(id) };
  },
  [`GET ${FLOWS}/catalog`]: () => Promise.resolve({ path: `${FLOWS}/catalog` }),
  [`GET ${FLOWS}`]: () => Promise.resolve({ path: FLOWS }),
  [`POST ${FLOWS}`]: () => {
    const key = fresh('new-flow-');
    return Promise.resolve({ path: FLOWS, body: { document: greetingFlow(key) }, state: () => flowStore().flows.get(key) });
  },
  [`GET ${FLOWS}/:key`]: async () => ({ path: `${FLOWS}/${await newFlow()}` }),
  [`PUT ${FLOWS}/:key/draft`]: async () => {
    const key = await newFlow();
    return { path: `${FLOWS}/${key}/draft`, body: { revision: 1, document: greetingFlow(key, 'Changed') }, state: () => flowStore().flows.get(key) };
  },
  [`POST ${FLOWS}/:key/validate`]: async () => ({ path: `${FLOWS}/${await newFlow()}/validate`, body: {} }),
  [`POST ${FLOWS}/:key/tests`]: async () => ({ path: `${FLOWS}/${await newFlow()}/tests`, body: {} }),
  [`POST ${FLOWS}/:key/publish`]: async () => {
    const key = await newFlow();
    return { path: `${FLOWS}/${key}/publish`, body: { revision: 1, comment: 'probe' }, state: () => flowStore().flows.get(key) };
  },
  [`GET ${FLOWS}/:key/versions`]: async () => ({ path: `${FLOWS}/${await newFlow(1)}/versions` }),
  [`GET ${FLOWS}/:key/versions/:version`]: async () => ({ path: `${FLOWS}/${await newFlow(1)}/versions/1` }),
  [`GET ${FLOWS}/:key/diff`]: async () => ({ path: `${FLOWS}/${await newFlow(1)}/diff?from=1&to=draft` }),
  [`POST ${FLOWS}/:key/rollback`]: async () => {
    const key = await newFlow(2);
    return { path: `${FLOWS}/${key}/rollback`, body: { version: 1, comment: 'probe' }, state: () => flowStore().flows.get(key) };
  },
  'GET /api/admin/customer-settings': () => Promise.resolve({ path: '/api/admin/customer-settings' }),
  'PUT /api/admin/customer-settings': () =>
    Promise.resolve({
      path: '/api/admin/customer-settings',
      body: { ...DEFAULT_CUSTOMER_SETTINGS, warnings: { ...DEFAULT_CUSTOMER_SETTINGS.warnings, complaintCount: 3 + (seq++ % 5) } },
      state: () => customerService().settings.read(),
    }),
  'POST /api/admin/customer-rfm/run': () => Promise.resolve({ path: '/api/admin/customer-rfm/run' }),
  'GET /api/admin/customer-contracts/expiring': () => Promise.resolve({ path: '/api/admin/customer-contracts/expiring' }),
  [`GET ${KB}/search`]: () => Promise.resolve({ path: `${KB}/search?q=${encodeURIComponent('宽带 故障')}` }),
  [`GET ${KB}/categories`]: () => Promise.resolve({ path: `${KB}/categories` }),
  [`GET ${KB}/articles/:id`]: async () => ({ path: `${KB}/articles/${await newArticle()}` }),
  [`POST ${KB}/articles/:id/feedback`]: async () => ({ path: `${KB}/articles/${await newArticle()}/feedback`, body: { helpful: true } }),
  [`POST ${KB_ADMIN}/categories`]: () => {
    const nameEn = fresh('new-cat');
    return Promise.resolve({ path: `${KB_ADMIN}/categories`, body: { nameZh: '新类', nameEn }, state: async () => (await knowledge().categories()).find((c) => c.nameEn === nameEn) });
  },
  [`PUT ${KB_ADMIN}/categories/:id`]: async () => {
    const id = await newCategory();
    return { path: `${KB_ADMIN}/categories/${id}`, body: { nameZh: '改', nameEn: fresh('changed') }, state: async () => (await knowledge().categories()).find((c) => c.id === id) };
  },
  [`DELETE ${KB_ADMIN}/categories/:id`]: async () => {
    const id = await newCategory();
    return { path: `${KB_ADMIN}/categories/${id}`, state: async () => (await knowledge().categories()).find((c) => c.id === id) };
  },
  [`GET ${KB_ADMIN}/articles`]: () => Promise.resolve({ path: `${KB_ADMIN}/articles` }),
  [`GET ${KB_ADMIN}/articles/:id`]: async () => ({ path: `${KB_ADMIN}/articles/${await newArticle()}` }),
  [`POST ${KB_ADMIN}/articles`]: async () => {
    const body = articleBody(await newCategory());
    return { path: `${KB_ADMIN}/articles`, body, state: async () => (await knowledge().listArticles({ categoryId: body.categoryId, limit: 5, offset: 0 })).total };
  },
  [`PUT ${KB_ADMIN}/articles/:id`]: async () => {
    const id = await newArticle();
    const before = (await knowledge().article(id))!;
    return { path: `${KB_ADMIN}/articles/${id}`, body: { ...articleBody(before.categoryId), version: before.version }, state: () => knowledge().article(id) };
  },
  [`POST ${KB_ADMIN}/articles/:id/status`]: async () => {
    const id = await newArticle();
    return { path: `${KB_ADMIN}/articles/${id}/status`, body: { status: 'archived' }, state: () => knowledge().article(id) };
  },
  [`DELETE ${KB_ADMIN}/articles/:id`]: async () => {
    const id = await newArticle();
    return { path: `${KB_ADMIN}/articles/${id}`, state: () => knowledge().article(id) };
  },
  [`GET ${ADD_INS}`]: () => Promise.resolve({ path: ADD_INS }),
  [`GET ${ADD_INS}/:id`]: async () => ({ path: `${ADD_INS}/${await newAddIn()}` }),
  [`POST ${ADD_INS}`]: () => {
    const id = fresh('probe-');
    return Promise.resolve({ path: ADD_INS, body: { manifest: probeManifest(id) }, state: () => addInsRepo().get(id) });
  },
  [`PUT ${ADD_INS}/:id`]: async () => {
    const id = await newAddIn();
    return { path: `${ADD_INS}/${id}`, body: { enabled: true }, state: () => addInsRepo().get(id) };
  },
  [`PUT ${ADD_INS}/:id/grants`]: async () => {
    const id = await newAddIn();
    return { path: `${ADD_INS}/${id}/grants`, body: { granted: ['billing.read'] }, state: () => addInsRepo().get(id) };
  },
  [`GET ${BINDINGS}`]: () => Promise.resolve({ path: BINDINGS }),
  [`POST ${BINDINGS}`]: async () => {
    const flowKey = await newFlow();
    return { path: BINDINGS, body: { flowKey, ...nextCriteria() }, state: async () => (await flowStore().bindings.list()).filter((b) => b.flowKey === flowKey) };
  },
  [`PUT ${BINDINGS}/:id`]: async () => {
    const b = await newBinding();
    return { path: `${BINDINGS}/${b.id}`, body: { flowKey: b.flowKey, ...nextCriteria(), priority: 3 }, state: async () => (await flowStore().bindings.list()).find((x) => x.id === b.id) };
  },
  [`DELETE ${BINDINGS}/:id`]: async () => {
    const b = await newBinding();
    return { path: `${BINDINGS}/${b.id}`, state: async () => (await flowStore().bindings.list()).find((x) => x.id === b.id) };
  },
};

/** The probe's path with its id replaced by one that does not exist. */
const missing = (url: string, path: string) => {
  // Knowledge ids are UUIDs, at the route's `:id` segment.
  if (url.includes('/knowledge/')) return path.split('/').map((part, i) => (url.split('/')[i] === ':id' ? randomUUID() : part)).join('/');
  const id = url.startsWith('/api/admin/agents/') || url.startsWith('/api/admin/mailboxes/') || url.startsWith(`${BINDINGS}/`) ? randomUUID() : 'missing-one';
  const parts = path.split('/');
  // Flows and bindings live at /api/<resource>/<id>, the others at /api/admin/<resource>/<id>.
  parts[url.startsWith('/api/admin/') ? 4 : 3] = id;
  return parts.join('/');
};

/**
 * Walks the whole matrix: every admin route × every role (plus no token and
 * a forged one). Allowed: the route's success status, or 404 for an id that
 * does not exist. Not allowed: 403 FORBIDDEN, and nothing changed.
 */
describe('admin API: role matrix', () => {
  let server: TestServer;
  const tokens = new Map<Role, string>();
  let routes: (AdminRoute['doc'] & { policy: AdminRoute['policy'] })[];

  beforeAll(async () => {
    server = await startTestServer();
    routes = server.app.adminRoutes.map((r) => ({ ...r.doc, policy: r.policy }));
    mailStore = () => server.app.mail;
    campaignStore = () => server.app.smsCampaigns.store;
    flowStore = () => server.app.flows.store;
    addInsRepo = () => createAddInsRepo(server.pool);
    knowledge = () => createPgKnowledgeStore(server.pool);
    customerService = () => server.app.customers;
    campaignCreator = (await server.store.users.findByUsername('tina'))!.id;
    const users: Record<Role, string> = { agent: 'alice', teamLead: 'tina', supervisor: 'sam', admin: 'root' };
    for (const role of ROLES) tokens.set(role, (await server.login(users[role])).token);
  });
  afterAll(async () => {
    await server.close();
  });

  const send = async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as { error?: { code: string } }) : undefined };
  };

  it('has a probe for every route, and every policy entry guards some route', () => {
    expect(Object.keys(CASES).sort()).toEqual(routes.map((r) => `${r.method} ${r.url}`).sort());
    const used = new Set(routes.map((r) => `${r.policy.resource}.${r.policy.action}`));
    const declared = Object.entries(ADMIN_POLICY).flatMap(([resource, actions]) => Object.keys(actions).map((a) => `${resource}.${a}`));
    expect([...used].sort()).toEqual(declared.sort());
  });

  it('keeps the policy within its stated bounds', () => {
    for (const r of routes) {
      const roles = allowedRoles(r.policy);
      expect(roles, `${r.method} ${r.url}`).toContain('admin');
      // Agents read the code lists and the flow catalog and nothing else; team leads change only the canned responses, SMS campaigns and service flows.
      // Every role searches, reads and rates the knowledge base (POST feedback included), at /api/knowledge and nowhere else.
      if (r.policy.resource === 'knowledge') expect([r.url, roles]).toEqual([r.url, ROLES]);
      if (r.policy.resource === 'knowledge') expect(r.url.startsWith('/api/knowledge/')).toBe(true);
      if (roles.includes('agent') && r.policy.resource !== 'knowledge') expect([r.method, r.policy.resource === 'notReadyReasons' || r.policy.resource === 'wrapUpCodes' || r.url === '/api/flows/catalog']).toEqual(['GET', true]);
      if (r.method !== 'GET') expect([r.url, roles.includes('teamLead')]).toEqual([r.url, ['cannedResponses', 'smsCampaigns', 'flows', 'flowBindings', 'knowledge', 'knowledgeBase'].includes(r.policy.resource)]);
    }
    expect(allowedRoles({ resource: 'agents', action: 'updateProfile' })).toEqual(['supervisor', 'admin']);
    expect(allowedRoles({ resource: 'agents', action: 'setPassword' })).toEqual(['admin']);
    expect(allowedRoles({ resource: 'queues', action: 'delete' })).toEqual(['admin']);
    expect(allowedRoles({ resource: 'cannedResponses', action: 'update' })).toEqual(['teamLead', 'admin']);
    expect(allowedRoles({ resource: 'flows', action: 'publish' })).toEqual(['teamLead', 'admin']);
    expect(allowedRoles({ resource: 'flows', action: 'catalog' })).toEqual(['agent', 'teamLead', 'supervisor', 'admin']);
  });

  it('answers every route without a valid token with 401', async () => {
    for (const r of routes) {
      const probe = await CASES[`${r.method} ${r.url}`]!(server.store);
      for (const token of [undefined, 'not.a.token']) {
        const res = await send(r.method, probe.path, token, probe.body);
        expect([r.method, r.url, res.status, res.json?.error?.code]).toEqual([r.method, r.url, 401, 'UNAUTHENTICATED']);
      }
    }
  });

  for (const role of ROLES) {
    it(`enforces the matrix for ${role}`, async () => {
      const outcome: string[] = [];
      const expected: string[] = [];
      for (const r of routes) {
        const allowed = allowedRoles(r.policy).includes(role);
        const probe = await CASES[`${r.method} ${r.url}`]!(server.store);
        const before = await probe.state?.();
        const res = await send(r.method, probe.path, tokens.get(role), probe.body);
        outcome.push(`${r.method} ${r.url}: ${res.status} ${res.json?.error?.code ?? ''}`);
        expected.push(`${r.method} ${r.url}: ${allowed ? `${r.status} ` : '403 FORBIDDEN'}`);
        if (!allowed && probe.state) expect(await probe.state(), `${r.method} ${r.url} changed state for ${role}`).toStrictEqual(before);
        if (!/\/:(id|key)\b/.test(r.url)) continue;
        const gone = await send(r.method, missing(r.url, probe.path), tokens.get(role), probe.body);
        outcome.push(`${r.method} ${r.url} (missing id): ${gone.status} ${gone.json?.error?.code ?? ''}`);
        expected.push(`${r.method} ${r.url} (missing id): ${allowed ? '404 NOT_FOUND' : '403 FORBIDDEN'}`);
      }
      // One comparison of the whole row reads as a table when it fails.
      expect(outcome).toEqual(expected);
    });
  }
});
