import { eq, inArray, sql } from 'drizzle-orm';
import type { UserRecord, UserRepository } from '../../store/Store.js';
import type { Db } from './db.js';
import { isUuid, PG, translating } from './pgErrors.js';
import { users } from './schema.js';

type Row = typeof users.$inferSelect;

const toRecord = (r: Row): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  role: r.role,
  passwordHash: r.passwordHash,
});

/** Users on the `users` table; the username is the natural key. */
export function createUsersRepo(db: Db): UserRepository {
  return {
    async findByUsername(username) {
      const [row] = await db.select().from(users).where(eq(users.username, username));
      return row && toRecord(row);
    },

    async findById(id) {
      if (!isUuid(id)) return undefined;
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row && toRecord(row);
    },

    async displayNames(ids) {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return new Map();
      const rows = await db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, valid));
      return new Map(rows.map((r) => [r.id, r.displayName]));
    },

    async upsert(user) {
      // The id of an existing user never changes: sessions and history point at it.
      const [row] = await translating(
        () =>
          db
            .insert(users)
            .values({
              ...(user.id !== undefined ? { id: user.id } : {}),
              username: user.username,
              displayName: user.displayName,
              role: user.role,
              passwordHash: user.passwordHash,
            })
            .onConflictDoUpdate({
              target: users.username,
              set: {
                displayName: sql`excluded.display_name`,
                role: sql`excluded.role`,
                passwordHash: sql`excluded.password_hash`,
              },
            })
            .returning(),
        {
          [PG.uniqueViolation]: ['CONFLICT', `user id ${user.id ?? ''} belongs to another username`],
          [PG.invalidTextRepresentation]: ['BAD_REQUEST', `user id ${user.id ?? ''} is not a uuid`],
        },
      );
      if (!row) throw new Error('upsert returned no row');
      return toRecord(row);
    },
  };
}
