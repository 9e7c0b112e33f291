// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../i18n/index.js';
import type { AddInsApi, SlotAddIn } from '../../network/addInsApi.js';
import { AddInFrame, ADD_IN_TEST_IDS } from './AddInFrame.js';
import { AddInSlot } from './AddInSlot.js';

const billing: SlotAddIn = { id: 'billing', version: '1.0.0', name: { en: 'Billing (BSS)', 'zh-CN': '计费系统' }, slot: 'customerCardSidebar', entry: '/add-ins/billing/ui/index.html', granted: ['customer.contact.read', 'billing.read'] };
const renderIn = (language: 'en' | 'zh-CN', ui: React.ReactElement) => render(<I18nextProvider i18n={createI18n(language)}>{ui}</I18nextProvider>);

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('AddInFrame', () => {
  it('sandboxes the page with allow-scripts only (no same origin, so no storage or token)', () => {
    renderIn('en', <AddInFrame addIn={billing} context={{}} callOperation={() => Promise.resolve({})} />);
    const frame = screen.getByTestId(ADD_IN_TEST_IDS.frame);
    expect(frame.getAttribute('sandbox')).toBe('allow-scripts');
    expect(frame.getAttribute('src')).toBe('/add-ins/billing/ui/index.html');
    expect(frame.getAttribute('title')).toBe('Add-in: Billing (BSS)');
  });

  it('shows a placeholder in the agent’s language when the page never speaks', () => {
    vi.useFakeTimers();
    renderIn('zh-CN', <AddInFrame addIn={billing} context={{}} callOperation={() => Promise.resolve({})} startTimeoutMs={3000} />);
    expect(screen.queryByTestId(ADD_IN_TEST_IDS.placeholder)).toBeNull();
    act(() => void vi.advanceTimersByTime(3000));
    expect(screen.getByTestId(ADD_IN_TEST_IDS.placeholder).textContent).toBe('计费系统暂无响应，卡片其他内容不受影响。');
    expect(screen.queryByTestId(ADD_IN_TEST_IDS.frame)).toBeNull();
  });
});

describe('AddInSlot', () => {
  it('hosts the slot’s add-ins and renders nothing when the list cannot be read', async () => {
    const api: AddInsApi = { forSlot: vi.fn(() => Promise.resolve([billing])), call: vi.fn() };
    renderIn('en', <AddInSlot slot="customerCardSidebar" context={{ interactionId: 'i1' }} api={api} />);
    expect(await screen.findByTestId(ADD_IN_TEST_IDS.frame)).toBeTruthy();
    expect(api.forSlot).toHaveBeenCalledWith(expect.any(String), 'customerCardSidebar');
    cleanup();
    const failing: AddInsApi = { forSlot: () => Promise.reject(new Error('down')), call: vi.fn() };
    const { container } = renderIn('en', <AddInSlot slot="customerCardSidebar" context={{}} api={failing} />);
    await act(() => Promise.resolve());
    expect(container.innerHTML).toBe('');
  });
});
