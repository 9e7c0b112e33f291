import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { diffFlows, type FlowDocument } from '@omnicc/flows';
import { FLOW_TEST_IDS as ID } from './testIds.js';
import { SAMPLE_FLOW } from './testing/fixtures.js';
import { renderDesigner } from './testing/renderDesigner.js';

afterEach(cleanup);

const nodeEl = (id: string) => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`)!;
const tab = (name: string) => document.querySelector<HTMLElement>(`[data-testid="${ID.tab}"][data-tab="${name}"]`)!;

describe('FlowDesigner', () => {
  it('draws a node per flow node with its kind, caption and ports', () => {
    renderDesigner();
    const n4 = screen.getAllByTestId(ID.node).find((n) => n.dataset.nodeId === 'n4')!;
    expect(n4.dataset.kind).toBe('addInCall');
    expect(n4.textContent).toContain('Balance');
    expect(n4.textContent).toContain('Billing (BSS) · lookupAccount');
    expect(within(n4).getAllByTestId(ID.handle).map((h) => h.dataset.port)).toEqual(['in', 'ok', 'timeout', 'error']);
  });

  it('edits a node through its property form, and undoes and redoes the edit', async () => {
    const user = userEvent.setup();
    const { doc } = renderDesigner();
    fireEvent.click(nodeEl('n2'));
    const text = await screen.findByTestId(ID.propText);
    await user.clear(text);
    await user.type(text, 'Hi');
    const script = () => doc().nodes.find((n) => n.id === 'n2');
    expect(script()).toMatchObject({ text: 'Hi' });
    // Typing in one field within a second is one undo step.
    fireEvent.click(screen.getByTestId(ID.undo));
    expect(script()).toMatchObject({ text: 'Hello {{customer.name}}, sorry about your broadband.' });
    fireEvent.click(screen.getByTestId(ID.redo));
    expect(script()).toMatchObject({ text: 'Hi' });
    fireEvent.keyDown(nodeEl('n2'), { key: 'z', ctrlKey: true });
    expect(script()).toMatchObject({ text: 'Hello {{customer.name}}, sorry about your broadband.' });
    fireEvent.keyDown(nodeEl('n2'), { key: 'y', ctrlKey: true });
    expect(script()).toMatchObject({ text: 'Hi' });
  });

  it('edits an edge guard, priority and label', async () => {
    const user = userEvent.setup();
    const { doc } = renderDesigner();
    fireEvent.click(document.querySelector('.react-flow__edge[data-id="e6"]')!);
    await user.type(await screen.findByTestId(ID.edgeGuard), 'balance >= 0');
    await user.type(screen.getByTestId(ID.edgeLabelInput), 'paid');
    expect(doc().edges.find((e) => e.id === 'e6')).toMatchObject({ guard: 'balance >= 0', label: 'paid', priority: 1 });
  });

  it('copies selected nodes with the edges between them and pastes them with fresh ids', () => {
    const { doc } = renderDesigner();
    fireEvent.click(nodeEl('n2'));
    // React Flow reads the multi-selection key from key events, not from the click.
    fireEvent.keyDown(document, { key: 'Control' });
    fireEvent.click(nodeEl('n3'), { ctrlKey: true });
    fireEvent.keyUp(document, { key: 'Control' });
    fireEvent.keyDown(nodeEl('n3'), { key: 'c', ctrlKey: true });
    fireEvent.keyDown(nodeEl('n3'), { key: 'v', ctrlKey: true });
    const added = doc().nodes.slice(-2);
    expect(added.map((n) => [n.id, n.kind, n.position])).toEqual([
      ['n10', 'script', { x: 40, y: 150 }],
      ['n11', 'ask', { x: 40, y: 270 }],
    ]);
    expect(doc().edges.at(-1)).toMatchObject({ id: 'e10', source: 'n10', target: 'n11', sourcePort: 'out' });
  });

  it('deletes the selection with its edges, but not while typing in a field', async () => {
    const { doc } = renderDesigner();
    fireEvent.click(nodeEl('n9'));
    const label = await screen.findByTestId(ID.propLabel);
    fireEvent.keyDown(label, { key: 'Backspace' });
    expect(doc().nodes.some((n) => n.id === 'n9')).toBe(true);
    fireEvent.keyDown(nodeEl('n9'), { key: 'Delete' });
    expect(doc().nodes.some((n) => n.id === 'n9')).toBe(false);
    expect(doc().edges.some((e) => e.target === 'n9')).toBe(false);
  });

  it('adds a node from the palette with Enter and selects it', async () => {
    const { doc } = renderDesigner();
    const item = screen.getAllByTestId(ID.paletteItem).find((b) => b.dataset.kind === 'waitReply')!;
    fireEvent.keyDown(item, { key: 'Enter' });
    expect(doc().nodes.at(-1)).toMatchObject({ id: 'n10', kind: 'waitReply', timeoutSeconds: 300 });
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>(ID.waitTimeout).value).toBe('300'));
  });

  it('connects the selected node to another by keyboard', async () => {
    const user = userEvent.setup();
    const { doc } = renderDesigner();
    fireEvent.click(nodeEl('n6'));
    fireEvent.keyDown(nodeEl('n6'), { key: 'c' });
    const dialog = await screen.findByTestId(ID.connectDialog);
    await user.selectOptions(within(dialog).getByTestId(ID.connectPort), 'error');
    await user.selectOptions(within(dialog).getByTestId(ID.connectTarget), 'n9');
    fireEvent.keyDown(within(dialog).getByTestId(ID.connectTarget), { key: 'Enter' });
    expect(doc().edges.at(-1)).toMatchObject({ id: 'e10', source: 'n6', sourcePort: 'error', target: 'n9' });
    expect(screen.queryByTestId(ID.connectDialog)).toBeNull();
  });

  it('refuses a connection out of a terminal node', async () => {
    renderDesigner();
    fireEvent.click(nodeEl('n7'));
    fireEvent.keyDown(nodeEl('n7'), { key: 'c' });
    expect((await screen.findByTestId(ID.connectDialog)).textContent).toContain('This node ends the flow');
  });

  it('moves between nodes with arrows and moves the node with Shift+arrows', () => {
    const { doc } = renderDesigner();
    act(() => nodeEl('n2').focus());
    fireEvent.keyDown(nodeEl('n2'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(nodeEl('n3'));
    fireEvent.keyDown(nodeEl('n3'), { key: 'ArrowRight', shiftKey: true });
    expect(doc().nodes.find((n) => n.id === 'n3')?.position).toEqual({ x: 16, y: 230 });
  });

  it('lists problems, and a click on one selects its node', async () => {
    const { doc } = renderDesigner();
    fireEvent.click(tab('problems'));
    const problem = await screen.findByTestId(ID.problem);
    expect(problem.dataset.nodeId).toBe('n6');
    expect(problem.dataset.code).toBe('port-not-connected');
    fireEvent.click(problem);
    fireEvent.click(tab('properties'));
    expect((await screen.findByTestId<HTMLSelectElement>(ID.workOrderType)).value).toBe('faultReport');
    expect(doc().nodes).toHaveLength(9);
  });

  it('shows a node’s problems as a badge on the canvas', async () => {
    renderDesigner();
    await waitFor(() => expect(within(nodeEl('n6')).getByTestId(ID.nodeBadge).dataset.severity).toBe('error'));
  });

  it('draws a diff: added green, changed amber, removed as ghosts, and lists it', () => {
    const base: FlowDocument = {
      ...SAMPLE_FLOW,
      nodes: [...SAMPLE_FLOW.nodes.filter((n) => n.id !== 'n8').map((n) => (n.id === 'n5' ? { ...n, label: 'Old' } : n)), { id: 'n10', kind: 'script', position: { x: 300, y: 230 }, text: 'Old' }],
      edges: [...SAMPLE_FLOW.edges.filter((e) => e.id !== 'e5'), { id: 'e10', source: 'n3', sourcePort: 'out', target: 'n10' }],
    };
    renderDesigner({ diff: diffFlows(base, SAMPLE_FLOW), diffBase: base });
    const diffOf = (id: string) => screen.getAllByTestId(ID.node).find((n) => n.dataset.nodeId === id)?.dataset.diff;
    expect([diffOf('n8'), diffOf('n5'), diffOf('n10'), diffOf('n2')]).toEqual(['added', 'changed', 'removed', undefined]);
    expect(document.querySelector('.react-flow__edge[data-id="e5"] path')?.getAttribute('class')).toContain('fd-edge--added');
    expect(document.querySelector('.react-flow__edge[data-id="ghost:e10"] path')?.getAttribute('class')).toContain('fd-edge--removed');
    const items = screen.getAllByTestId(ID.diffItem);
    expect(items.map((i) => i.dataset.status)).toEqual(['added', 'changed', 'removed', 'added', 'removed']);
    expect(items[1]!.textContent).toContain('label');
    // A click on a removed node selects its ghost.
    fireEvent.click(items[2]!);
    expect(nodeEl('ghost:n10').classList.contains('selected')).toBe(true);
  });
});
