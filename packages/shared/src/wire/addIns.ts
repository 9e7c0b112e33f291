import { z } from 'zod';
import { addInManifestSchema } from '../model/addIns.js';

/**
 * The add-ins admin API (docs/add-ins.md §2, docs/admin-api.md): an
 * installed add-in as admins see it (its key is never returned, only
 * whether one is set), and the bodies of install, update and grants.
 */

export const addInIdParamsSchema = z.object({ id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'an add-in id') });

export const addInViewSchema = z.object({
  id: z.string(),
  version: z.string(),
  manifest: addInManifestSchema,
  enabled: z.boolean(),
  /** Granted capabilities: a subset of manifest.capabilities. */
  granted: z.array(z.string()),
  /** The configured base URL (null: the manifest's or the environment's). */
  baseUrl: z.string().nullable(),
  /** The base URL calls go to now (null: none, calls fail NOT_CONFIGURED). */
  effectiveBaseUrl: z.string().nullable(),
  hasSecret: z.boolean(),
  /** The connector's circuit breaker on this node. */
  breaker: z.enum(['closed', 'open', 'halfOpen']),
  installedAt: z.string(),
  updatedAt: z.string(),
});
export type AddInView = z.infer<typeof addInViewSchema>;

/** POST /api/admin/add-ins: install or update from a manifest (checked by checkAddInManifest; refusals are UNPROCESSABLE with the problems in details). */
export const addInInstallSchema = z.object({ manifest: z.unknown() });

/** PUT /api/admin/add-ins/:id: enable or disable, and where the connector reaches the system. */
export const addInUpdateSchema = z
  .object({
    enabled: z.boolean().optional(),
    /** null: back to the manifest's (or the environment's) URL. */
    baseUrl: z.url().max(500).nullable().optional(),
    /** The add-in's key for its system, stored sealed; null removes it. */
    secret: z.string().min(1).max(500).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type AddInUpdate = z.infer<typeof addInUpdateSchema>;

/** PUT /api/admin/add-ins/:id/grants: the granted capabilities, each one the manifest asks for. */
export const addInGrantsSchema = z.object({ granted: z.array(z.string().max(64)).max(8) });

/** GET /api/add-ins?slot=: an enabled add-in's page in a desktop slot, with the capabilities granted for it. */
export const slotAddInSchema = z.object({
  id: z.string(),
  version: z.string(),
  name: z.object({ en: z.string(), 'zh-CN': z.string() }),
  slot: z.string(),
  entry: z.string(),
  granted: z.array(z.string()),
});
export type SlotAddIn = z.infer<typeof slotAddInSchema>;
export const slotAddInListSchema = z.object({ items: z.array(slotAddInSchema) });
