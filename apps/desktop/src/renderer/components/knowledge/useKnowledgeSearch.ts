import { useEffect, useState } from 'react';
import type { KnowledgeHit } from '@omnicc/shared';
import { errorCodeOf } from '../../network/commands.js';
import { useSessionStore } from '../../stores/sessionStore.js';
import { useKnowledgeApi } from './knowledgeApi.js';

/** How long typing must pause before a search goes out. */
export const SEARCH_DEBOUNCE_MS = 250;

export type SearchState =
  | { state: 'idle' }
  | { state: 'searching'; items: KnowledgeHit[] }
  | { state: 'ready'; items: KnowledgeHit[]; total: number }
  | { state: 'failed'; code: string; items: KnowledgeHit[] };

/** Whether a query has anything to search: a letter, digit or Chinese character (the server refuses the rest). */
export const searchable = (q: string): boolean => /[\p{L}\p{N}]/u.test(q);

/**
 * Searches as the agent types: once typing pauses (SEARCH_DEBOUNCE_MS), the
 * request before it is aborted, and only the newest answer is shown. The
 * previous results stay on screen while the next search runs.
 */
export function useKnowledgeSearch(q: string): SearchState {
  const api = useKnowledgeApi();
  const token = useSessionStore((s) => s.session?.token ?? '');
  const [result, setResult] = useState<SearchState>({ state: 'idle' });
  useEffect(() => {
    if (!searchable(q)) {
      setResult({ state: 'idle' });
      return;
    }
    const abort = new AbortController();
    setResult((r) => ({ state: 'searching', items: r.state === 'idle' ? [] : r.items }));
    const timer = setTimeout(() => {
      api.search(token, { q: q.trim() }, abort.signal).then(
        (found) => !abort.signal.aborted && setResult({ state: 'ready', items: found.items, total: found.total }),
        (err: unknown) => !abort.signal.aborted && setResult((r) => ({ state: 'failed', code: errorCodeOf(err), items: r.state === 'idle' ? [] : r.items })),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, token, q]);
  return result;
}
