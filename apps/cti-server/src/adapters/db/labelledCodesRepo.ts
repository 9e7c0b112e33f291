import { asc, eq } from 'drizzle-orm';
import { AppError } from '@omnicc/shared';
import type { CodedRepository } from '../../store/Store.js';
import type { Db, Tx } from './db.js';
import { paged } from './paging.js';
import { PG, translating } from './pgErrors.js';
import type { dispositions, notReadyReasons, skills } from './schema.js';

/** Tables of shape (code, label_en, label_zh, seq). */
type LabelledTable = typeof skills | typeof notReadyReasons | typeof dispositions;

/** A code with labels in both UI languages: a Skill and a DictionaryEntry alike. */
export interface Labelled {
  code: string;
  labels: { en: string; 'zh-CN': string };
}

export interface LabelledOptions {
  /** Singular noun for messages ("skill"). */
  what: string;
  /**
   * Describes what still refers to the code ("queues a, b"), or returns
   * nothing when it is free to delete. Runs in the delete's transaction.
   */
  referencedBy?: (tx: Tx, code: string) => Promise<string | undefined>;
}

const toEntry = (r: LabelledTable['$inferSelect']): Labelled => ({ code: r.code, labels: { en: r.labelEn, 'zh-CN': r.labelZh } });

/**
 * CRUD over one code table, listed in the order codes were first added
 * (`seq`, which an update leaves alone).
 */
export function createLabelledCodesRepo(db: Db, table: LabelledTable, options: LabelledOptions): CodedRepository<Labelled> {
  const { what } = options;
  const notFound = (code: string) => new AppError('NOT_FOUND', `${what} ${code} not found`);
  return {
    list: (page) =>
      paged(
        page,
        async (limit, offset) => (await db.select().from(table).orderBy(asc(table.seq)).limit(limit).offset(offset)).map(toEntry),
        () => db.$count(table),
      ),

    async get(code) {
      const [row] = await db.select().from(table).where(eq(table.code, code));
      return row && toEntry(row);
    },

    async create(entry) {
      const [row] = await translating(
        () => db.insert(table).values({ code: entry.code, labelEn: entry.labels.en, labelZh: entry.labels['zh-CN'] }).returning(),
        { [PG.uniqueViolation]: ['CONFLICT', `${what} ${entry.code} already exists`] },
      );
      if (!row) throw new Error('insert returned no row');
      return toEntry(row);
    },

    async update(entry) {
      const [row] = await db
        .update(table)
        .set({ labelEn: entry.labels.en, labelZh: entry.labels['zh-CN'] })
        .where(eq(table.code, entry.code))
        .returning();
      if (!row) throw notFound(entry.code);
      return toEntry(row);
    },

    async delete(code) {
      await translating(
        () =>
          db.transaction(async (tx) => {
            // Lock the row first: a concurrent insert of a reference then waits for us, and its FK check fails cleanly.
            const [row] = await tx.select({ code: table.code }).from(table).where(eq(table.code, code)).for('update');
            if (!row) throw notFound(code);
            const refs = await options.referencedBy?.(tx, code);
            if (refs) throw new AppError('CONFLICT', `${what} ${code} is still used by ${refs}`);
            await tx.delete(table).where(eq(table.code, code));
          }),
        // Backstop for a reference committed between our check and the delete.
        { [PG.foreignKeyViolation]: ['CONFLICT', `${what} ${code} is still in use`] },
      );
    },
  };
}
