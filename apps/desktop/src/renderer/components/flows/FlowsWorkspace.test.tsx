// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BROADBAND_FAULT_FLOW, type FlowDocument } from '@omnicc/flows';
import type { FlowDetail } from '@omnicc/shared';
import { ApiError } from '../../network/http.js';
import { useSessionStore } from '../../stores/sessionStore.js';
import { fakeFlowsApi } from '../../testing/fakeFlowsApi.js';
import { makeSession } from '../../testing/fixtures.js';
import { renderApp } from '../../testing/renderApp.js';
import { resetAllStores } from '../../testing/reset.js';
import { FLOWS_TEST_IDS } from './flowsTestIds.js';

// The real designer (React Flow) is tested in packages/ui; here a stand-in makes one edit and shows the host's tools.
vi.mock('@omnicc/ui/flow-designer', () => ({
  FlowDesigner: (props: { document: FlowDocument; onChange: (d: FlowDocument) => void; toolbarEnd?: unknown; readOnly?: boolean }) => (
    <div data-testid="designer" data-read-only={props.readOnly === true}>
      <span data-testid="designer-name">{props.document.name}</span>
      <button type="button" onClick={() => props.onChange({ ...props.document, name: `${props.document.name}!` })}>
        edit
      </button>
      {props.toolbarEnd as never}
    </div>
  ),
}));

const DETAIL: FlowDetail = {
  key: BROADBAND_FAULT_FLOW.key,
  name: BROADBAND_FAULT_FLOW.name,
  liveVersion: 1,
  draftRevision: 4,
  latestVersion: 1,
  updatedAt: '2026-11-25T02:00:00.000Z',
  draft: BROADBAND_FAULT_FLOW,
  diagnostics: [],
};
const { draft: _draft, diagnostics: _diagnostics, ...SUMMARY } = DETAIL;

function signInAs(role: 'agent' | 'teamLead') {
  useSessionStore.getState().signIn(makeSession({ user: { id: 'u1', username: 'lead1', displayName: '张伟', role } }));
}

describe('the flows workspace', () => {
  beforeEach(() => resetAllStores());
  afterEach(() => cleanup());

  it('is offered to team leads, not to agents', () => {
    signInAs('agent');
    const view = renderApp();
    // Agents have the desk and work orders, not the designer.
    expect(screen.queryByTestId(`${FLOWS_TEST_IDS.workspaceTabPrefix}flows`)).toBeNull();
    view.unmount();
    signInAs('teamLead');
    renderApp();
    expect(screen.getByTestId(FLOWS_TEST_IDS.workspaceNav)).toBeTruthy();
  });

  it('opens the first flow, saves an edit under the loaded revision, and keeps the desk mounted behind it', async () => {
    signInAs('teamLead');
    const saveDraft = vi.fn((_t: string, _k: string, revision: number, _document: object) => Promise.resolve({ revision: revision + 1, updatedAt: '2026-11-25T03:00:00.000Z', diagnostics: [] }));
    const flows = fakeFlowsApi({ list: () => Promise.resolve({ items: [SUMMARY] }), get: () => Promise.resolve(DETAIL), saveDraft });
    renderApp({ services: { flows } });
    await userEvent.click(screen.getByTestId(`${FLOWS_TEST_IDS.workspaceTabPrefix}flows`));
    expect(await screen.findByTestId('designer-name')).toHaveProperty('textContent', BROADBAND_FAULT_FLOW.name);
    expect(document.querySelector('.desk__workspace')?.hasAttribute('hidden')).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'edit' }));
    await waitFor(() => expect(saveDraft).toHaveBeenCalledTimes(1), { timeout: 3000 });
    expect(saveDraft.mock.calls[0]?.[2]).toBe(4);
    expect((saveDraft.mock.calls[0]?.[3] as FlowDocument).name).toBe(`${BROADBAND_FAULT_FLOW.name}!`);
    await waitFor(() => expect(screen.getByTestId(FLOWS_TEST_IDS.saveState).dataset.state).toBe('saved'));
  });

  it('lists what a refused publish names, and stays open', async () => {
    signInAs('teamLead');
    const refusal = {
      diagnostics: [{ code: 'no-end', severity: 'error', nodeId: 'n1', message: { en: 'The flow has no end.', 'zh-CN': '流程没有结束节点。' } }],
      tests: { passed: false, diagnostics: [], results: [{ testId: 't1', name: 'happy path', passed: false, path: [], variables: {}, status: 'waiting', failures: [{ code: 'path', message: { en: 'Took another path.', 'zh-CN': '路径不同。' } }] }] },
    };
    const publish = vi.fn(() => Promise.reject(new ApiError('UNPROCESSABLE', 'refused', refusal)));
    const flows = fakeFlowsApi({ list: () => Promise.resolve({ items: [SUMMARY] }), get: () => Promise.resolve(DETAIL), publish });
    renderApp({ services: { flows } });
    await userEvent.click(screen.getByTestId(`${FLOWS_TEST_IDS.workspaceTabPrefix}flows`));
    await userEvent.click(await screen.findByTestId(FLOWS_TEST_IDS.publish));
    await userEvent.type(screen.getByTestId(FLOWS_TEST_IDS.publishComment), 'first try');
    await userEvent.click(screen.getByTestId(FLOWS_TEST_IDS.publishSubmit));
    const refused = await screen.findByTestId(FLOWS_TEST_IDS.publishRefusal);
    expect(within(refused).getByText(/The flow has no end/)).toBeTruthy();
    expect(within(refused).getByText('Took another path.')).toBeTruthy();
    expect(publish).toHaveBeenCalledWith('token-1', DETAIL.key, 4, 'first try');
    expect(screen.getByTestId(FLOWS_TEST_IDS.publishDialog)).toBeTruthy();
  });

  it('creates a flow that validates from the start, refusing a key in use', async () => {
    signInAs('teamLead');
    const create = vi.fn((_t: string, document: object) => Promise.resolve({ ...DETAIL, key: 'plan-change-2', draft: document as Record<string, unknown> }));
    const flows = fakeFlowsApi({ list: () => Promise.resolve({ items: [SUMMARY] }), get: () => Promise.resolve(DETAIL), create });
    renderApp({ services: { flows } });
    await userEvent.click(screen.getByTestId(`${FLOWS_TEST_IDS.workspaceTabPrefix}flows`));
    await userEvent.click(await screen.findByTestId(FLOWS_TEST_IDS.newFlow));
    await userEvent.type(screen.getByTestId(FLOWS_TEST_IDS.newFlowName), 'Broadband fault');
    expect(screen.getByTestId<HTMLInputElement>(FLOWS_TEST_IDS.newFlowKey).value).toBe('broadband-fault');
    expect(screen.getByTestId<HTMLButtonElement>(FLOWS_TEST_IDS.newFlowSubmit).disabled).toBe(true);
    await userEvent.clear(screen.getByTestId(FLOWS_TEST_IDS.newFlowKey));
    await userEvent.type(screen.getByTestId(FLOWS_TEST_IDS.newFlowKey), 'plan-change-2');
    await userEvent.click(screen.getByTestId(FLOWS_TEST_IDS.newFlowSubmit));
    await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    const doc = create.mock.calls[0]?.[1] as FlowDocument;
    expect(doc.key).toBe('plan-change-2');
    expect(doc.nodes.map((n) => n.kind)).toEqual(['start', 'end']);
  });

  it('rolls back: makes an earlier version live again with a comment, and says so', async () => {
    signInAs('teamLead');
    const version = (n: number, live: boolean) => ({ key: DETAIL.key, version: n, hash: `h${n}`, comment: `v${n} comment`, publishedAt: '2026-11-24T08:00:00.000Z', live });
    const rollback = vi.fn(() => Promise.resolve({ ...SUMMARY, liveVersion: 1 }));
    const flows = fakeFlowsApi({
      list: () => Promise.resolve({ items: [SUMMARY] }),
      get: () => Promise.resolve(DETAIL),
      versions: () => Promise.resolve({ items: [version(1, false), version(2, true)] }),
      rollback,
    });
    renderApp({ services: { flows } });
    await userEvent.click(screen.getByTestId(`${FLOWS_TEST_IDS.workspaceTabPrefix}flows`));
    await userEvent.click(await screen.findByTestId(FLOWS_TEST_IDS.versions));
    const rows = await screen.findAllByTestId(FLOWS_TEST_IDS.versionRow);
    // Newest first; only the version that is not live offers "make live".
    expect(rows.map((r) => r.dataset.version)).toEqual(['2', '1']);
    expect(within(rows[0]!).queryByTestId(FLOWS_TEST_IDS.rollback)).toBeNull();
    await userEvent.click(within(rows[1]!).getByTestId(FLOWS_TEST_IDS.rollback));
    expect(screen.getByTestId<HTMLButtonElement>(FLOWS_TEST_IDS.rollbackSubmit).disabled).toBe(true);
    await userEvent.type(screen.getByTestId(FLOWS_TEST_IDS.rollbackComment), 'v2 sends the wrong SMS');
    await userEvent.click(screen.getByTestId(FLOWS_TEST_IDS.rollbackSubmit));
    expect(rollback).toHaveBeenCalledWith('token-1', DETAIL.key, 1, 'v2 sends the wrong SMS');
    expect(await screen.findByText('Version 1 is live again.')).toBeTruthy();
    expect(screen.queryByTestId(FLOWS_TEST_IDS.versionsDialog)).toBeNull();
  });
});

