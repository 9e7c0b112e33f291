import { z } from 'zod';

/**
 * Add-in manifests (docs/add-ins.md §1): what an add-in is, where it shows,
 * what it may read and which operations its server connector offers. Server
 * (registry, connector, catalog) and desktop (the iframe host) parse the
 * same schema.
 */

/**
 * The closed list of capabilities an add-in may ask for. Each one opens one
 * kind of data; nothing else is reachable from an add-in:
 * - `customer.read`: the customer's name, tier and region (no contact points);
 * - `customer.contact.read`: the customer's numbers and addresses (an MSISDN to look up);
 * - `interaction.read`: the current interaction's channel, direction and queue;
 * - `billing.read`: the connector's billing operations (balance, arrears, bills).
 */
export const ADD_IN_CAPABILITIES = ['customer.read', 'customer.contact.read', 'interaction.read', 'billing.read'] as const;
export type AddInCapability = (typeof ADD_IN_CAPABILITIES)[number];

/** Where an add-in can appear: three desktop slots and the flow node "add-in call". */
export const ADD_IN_SLOTS = ['customerCardSidebar', 'interactionToolbar', 'conversationSidePanel', 'flowAddInCall'] as const;
export type AddInSlot = (typeof ADD_IN_SLOTS)[number];

/** The connector's budget when the manifest names none (issue 8: 800 ms). */
export const DEFAULT_ADD_IN_BUDGET_MS = 800;
/** How long an answer is reused when the manifest names no TTL. */
export const DEFAULT_ADD_IN_CACHE_TTL_MS = 30_000;

/** The value types of a flow (packages/flows VALUE_TYPES): an operation's fields are what a flow node maps. */
export const ADD_IN_VALUE_TYPES = ['text', 'number', 'boolean', 'date', 'phone', 'choice'] as const;

const localizedSchema = z.object({ en: z.string().min(1).max(80), 'zh-CN': z.string().min(1).max(80) });
const capabilitySchema = z.string().min(1).max(64);

/** One typed input or output of an operation (the flows catalog's CatalogField). */
export const addInFieldSchema = z.object({
  name: z.string().regex(/^[a-z][A-Za-z0-9_]{0,47}$/, 'a lowerCamel name'),
  type: z.enum(ADD_IN_VALUE_TYPES),
  required: z.boolean(),
  label: localizedSchema.optional(),
});
export type AddInField = z.infer<typeof addInFieldSchema>;

export const addInOperationSchema = z.object({
  name: z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/, 'a lowerCamel name'),
  /** Capabilities a caller's add-in must be granted to run it. */
  capabilities: z.array(capabilitySchema).min(1).max(8),
  inputs: z.array(addInFieldSchema).max(16),
  outputs: z.array(addInFieldSchema).max(32),
  /** Overrides the connector's budget for this operation. */
  timeoutMs: z.number().int().min(50).max(10_000).optional(),
  /** Overrides the connector's cache TTL; 0 never caches. */
  cacheTtlMs: z.number().int().min(0).max(3_600_000).optional(),
});
export type AddInOperation = z.infer<typeof addInOperationSchema>;

export const addInSlotEntrySchema = z.object({
  slot: z.enum(ADD_IN_SLOTS),
  /** Path of the UI page on our server (`/add-ins/<id>/...`); absent for `flowAddInCall`. */
  entry: z.string().regex(/^\/add-ins\/[a-z][a-z0-9-]{1,39}\/[A-Za-z0-9._/-]{1,200}$/, 'a path under /add-ins/<id>/').optional(),
  /** Capabilities the page asks of the host. */
  capabilities: z.array(capabilitySchema).max(8).default([]),
});
export type AddInSlotEntry = z.infer<typeof addInSlotEntrySchema>;

export const addInConnectorSchema = z.object({
  /** Default base URL of the external system; the admin's config (or the environment) overrides it. */
  baseUrl: z.url().optional(),
  timeoutMs: z.number().int().min(50).max(10_000).default(DEFAULT_ADD_IN_BUDGET_MS),
  cacheTtlMs: z.number().int().min(0).max(3_600_000).default(DEFAULT_ADD_IN_CACHE_TTL_MS),
  operations: z.array(addInOperationSchema).min(1).max(32),
});

export const addInManifestSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'lower-case letters, digits and dashes'),
  version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'a semantic version'),
  name: localizedSchema,
  /** Every capability the add-in asks for; each must be used by a slot or an operation. */
  capabilities: z.array(capabilitySchema).max(8),
  slots: z.array(addInSlotEntrySchema).min(1).max(8),
  connector: addInConnectorSchema.optional(),
});
export type AddInManifest = z.infer<typeof addInManifestSchema>;
/** A manifest as written (defaults not yet applied). */
export type AddInManifestInput = z.input<typeof addInManifestSchema>;

/** Why a manifest is refused; `details` of the BAD_REQUEST/UNPROCESSABLE error lists them. */
export const ADD_IN_MANIFEST_PROBLEMS = ['bad-shape', 'unknown-capability', 'undeclared-capability', 'unused-capability', 'duplicate', 'slot-entry'] as const;
export interface AddInManifestProblem {
  code: (typeof ADD_IN_MANIFEST_PROBLEMS)[number];
  path: string;
  message: string;
}

const isCapability = (c: string): c is AddInCapability => (ADD_IN_CAPABILITIES as readonly string[]).includes(c);

/**
 * Parses and checks a manifest: its shape, then that every capability is
 * one of ADD_IN_CAPABILITIES, that slots and operations use only
 * capabilities the manifest asks for, that it asks for none it does not
 * use, and that names are unique and UI slots have an entry under the
 * add-in's own path.
 */
export function checkAddInManifest(input: unknown): { ok: true; manifest: AddInManifest } | { ok: false; problems: AddInManifestProblem[] } {
  const parsed = addInManifestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => ({ code: 'bad-shape', path: i.path.join('.'), message: i.message })) };
  const m = parsed.data;
  const problems: AddInManifestProblem[] = [];
  const requested = new Set(m.capabilities);
  const used = new Set<string>();
  const checkUse = (caps: readonly string[], path: string) =>
    caps.forEach((c, i) => {
      used.add(c);
      if (!isCapability(c)) problems.push({ code: 'unknown-capability', path: `${path}.${i}`, message: `unknown capability ${c}` });
      else if (!requested.has(c)) problems.push({ code: 'undeclared-capability', path: `${path}.${i}`, message: `${c} is used but not in the manifest's capabilities` });
    });
  m.capabilities.forEach((c, i) => {
    if (!isCapability(c)) problems.push({ code: 'unknown-capability', path: `capabilities.${i}`, message: `unknown capability ${c}` });
  });
  m.slots.forEach((s, i) => {
    checkUse(s.capabilities, `slots.${i}.capabilities`);
    if (s.slot === 'flowAddInCall' ? s.entry !== undefined : s.entry?.startsWith(`/add-ins/${m.id}/`) !== true) {
      problems.push({ code: 'slot-entry', path: `slots.${i}.entry`, message: s.slot === 'flowAddInCall' ? 'the flow slot has no UI entry' : `a UI slot needs an entry under /add-ins/${m.id}/` });
    }
  });
  if (new Set(m.slots.map((s) => s.slot)).size !== m.slots.length) problems.push({ code: 'duplicate', path: 'slots', message: 'a slot is listed twice' });
  const ops = m.connector?.operations ?? [];
  ops.forEach((o, i) => checkUse(o.capabilities, `connector.operations.${i}.capabilities`));
  if (new Set(ops.map((o) => o.name)).size !== ops.length) problems.push({ code: 'duplicate', path: 'connector.operations', message: 'an operation name is used twice' });
  if (m.slots.some((s) => s.slot === 'flowAddInCall') && ops.length === 0) problems.push({ code: 'slot-entry', path: 'slots', message: 'the flow slot needs connector operations' });
  m.capabilities.forEach((c, i) => {
    if (isCapability(c) && !used.has(c)) problems.push({ code: 'unused-capability', path: `capabilities.${i}`, message: `${c} is asked for but no slot or operation uses it` });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, manifest: m };
}
