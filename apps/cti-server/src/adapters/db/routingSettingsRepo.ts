import { eq } from 'drizzle-orm';
import { routingSettingsSchema } from '@omnicc/shared';
import type { RoutingSettingsRepository } from '../../store/Store.js';
import type { Db } from './db.js';
import { routingSettings } from './schema.js';

/**
 * The single settings row, stored as one jsonb document. Reads go through
 * the schema, so a field added to RoutingSettings later reads as its
 * default from documents stored before it existed.
 */
export function createRoutingSettingsRepo(db: Db): RoutingSettingsRepository {
  return {
    async get() {
      const [row] = await db.select().from(routingSettings).where(eq(routingSettings.id, 1));
      return routingSettingsSchema.parse(row?.settings ?? {});
    },
    async put(settings) {
      await db.insert(routingSettings).values({ id: 1, settings }).onConflictDoUpdate({ target: routingSettings.id, set: { settings } });
      return settings;
    },
  };
}
