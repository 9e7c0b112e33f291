// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkOrderDetail, WorkOrderSummary } from '@omnicc/shared';
import { createI18n, type Language } from '../../i18n/index.js';
import { ApiError } from '../../network/http.js';
import type { WorkOrdersApi } from '../../network/workOrdersApi.js';
import { AGENT_ID, makeInteraction, makeSession } from '../../testing/fixtures.js';
import { useSessionStore } from '../../stores/sessionStore.js';
import { CreateWorkOrderDialog } from './CreateWorkOrderDialog.js';
import { act } from 'react';
import { useWorkOrderAlerts } from './workOrderAlerts.js';
import { WorkOrdersApiContext } from './workOrdersContext.js';
import { WorkOrdersWorkspace } from './WorkOrdersWorkspace.js';
import { WORK_ORDER_TEST_IDS as IDS } from './workOrderTestIds.js';

const summary = (n: number, over: Partial<WorkOrderSummary> = {}): WorkOrderSummary => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  number: `WO-20261125-000${n}`,
  type: 'faultReport',
  state: 'requested',
  priority: 'normal',
  acceptDueAt: '2026-11-25T02:00:00.000Z',
  resolveDueAt: '2026-11-26T00:00:00.000Z',
  sla: 'ok',
  warned: false,
  escalated: false,
  version: 1,
  createdAt: '2026-11-25T00:00:00.000Z',
  updatedAt: '2026-11-25T00:00:00.000Z',
  summary: '无法上网',
  ...over,
});
const detail = (s: WorkOrderSummary, over: Partial<WorkOrderDetail> = {}): WorkOrderDetail => ({
  ...s,
  fields: { account: 'bb-1', faultKind: '无法上网', contactPhone: '13800138000' },
  origin: { kind: 'manual' },
  interactionIds: [],
  history: [{ id: 1, kind: 'created', at: s.createdAt, by: { id: 'u1', displayName: '李娜' }, to: 'requested' }],
  allowedMoves: s.state === 'requested' ? ['accepted', 'rejected', 'cancelled'] : s.state === 'accepted' ? ['processing', 'cancelled'] : ['feedback', 'cancelled'],
  ...over,
});

function fakeApi(over: Partial<WorkOrdersApi> = {}): WorkOrdersApi {
  const never = () => Promise.reject(new ApiError('INTERNAL', 'not in this test'));
  return { list: never, get: never, create: never, move: never, assign: never, note: never, feedback: never, ...over };
}

function renderWith(api: WorkOrdersApi, node: ReactNode, language: Language = 'en') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <WorkOrdersApiContext.Provider value={api}>{node}</WorkOrdersApiContext.Provider>
    </I18nextProvider>,
  );
}

describe('work-order workspace', () => {
  afterEach(() => cleanup());

  it('lists open orders with overdue ones marked in words, and opens them by keyboard', async () => {
    const rows = [summary(1, { sla: 'overdue', escalated: true }), summary(2, { state: 'accepted' })];
    const list = vi.fn(() => Promise.resolve({ items: rows, total: 2 }));
    const get = vi.fn((_t: string, id: string) => Promise.resolve(detail(rows.find((r) => r.id === id)!)));
    renderWith(fakeApi({ list, get }), <WorkOrdersWorkspace />);
    const listbox = await screen.findByTestId(IDS.list);
    expect(list).toHaveBeenCalledWith(expect.any(String), { state: ['requested', 'accepted', 'processing', 'feedback'], limit: 50 });
    const first = within(listbox).getAllByTestId(IDS.row)[0]!;
    expect(first.textContent).toContain('Overdue');
    expect(first.textContent).toContain('Escalated');
    listbox.focus();
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(screen.getByTestId(IDS.number).textContent).toBe('WO-20261125-0001'));
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(screen.getByTestId(IDS.number).textContent).toBe('WO-20261125-0002'));
    expect(screen.getByTestId(IDS.state).textContent).toBe('Accepted');
    expect(screen.getByTestId(`${IDS.movePrefix}processing`)).toBeTruthy();
    expect(screen.queryByTestId(`${IDS.movePrefix}closed`)).toBeNull();
  });

  it('lets the user take an order: assigned to them at the version they saw', async () => {
    useSessionStore.getState().signIn(makeSession());
    const row = summary(1);
    const assign = vi.fn(() => Promise.resolve(detail(row, { assignee: { id: AGENT_ID, displayName: '李娜' }, version: 2 })));
    renderWith(fakeApi({ list: () => Promise.resolve({ items: [row], total: 1 }), get: () => Promise.resolve(detail(row)), assign }), <WorkOrdersWorkspace />);
    await userEvent.click(await screen.findByTestId(IDS.row));
    // An agent is not offered the reject a team lead decides.
    expect(await screen.findByTestId(`${IDS.movePrefix}accepted`)).toBeTruthy();
    expect(screen.queryByTestId(`${IDS.movePrefix}rejected`)).toBeNull();
    await userEvent.click(await screen.findByTestId(IDS.assignMe));
    expect(assign).toHaveBeenCalledWith(expect.any(String), row.id, { assigneeId: AGENT_ID, version: 1 });
    await waitFor(() => expect(screen.getByTestId(IDS.message).textContent).toBe('Now assigned to 李娜.'));
    expect(screen.queryByTestId(IDS.assignMe)).toBeNull();
  });

  it('filters by overdue and type', async () => {
    const list = vi.fn(() => Promise.resolve({ items: [], total: 0 }));
    renderWith(fakeApi({ list }), <WorkOrdersWorkspace />);
    await screen.findByText('No work orders match these filters.');
    await userEvent.click(screen.getByTestId(IDS.filterOverdue));
    await userEvent.selectOptions(screen.getByTestId(IDS.filterType), 'complaint');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith(expect.any(String), { state: ['requested', 'accepted', 'processing', 'feedback'], type: 'complaint', overdue: true, limit: 50 }));
  });

  it('says so and reloads the list when an escalation of the group is pushed', async () => {
    const list = vi.fn(() => Promise.resolve({ items: [summary(1)], total: 1 }));
    renderWith(fakeApi({ list }), <WorkOrdersWorkspace />);
    await screen.findByTestId(IDS.list);
    const calls = list.mock.calls.length;
    act(() => useWorkOrderAlerts.getState().escalated({ id: summary(1).id, number: 'WO-20261125-0001', groupId: 'team-a' }));
    expect(screen.getByTestId(IDS.escalation).textContent).toBe('WO-20261125-0001 passed its due time and was escalated.');
    await waitFor(() => expect(list.mock.calls.length).toBe(calls + 1));
  });

  it('says why a move is refused (in zh-CN), reloads the order, and asks for a reason before a cancel', async () => {
    const row = summary(1);
    const processing = detail({ ...row, state: 'processing', version: 3 });
    const move = vi.fn(() => Promise.reject(new ApiError('INVALID_TRANSITION', 'no', { from: 'processing', to: 'accepted', allowed: ['feedback', 'cancelled'] })));
    let current = detail(row);
    const get = vi.fn(() => Promise.resolve(current));
    renderWith(fakeApi({ list: () => Promise.resolve({ items: [row], total: 1 }), get, move }), <WorkOrdersWorkspace />, 'zh-CN');
    await userEvent.click(await screen.findByTestId(IDS.row));
    await screen.findByTestId(`${IDS.movePrefix}accepted`);
    current = processing;
    await userEvent.click(screen.getByTestId(`${IDS.movePrefix}accepted`));
    await waitFor(() => expect(screen.getByTestId(IDS.message).textContent).toBe('工单当前为“处理”，不能转为“受理”。可转为：反馈、撤销。'));
    expect(screen.getByTestId(IDS.state).textContent).toBe('处理');
    move.mockClear();
    await userEvent.click(screen.getByTestId(`${IDS.movePrefix}cancelled`));
    expect(move).not.toHaveBeenCalled();
    expect(screen.getByTestId(IDS.message).textContent).toBe('请先填写原因：此步骤需要说明原因。');
    expect(document.activeElement).toBe(screen.getByTestId(IDS.moveNote));
  });
});

describe('create work order dialog', () => {
  afterEach(() => cleanup());

  it("prefills the customer's phone, shows refused fields under each field, and creates with the interaction", async () => {
    const interaction = makeInteraction(1, { customer: { name: '张三', phone: '+8613800138000' } });
    const create = vi
      .fn<WorkOrdersApi['create']>()
      .mockRejectedValueOnce(new ApiError('BAD_REQUEST', 'fields', { fields: [{ field: 'account', en: 'Broadband account is required', 'zh-CN': '请填写宽带账号' }] }))
      .mockResolvedValueOnce(detail(summary(7)));
    const onCreated = vi.fn();
    renderWith(fakeApi({ create }), <CreateWorkOrderDialog interaction={interaction} onClose={() => undefined} onCreated={onCreated} />);
    expect(screen.getByTestId<HTMLInputElement>(`${IDS.fieldPrefix}contactPhone`).value).toBe('+8613800138000');
    await userEvent.type(screen.getByTestId(`${IDS.fieldPrefix}faultKind`), '无法上网');
    await userEvent.click(screen.getByTestId(IDS.createSubmit));
    expect(await screen.findByText('Broadband account is required', { selector: '.wo-create__error span, span' })).toBeTruthy();
    expect(screen.getByTestId(`${IDS.fieldPrefix}account`).getAttribute('aria-invalid')).toBe('true');
    await userEvent.type(screen.getByTestId(`${IDS.fieldPrefix}account`), 'bb-1');
    await userEvent.click(screen.getByTestId(IDS.createSubmit));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('WO-20261125-0007'));
    expect(create).toHaveBeenLastCalledWith(expect.any(String), { type: 'faultReport', fields: { account: 'bb-1', faultKind: '无法上网', contactPhone: '+8613800138000' }, interactionId: interaction.id });
  });
});
