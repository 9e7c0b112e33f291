import { z } from 'zod';
import { appErrorSchema } from '../errors.js';
import { idSchema } from '../model/ids.js';
import {
  agentProfileSchema,
  codeSchema,
  queueConfigSchema,
  routingSettingsSchema,
  skillSchema,
  teamSchema,
} from '../model/routing.js';

/**
 * REST contract of the admin API (`/api/admin/...`): request bodies, query
 * strings and replies. Responses reuse the model schemas of model/routing.ts.
 *
 * Request bodies are strict at every depth: an unknown field is a
 * BAD_REQUEST, not silently dropped, because in configuration a typo
 * ("overflowQueue") would otherwise store a default without anyone noticing.
 * Updates are full replaces (PUT): a defaulted field left out goes back to
 * its default.
 */

/**
 * The same schema with every nested object rejecting unknown keys.
 * Clones keep each schema's own checks (lengths, ranges, defaults).
 */
export function strictDeep<T extends z.ZodType>(schema: T): T {
  const s: z.ZodType = schema;
  if (s instanceof z.ZodObject) {
    const shape = Object.fromEntries(Object.entries(s.shape).map(([k, v]) => [k, strictDeep(v as z.ZodType)]));
    return s.clone({ ...s.def, shape, catchall: z.never() }) as unknown as T;
  }
  if (s instanceof z.ZodArray) return s.clone({ ...s.def, element: strictDeep(s.def.element as z.ZodType) }) as unknown as T;
  // One branch per wrapper: their clone() signatures do not unify.
  if (s instanceof z.ZodDefault) return s.clone({ ...s.def, innerType: strictDeep(s.def.innerType as z.ZodType) }) as unknown as T;
  if (s instanceof z.ZodPrefault) return s.clone({ ...s.def, innerType: strictDeep(s.def.innerType as z.ZodType) }) as unknown as T;
  if (s instanceof z.ZodOptional) return s.clone({ ...s.def, innerType: strictDeep(s.def.innerType as z.ZodType) }) as unknown as T;
  if (s instanceof z.ZodNullable) return s.clone({ ...s.def, innerType: strictDeep(s.def.innerType as z.ZodType) }) as unknown as T;
  if (s instanceof z.ZodRecord) return s.clone({ ...s.def, valueType: strictDeep(s.def.valueType as z.ZodType) }) as unknown as T;
  return schema;
}

/** Adds an issue for every repeated key of a list (e.g. one skill listed twice). */
function unique<T>(key: (item: T) => string, what: string) {
  return (items: readonly T[] | undefined, ctx: z.RefinementCtx, path: (string | number)[]): void => {
    const seen = new Set<string>();
    (items ?? []).forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `${what} ${k} is listed twice` });
      seen.add(k);
    });
  };
}
const uniqueSkills = unique((s: { skill: string }) => s.skill, 'skill');
const uniqueQueues = unique((q: string) => q, 'queue');

/** Error body of every failed REST call. */
export const errorBodySchema = z.object({ error: appErrorSchema });
export type ErrorBody = z.infer<typeof errorBodySchema>;

// --- Paging and path parameters ---

/** `?limit&offset` of every admin list; unknown query parameters are refused too. */
export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** One page of a list, with the total count so clients can page on. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().min(0), limit: z.number().int(), offset: z.number().int() });
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** `:id` of resources keyed by a code (queues, skills, teams, dictionary entries). */
export const codeParamsSchema = z.strictObject({ id: codeSchema });
/** `:id` of agents (user ids). */
export const uuidParamsSchema = z.strictObject({ id: idSchema });

// --- Skills and dictionary entries (not-ready reasons, wrap-up codes) ---

/** Labels in both UI languages, as the skill model has them. */
const labelsSchema = strictDeep(skillSchema.shape.labels);

export const skillCreateSchema = strictDeep(skillSchema);
export const skillUpdateSchema = z.strictObject({ labels: labelsSchema });
export type SkillUpdate = z.infer<typeof skillUpdateSchema>;

/** A reason or wrap-up code with its labels; codes follow the same rule as skill codes. */
export const dictionaryEntryCreateSchema = z.strictObject({ code: codeSchema, labels: labelsSchema });
export const dictionaryEntryUpdateSchema = z.strictObject({ labels: labelsSchema });
export type DictionaryEntryUpdate = z.infer<typeof dictionaryEntryUpdateSchema>;

// --- Queues and teams ---

const queueBody = strictDeep(queueConfigSchema);
export const queueCreateSchema = queueBody.superRefine((q, ctx) => uniqueSkills(q.requiredSkills, ctx, ['requiredSkills']));
/** PUT body: the whole config but the id, which the path names. */
export const queueUpdateSchema = queueBody.omit({ id: true }).superRefine((q, ctx) => uniqueSkills(q.requiredSkills, ctx, ['requiredSkills']));
export type QueueUpdate = z.infer<typeof queueUpdateSchema>;

const teamBody = strictDeep(teamSchema);
export const teamCreateSchema = teamBody.superRefine((t, ctx) => uniqueQueues(t.queueIds, ctx, ['queueIds']));
export const teamUpdateSchema = teamBody.omit({ id: true }).superRefine((t, ctx) => uniqueQueues(t.queueIds, ctx, ['queueIds']));
export type TeamUpdate = z.infer<typeof teamUpdateSchema>;

// --- Agents (users with role agent or teamLead, and their routing profile) ---

/** Roles the agents resource manages; supervisors and admins are not agents. */
export const AGENT_ROLES = ['agent', 'teamLead'] as const;
export const agentRoleSchema = z.enum(AGENT_ROLES);
export type AgentRole = z.infer<typeof agentRoleSchema>;

/** Lower case only, so "Alice" and "alice" cannot be two accounts. */
export const usernameSchema = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9._-]*$/);
export const passwordSchema = z.string().min(8).max(256);
const displayNameSchema = z.string().trim().min(1).max(80);

/** The profile part of an agent, as routing sees it (team, skills with levels, capacity). */
const profileShape = strictDeep(agentProfileSchema.omit({ userId: true })).shape;

export const agentProfileUpdateSchema = z
  .strictObject(profileShape)
  .superRefine((p, ctx) => uniqueSkills(p.skills, ctx, ['skills']));
export type AgentProfileUpdate = z.infer<typeof agentProfileUpdateSchema>;

const accountShape = { username: usernameSchema, displayName: displayNameSchema, role: agentRoleSchema };

/** PUT /api/admin/agents/:id: account and profile, replaced whole; the password is changed on its own route. */
export const agentUpdateSchema = z
  .strictObject({ ...accountShape, ...profileShape })
  .superRefine((a, ctx) => uniqueSkills(a.skills, ctx, ['skills']));
export type AgentUpdate = z.infer<typeof agentUpdateSchema>;

export const agentCreateSchema = z
  .strictObject({ ...accountShape, password: passwordSchema, ...profileShape })
  .superRefine((a, ctx) => uniqueSkills(a.skills, ctx, ['skills']));
export type AgentCreate = z.infer<typeof agentCreateSchema>;

export const passwordResetSchema = z.strictObject({ password: passwordSchema });

/** An agent as the admin API returns it: never the password hash. */
export const adminAgentSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: agentRoleSchema,
  teamId: codeSchema.optional(),
  skills: agentProfileSchema.shape.skills,
  capacity: agentProfileSchema.shape.capacity,
});
export type AdminAgent = z.infer<typeof adminAgentSchema>;

// --- Global routing settings ---

export const routingSettingsUpdateSchema = strictDeep(routingSettingsSchema);
