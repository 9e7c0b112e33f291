import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FLOW_TEST_IDS as ID } from '../testIds.js';
import { renderDesigner } from '../testing/renderDesigner.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const item = (kind: string) => screen.getAllByTestId(ID.paletteItem).find((b) => b.dataset.kind === kind)!;

describe('palette', () => {
  it('drags a node kind onto the canvas with pointer events: a ghost follows, the drop adds the node there', () => {
    const { doc } = renderDesigner();
    const pane = document.querySelector<HTMLElement>('.react-flow__pane')!;
    // jsdom has no layout: say the pointer is over the pane when it is let go.
    vi.spyOn(document, 'elementFromPoint').mockReturnValue(pane);
    fireEvent.pointerDown(item('transfer'), { pointerId: 1, button: 0, clientX: 10, clientY: 10 });
    fireEvent.pointerMove(item('transfer'), { pointerId: 1, clientX: 400, clientY: 300 });
    expect(screen.getByTestId(ID.dragGhost).textContent).toContain('Transfer');
    fireEvent.pointerUp(item('transfer'), { pointerId: 1, clientX: 400, clientY: 300 });
    expect(screen.queryByTestId(ID.dragGhost)).toBeNull();
    expect(doc().nodes.at(-1)).toMatchObject({ id: 'n10', kind: 'transfer', queueId: 'general' });
  });

  it('adds nothing when the drop is outside the canvas', () => {
    const { doc } = renderDesigner();
    vi.spyOn(document, 'elementFromPoint').mockReturnValue(document.body);
    fireEvent.pointerDown(item('end'), { pointerId: 1, button: 0, clientX: 10, clientY: 10 });
    fireEvent.pointerMove(item('end'), { pointerId: 1, clientX: 60, clientY: 60 });
    fireEvent.pointerUp(item('end'), { pointerId: 1, clientX: 60, clientY: 60 });
    expect(doc().nodes).toHaveLength(9);
  });

  it('adds the node in the middle of the view on a click without a drag', () => {
    const { doc } = renderDesigner();
    fireEvent.pointerDown(item('script'), { pointerId: 1, button: 0, clientX: 10, clientY: 10 });
    fireEvent.pointerUp(item('script'), { pointerId: 1, clientX: 11, clientY: 10 });
    expect(doc().nodes.at(-1)).toMatchObject({ kind: 'script' });
  });
});
