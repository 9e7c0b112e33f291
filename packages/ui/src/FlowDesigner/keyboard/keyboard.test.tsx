import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_TEST_IDS as ID } from '../testIds.js';
import { renderDesigner } from '../testing/renderDesigner.js';

afterEach(cleanup);

const nodeEl = (id: string) => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`)!;

describe('designer keyboard', () => {
  it('opens the properties of the focused node with F2, and Escape goes back to it', async () => {
    renderDesigner();
    act(() => nodeEl('n8').focus());
    fireEvent.keyDown(nodeEl('n8'), { key: 'F2' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId(ID.propLabel)));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(document.activeElement).toBe(nodeEl('n8'));
  });

  it('edits a focused edge with Enter and deletes it with Delete', async () => {
    const { doc } = renderDesigner();
    const edge = document.querySelector<SVGGElement>('.react-flow__edge[data-id="e5"]')!;
    act(() => edge.focus());
    fireEvent.keyDown(edge, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>(ID.edgeGuard).value).toBe('balance < 0'));
    act(() => edge.focus());
    fireEvent.keyDown(edge, { key: 'Delete' });
    expect(doc().edges.some((e) => e.id === 'e5')).toBe(false);
  });

  it('shows the shortcut list with ?', () => {
    renderDesigner();
    act(() => nodeEl('n1').focus());
    fireEvent.keyDown(nodeEl('n1'), { key: '?' });
    expect(screen.getByTestId(ID.shortcutsDialog).textContent).toContain('Ctrl+Shift+Z / Ctrl+Y');
  });

  it('selects everything with Ctrl+A and deletes it, and undo brings it back', () => {
    const { doc } = renderDesigner();
    act(() => nodeEl('n1').focus());
    fireEvent.keyDown(nodeEl('n1'), { key: 'a', ctrlKey: true });
    fireEvent.keyDown(nodeEl('n1'), { key: 'Delete' });
    expect([doc().nodes.length, doc().edges.length]).toEqual([0, 0]);
    fireEvent.click(screen.getByTestId(ID.undo));
    expect([doc().nodes.length, doc().edges.length]).toEqual([9, 9]);
  });

  it('lays the flow out with L as one undo step', () => {
    const { doc } = renderDesigner();
    act(() => nodeEl('n1').focus());
    fireEvent.keyDown(nodeEl('n1'), { key: 'l' });
    const laid = doc();
    expect(laid.nodes.find((n) => n.id === 'n9')?.position).not.toEqual({ x: 260, y: 480 });
    fireEvent.click(screen.getByTestId(ID.undo));
    expect(doc().nodes.find((n) => n.id === 'n9')?.position).toEqual({ x: 260, y: 480 });
  });

  it('moves between panel tabs with the arrow keys', () => {
    renderDesigner();
    const tab = (name: string) => document.querySelector<HTMLElement>(`[data-testid="${ID.tab}"][data-tab="${name}"]`)!;
    act(() => tab('properties').focus());
    fireEvent.keyDown(tab('properties'), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tab('variables'));
    expect(screen.getByTestId(ID.panel).dataset.tab).toBe('variables');
  });

  it('makes no edits when read-only', () => {
    const { onChange } = renderDesigner({ readOnly: true });
    act(() => nodeEl('n2').focus());
    fireEvent.click(nodeEl('n2'));
    fireEvent.keyDown(nodeEl('n2'), { key: 'Delete' });
    fireEvent.keyDown(nodeEl('n2'), { key: 'ArrowRight', shiftKey: true });
    expect(screen.getAllByTestId(ID.paletteItem).every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect(onChange).not.toHaveBeenCalled();
  });
});
