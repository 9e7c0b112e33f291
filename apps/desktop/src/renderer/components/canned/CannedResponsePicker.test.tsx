// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CannedResponseList, CannedResponsesQuery } from '@omnicc/shared';
import { useSessionStore } from '../../stores/sessionStore.js';
import { useUiStore } from '../../stores/uiStore.js';
import { TEST_IDS } from '../../testIds.js';
import { fakeApi, flush } from '../../testing/fakes.js';
import { makeInteraction, makeSession, uuid } from '../../testing/fixtures.js';
import { renderApp } from '../../testing/renderApp.js';
import { resetAllStores } from '../../testing/reset.js';
import { matchesFilter } from './CannedResponsePicker.js';

const LIST: CannedResponseList = {
  channel: 'chat',
  interactionId: uuid(1),
  items: [
    { id: 'bill-checked', language: 'zh-CN', category: '账务', title: '账单核实', text: 'Customer 1 您好，您的账单已核实无误。', length: 20, missing: [] },
    { id: 'refund', language: 'zh-CN', category: '账务', title: '退款说明', text: '多收的费用将在下月账单中退还，工单号 {{ticket}}。', length: 26, missing: ['ticket'] },
  ],
};

describe('the canned-response picker', () => {
  beforeEach(() => resetAllStores());
  afterEach(() => cleanup());

  it('filters on every word, in title, category or text', () => {
    const [checked, refund] = LIST.items;
    expect(checked && matchesFilter(checked, '账务 核实')).toBe(true);
    expect(refund && matchesFilter(refund, '账务 核实')).toBe(false);
    expect(refund && matchesFilter(refund, 'TICKET')).toBe(true);
  });

  it('opens with Alt+Q, asks for the chat responses of the interaction, and inserts the chosen one into the draft', async () => {
    const queries: CannedResponsesQuery[] = [];
    const cannedResponses = vi.fn((_token: string, query: CannedResponsesQuery) => {
      queries.push(query);
      return Promise.resolve(LIST);
    });
    useSessionStore.getState().signIn(makeSession());
    const { socket } = renderApp({ language: 'zh-CN', services: { api: fakeApi({ cannedResponses }) } });
    socket.handle('agent:snapshot', () => ({ ok: true, value: { status: 'ready', chosen: 'ready', statusSince: new Date().toISOString(), offers: [], interactions: [makeInteraction(1)], messages: {} } }));
    socket.handle('chat:read', () => ({ ok: true, value: null }));
    await act(async () => {
      socket.open();
      await flush();
    });
    useUiStore.getState().setDraft(uuid(1), '您好');
    await userEvent.keyboard('{Alt>}q{/Alt}');
    await screen.findByTestId(TEST_IDS.cannedDialog);
    expect(queries).toEqual([{ channel: 'chat', interactionId: uuid(1), lang: 'zh-CN' }]);
    await screen.findAllByTestId(TEST_IDS.cannedOption);
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getByTestId(TEST_IDS.cannedPreview).textContent).toContain('以下内容未能自动填写：{{ticket}}');
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByTestId(TEST_IDS.cannedDialog)).toBeNull();
    expect(useUiStore.getState().drafts[uuid(1)]).toBe('您好\n\n多收的费用将在下月账单中退还，工单号 {{ticket}}。');
    expect(document.activeElement).toBe(screen.getByTestId(TEST_IDS.composer));
  });
});
