// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KnowledgeArticle, KnowledgeSearchResult } from '@omnicc/shared';
import { matchShortcut } from '../../keyboard/shortcuts.js';
import { useSessionStore } from '../../stores/sessionStore.js';
import { useUiStore } from '../../stores/uiStore.js';
import { TEST_IDS } from '../../testIds.js';
import { flush } from '../../testing/fakes.js';
import { makeInteraction, makeSession, uuid } from '../../testing/fixtures.js';
import { renderApp } from '../../testing/renderApp.js';
import { resetAllStores } from '../../testing/reset.js';
import { setKnowledgeApi, type KnowledgeApi } from './knowledgeApi.js';
import { passages } from './KnowledgeArticleView.js';
import { KNOWLEDGE_TEST_IDS, useKnowledgePanel } from './knowledgePanelStore.js';
import { SEARCH_DEBOUNCE_MS } from './useKnowledgeSearch.js';

const ARTICLE_ID = uuid(501);
const RESULT: KnowledgeSearchResult = {
  total: 1,
  items: [
    {
      id: ARTICLE_ID,
      // A title holding markup-like text: it must show as text, only the ranges become <mark>.
      title: { text: '宽带无法上网故障排查 <b>x</b>', ranges: [{ start: 0, length: 2 }, { start: 6, length: 2 }] },
      snippet: { text: '…宽带完全无法上网时，先请客户查看光猫指示灯', ranges: [{ start: 1, length: 2 }] },
      categoryPath: [{ id: uuid(601), nameZh: '宽带', nameEn: 'Broadband' }],
      language: 'zh-CN',
      tags: ['宽带'],
      score: 1.1,
    },
  ],
};
const ARTICLE: KnowledgeArticle = {
  id: ARTICLE_ID,
  categoryId: uuid(601),
  categoryPath: [{ id: uuid(601), nameZh: '宽带', nameEn: 'Broadband' }],
  title: '宽带无法上网故障排查',
  body: '先请客户查看光猫指示灯。\n\n仍无法上网的，登记故障申告工单。',
  format: 'text',
  language: 'zh-CN',
  tags: ['宽带'],
  status: 'published',
  version: 1,
  updatedAt: new Date().toISOString(),
  views: 3,
  helpful: 0,
  notHelpful: 0,
};

/** A fake client; `queries` lists what each search asked for, in order. */
function fakeKnowledge(search: KnowledgeApi['search'] = () => Promise.resolve(RESULT)) {
  const queries: string[] = [];
  const api = {
    search: (token: string, query: { q: string }, signal?: AbortSignal) => {
      queries.push(query.q);
      return search(token, query, signal);
    },
    article: vi.fn(() => Promise.resolve(ARTICLE)),
    feedback: vi.fn(() => Promise.resolve({ helpful: 1, notHelpful: 0 })),
  };
  setKnowledgeApi(api);
  return { ...api, queries };
}

/** The desk with one chat in progress (interaction 1). */
async function deskWithChat(language: 'en' | 'zh-CN' = 'zh-CN', channel: 'chat' | 'voice' = 'chat') {
  useSessionStore.getState().signIn(makeSession());
  const { socket } = renderApp({ language });
  socket.handle('agent:snapshot', () => ({ ok: true, value: { status: 'ready', chosen: 'ready', statusSince: new Date().toISOString(), offers: [], interactions: [makeInteraction(1, { channel })], messages: {} } }));
  socket.handle('chat:read', () => ({ ok: true, value: null }));
  await act(async () => {
    socket.open();
    await flush();
  });
}

describe('the knowledge panel', () => {
  beforeEach(() => {
    resetAllStores();
    useKnowledgePanel.setState({ openFor: null, lastQuery: '' });
  });
  afterEach(() => {
    cleanup();
    setKnowledgeApi(undefined);
    vi.useRealTimers();
  });

  it('is Alt+L', () => {
    expect(matchShortcut({ key: '¬', code: 'KeyL', altKey: true, ctrlKey: false, metaKey: false, shiftKey: false })).toEqual({ type: 'knowledge' });
  });

  it('opens with Alt+L, searches once typing pauses, marks the matched words without reading HTML, and inserts a passage into the draft', async () => {
    const api = fakeKnowledge();
    await deskWithChat();
    useUiStore.getState().setDraft(uuid(1), '您好');
    await userEvent.keyboard('{Alt>}l{/Alt}');
    const search = await screen.findByTestId(KNOWLEDGE_TEST_IDS.search);
    expect(document.activeElement).toBe(search);
    await userEvent.type(search, '宽带 故障');
    const hit = await screen.findByTestId(KNOWLEDGE_TEST_IDS.result);
    // Typing fired one search, for the whole query (the earlier ones were debounced away).
    expect(api.queries).toEqual(['宽带 故障']);
    expect([...hit.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['宽带', '故障', '宽带']);
    expect(hit.querySelector('b')).toBeNull();
    expect(hit.textContent).toContain('<b>x</b>');
    await userEvent.keyboard('{Enter}');
    const article = await screen.findByTestId(KNOWLEDGE_TEST_IDS.article);
    expect(article.querySelector('.knowledge__path')?.textContent).toBe('宽带');
    await userEvent.click(screen.getAllByTestId(KNOWLEDGE_TEST_IDS.insertPassage)[1]!);
    expect(screen.queryByTestId(KNOWLEDGE_TEST_IDS.dialog)).toBeNull();
    expect(useUiStore.getState().drafts[uuid(1)]).toBe('您好\n\n仍无法上网的，登记故障申告工单。');
    expect(document.activeElement).toBe(screen.getByTestId(TEST_IDS.composer));
  });

  it('aborts the search the agent typed past and shows only the newest answer', async () => {
    const signals: AbortSignal[] = [];
    let answer: (r: KnowledgeSearchResult) => void = () => undefined;
    const api = fakeKnowledge((_t, q, signal) => {
      signals.push(signal!);
      return q.q === '宽带' ? new Promise<KnowledgeSearchResult>((resolve) => (answer = resolve)) : Promise.resolve({ total: 0, items: [] });
    });
    await deskWithChat('en');
    act(() => useKnowledgePanel.getState().open(uuid(1)));
    const search = await screen.findByTestId(KNOWLEDGE_TEST_IDS.search);
    await userEvent.type(search, '宽带');
    await act(() => new Promise((r) => setTimeout(r, SEARCH_DEBOUNCE_MS + 50)));
    await userEvent.type(search, 'x');
    await act(() => new Promise((r) => setTimeout(r, SEARCH_DEBOUNCE_MS + 50)));
    expect(api.queries).toEqual(['宽带', '宽带x']);
    expect(signals[0]?.aborted).toBe(true);
    await act(async () => {
      answer(RESULT);
      await flush();
    });
    expect(screen.queryByTestId(KNOWLEDGE_TEST_IDS.result)).toBeNull();
    expect(screen.getByText('0 articles found')).toBeTruthy();
  });

  it('rates an article, and offers no insertion during a call (nothing to insert into)', async () => {
    const api = fakeKnowledge();
    await deskWithChat('en', 'voice');
    act(() => useKnowledgePanel.getState().open(uuid(1)));
    await userEvent.type(await screen.findByTestId(KNOWLEDGE_TEST_IDS.search), 'broadband');
    await userEvent.click(await screen.findByTestId(KNOWLEDGE_TEST_IDS.result));
    await screen.findByTestId(KNOWLEDGE_TEST_IDS.article);
    expect(screen.queryByTestId(KNOWLEDGE_TEST_IDS.insertPassage)).toBeNull();
    await userEvent.click(screen.getByTestId(KNOWLEDGE_TEST_IDS.helpful));
    expect(api.feedback).toHaveBeenCalledWith(expect.any(String), ARTICLE_ID, true);
    expect(await screen.findByText('Thank you, your rating is saved.')).toBeTruthy();
    expect(screen.getByTestId(KNOWLEDGE_TEST_IDS.helpful).getAttribute('aria-pressed')).toBe('true');
  });

  it('splits a body into passages at blank lines, else at line breaks', () => {
    expect(passages('a\n\nb\nc')).toEqual(['a', 'b\nc']);
    expect(passages('a\nb')).toEqual(['a', 'b']);
    expect(passages('  one  ')).toEqual(['one']);
  });
});
