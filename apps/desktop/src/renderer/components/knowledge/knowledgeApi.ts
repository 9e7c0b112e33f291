import {
  knowledgeArticleSchema,
  knowledgeFeedbackResultSchema,
  knowledgeSearchResultSchema,
  type KnowledgeArticle,
  type KnowledgeLanguage,
  type KnowledgeSearchResult,
} from '@omnicc/shared';
import { createHttp } from '../../network/http.js';

/** The knowledge base's calls from the desk (/api/knowledge; every signed-in role). */
export interface KnowledgeApi {
  /** Published articles for `q`; `signal` aborts a search the agent has typed past. */
  search(token: string, query: { q: string; language?: KnowledgeLanguage; limit?: number }, signal?: AbortSignal): Promise<KnowledgeSearchResult>;
  /** A published article (the server counts a view). */
  article(token: string, id: string): Promise<KnowledgeArticle>;
  feedback(token: string, id: string, helpful: boolean): Promise<{ helpful: number; notHelpful: number }>;
}

/** The client on `baseUrl` (the page's origin: the server serves the renderer). */
export function createKnowledgeApi(baseUrl: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): KnowledgeApi {
  // One HTTP layer per signal: the layer sets its own time limit, the caller's abort joins it.
  const http = (signal?: AbortSignal) => createHttp(baseUrl, signal ? (input, init) => fetchImpl(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }) : fetchImpl);
  const plain = http();
  return {
    search: (token, query, signal) => {
      const params = new URLSearchParams({ q: query.q, limit: String(query.limit ?? 10), ...(query.language ? { language: query.language } : {}) });
      return http(signal).call(`/api/knowledge/search?${params.toString()}`, { method: 'GET', token }, (d) => knowledgeSearchResultSchema.parse(d));
    },
    article: (token, id) => plain.call(`/api/knowledge/articles/${encodeURIComponent(id)}`, { method: 'GET', token }, (d) => knowledgeArticleSchema.parse(d)),
    feedback: (token, id, helpful) =>
      plain.call(`/api/knowledge/articles/${encodeURIComponent(id)}/feedback`, { method: 'POST', token, body: { helpful } }, (d) => knowledgeFeedbackResultSchema.parse(d)),
  };
}

let current: KnowledgeApi | undefined;

/**
 * Replaces the client (component tests pass a fake; undefined goes back to
 * the page's). Kept beside the panel so the app's Services stay as they are.
 */
export function setKnowledgeApi(api: KnowledgeApi | undefined): void {
  current = api;
}

/** The client: the one set, else the real one on the page's origin, made on first use. */
export function useKnowledgeApi(): KnowledgeApi {
  return (current ??= createKnowledgeApi(window.location.origin));
}
