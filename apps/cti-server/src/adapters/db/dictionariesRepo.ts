import { asc, sql } from 'drizzle-orm';
import type { DictionaryEntry } from '@omnicc/shared';
import type { DictionaryRepository } from '../../store/Store.js';
import type { Db } from './db.js';
import { dispositions, notReadyReasons } from './schema.js';

type DictionaryTable = typeof notReadyReasons | typeof dispositions;

async function list(db: Db, table: DictionaryTable): Promise<DictionaryEntry[]> {
  const rows = await db.select().from(table).orderBy(asc(table.seq));
  return rows.map((r) => ({ code: r.code, labels: { en: r.labelEn, 'zh-CN': r.labelZh } }));
}

async function upsert(db: Db, table: DictionaryTable, entries: readonly DictionaryEntry[]): Promise<void> {
  // ON CONFLICT cannot touch one row twice in a statement: keep the last entry per code.
  const byCode = new Map(entries.map((e) => [e.code, e]));
  if (byCode.size === 0) return;
  await db
    .insert(table)
    .values([...byCode.values()].map((e) => ({ code: e.code, labelEn: e.labels.en, labelZh: e.labels['zh-CN'] })))
    // `seq` is left alone on update so an edited entry keeps its place in the list.
    .onConflictDoUpdate({ target: table.code, set: { labelEn: sql`excluded.label_en`, labelZh: sql`excluded.label_zh` } });
}

/** Not-ready reasons and dispositions, each listed in the order codes were first added. */
export function createDictionariesRepo(db: Db): DictionaryRepository {
  return {
    async get() {
      const [reasons, disps] = await Promise.all([list(db, notReadyReasons), list(db, dispositions)]);
      return { notReadyReasons: reasons, dispositions: disps };
    },
    upsertNotReadyReasons: (entries) => upsert(db, notReadyReasons, entries),
    upsertDispositions: (entries) => upsert(db, dispositions, entries),
  };
}
