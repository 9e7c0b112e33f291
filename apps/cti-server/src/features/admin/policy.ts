import type { Role } from '@omnicc/shared';

const ALL = ['agent', 'teamLead', 'supervisor', 'admin'] as const satisfies readonly Role[];
/** Everyone who leads or watches others' work. */
const STAFF = ['teamLead', 'supervisor', 'admin'] as const satisfies readonly Role[];
const MANAGERS = ['supervisor', 'admin'] as const satisfies readonly Role[];
const ADMIN = ['admin'] as const satisfies readonly Role[];
/** Those who keep the floor's wording (canned responses). */
const LEADS = ['teamLead', 'admin'] as const satisfies readonly Role[];

/**
 * Who may do what in the admin API: resource × action -> roles. The one
 * table the routes check (via `allowedRoles`) and the role-matrix test walks.
 *
 * - admin: everything.
 * - supervisor: reads everything; runs the floor day to day, so sets
 *   agents' team, skills and capacity (not their accounts or passwords) and
 *   keeps the not-ready and wrap-up code lists.
 * - teamLead: reads the set-up (queues, skills, teams, agents, codes) to
 *   draw flows and coach; keeps the canned responses (the team's wording),
 *   runs SMS campaigns, draws, publishes and binds service flows, keeps
 *   the knowledge base's categories and articles, and
 *   changes nothing else here.
 * - agent: reads the code lists and the flow catalog (the desktop shows
 *   them), and searches, reads and rates published knowledge articles.
 * Queues, skills, teams, routing settings, accounts and mailboxes change
 * routing for everybody, so they stay with admins.
 */
export const ADMIN_POLICY = {
  // Knowledge base (知识库): every signed-in role searches, reads and rates published articles; team leads and admins keep them.
  knowledge: { search: ALL, read: ALL, feedback: ALL, categories: ALL },
  knowledgeBase: { read: STAFF, create: LEADS, update: LEADS, publish: LEADS, delete: LEADS, createCategory: LEADS, updateCategory: LEADS, deleteCategory: LEADS },
  queues: { read: STAFF, create: ADMIN, update: ADMIN, delete: ADMIN },
  skills: { read: STAFF, create: ADMIN, update: ADMIN, delete: ADMIN },
  teams: { read: STAFF, create: ADMIN, update: ADMIN, delete: ADMIN },
  agents: { read: STAFF, create: ADMIN, update: ADMIN, updateProfile: MANAGERS, setPassword: ADMIN, delete: ADMIN },
  notReadyReasons: { read: ALL, create: MANAGERS, update: MANAGERS, delete: MANAGERS },
  wrapUpCodes: { read: ALL, create: MANAGERS, update: MANAGERS, delete: MANAGERS },
  routingSettings: { read: MANAGERS, update: ADMIN },
  // Mail accounts (hosts, users; passwords never shown): supervisors see where mail comes from, admins set it up.
  mailboxes: { read: MANAGERS, create: ADMIN, update: ADMIN, delete: ADMIN },
  // Agents get the enabled ones rendered from GET /api/canned-responses, not from here.
  cannedResponses: { read: STAFF, create: LEADS, update: LEADS, delete: LEADS },
  // SMS group send (短信群发): team leads and admins make, run and watch campaigns.
  smsCampaigns: { read: LEADS, create: LEADS, start: LEADS, pause: LEADS, resume: LEADS, cancel: LEADS },
  // Service flows (服务流程): team leads and admins draw, test, publish and roll back; everyone reads the catalog (agents see its names in the side panel).
  flows: { read: LEADS, create: LEADS, update: LEADS, publish: LEADS, rollback: LEADS, catalog: ALL },
  flowBindings: { read: LEADS, create: LEADS, update: LEADS, delete: LEADS },
  // Add-ins (插件): what reaches BSS/OSS systems and what each may read is the administrators' alone.
  addIns: { read: ADMIN, install: ADMIN, update: ADMIN, grant: ADMIN },
  // Customers (客户): supervisors read the card's rules, admins change them and run the RFM job; staff read the contract expiry list.
  customers: { readSettings: MANAGERS, updateSettings: ADMIN, runRfm: ADMIN, expiringContracts: STAFF },
} as const satisfies Record<string, Record<string, readonly Role[]>>;

export type AdminResource = keyof typeof ADMIN_POLICY;

/** A resource with one of its own actions (e.g. agents/updateProfile, not queues/updateProfile). */
export type PolicyKey = { [R in AdminResource]: { resource: R; action: keyof (typeof ADMIN_POLICY)[R] & string } }[AdminResource];

/** Roles allowed to do `action` on `resource`. */
export function allowedRoles(key: PolicyKey): readonly Role[] {
  const actions: Record<string, readonly Role[]> = ADMIN_POLICY[key.resource];
  return actions[key.action] ?? [];
}
