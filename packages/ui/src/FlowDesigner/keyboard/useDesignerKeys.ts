import { useCallback, type KeyboardEvent } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { DesignerState } from '../model/designerStore.js';
import type { DesignerActions, Direction } from '../useDesignerActions.js';

const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
const NUDGE = 16;

/** True while the user types: keys then belong to the field, not the designer. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select, [role="combobox"], [role="listbox"] *');
}

/** The node that has keyboard focus on the canvas, if any. */
const focusedNode = (target: EventTarget | null): string | undefined =>
  target instanceof HTMLElement ? (target.closest<HTMLElement>('.react-flow__node')?.dataset.id ?? undefined) : undefined;

/** The edge that has keyboard focus (React Flow makes edges focusable; they are SVG groups). */
const focusedEdge = (target: EventTarget | null): string | undefined => (target instanceof Element ? (target.closest<SVGElement>('.react-flow__edge')?.dataset.id ?? undefined) : undefined);

export interface DesignerKeyHandlers {
  openProperties: () => void;
  openConnect: () => void;
  openShortcuts: () => void;
}

/**
 * The designer's keyboard (see the shortcut list in the messages). Handled
 * on the designer's root, so it works wherever focus is inside it, but not
 * while the user types in a field (apart from Escape, which leaves it).
 */
export function useDesignerKeys(store: StoreApi<DesignerState>, actions: DesignerActions, handlers: DesignerKeyHandlers, readOnly: boolean) {
  return useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (e.defaultPrevented) return;
      const mod = e.ctrlKey || e.metaKey;
      const onCanvas = e.target instanceof Element && e.target.closest('.react-flow') !== null;
      if (e.key === 'Escape' && !onCanvas) {
        // From a panel back to the canvas, to the selected node.
        e.preventDefault();
        actions.focusNode(store.getState().selection.nodes[0]);
        return;
      }
      if (isTyping(e.target)) return;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const handled = (): void => {
        e.preventDefault();
        e.stopPropagation();
      };
      if (mod && !e.altKey) {
        const command = key === 'z' ? (e.shiftKey ? actions.redo : actions.undo) : key === 'y' ? actions.redo : onCanvas ? { c: actions.copy, v: actions.paste, a: actions.selectAll }[key] : undefined;
        if (command) {
          handled();
          command();
        }
        return;
      }
      if (!onCanvas) return;
      const node = focusedNode(e.target);
      const edge = focusedEdge(e.target);
      const arrow = ARROWS[e.key];
      if (arrow) {
        handled();
        if (e.shiftKey && !readOnly) {
          const [dx, dy] = arrow === 'left' ? [-NUDGE, 0] : arrow === 'right' ? [NUDGE, 0] : arrow === 'up' ? [0, -NUDGE] : [0, NUDGE];
          actions.nudge(dx, dy);
        } else if (node !== undefined) actions.step(node, arrow);
        else actions.focusNode(store.getState().selection.nodes[0]);
        return;
      }
      if (e.altKey) return;
      switch (key) {
        case 'Delete':
        case 'Backspace': {
          handled();
          // Nothing selected yet: the focused node or edge is what the key means.
          const sel = store.getState().selection;
          if (sel.nodes.length + sel.edges.length === 0 && (node ?? edge) !== undefined) store.getState().select({ nodes: node !== undefined ? [node] : [], edges: edge !== undefined ? [edge] : [] });
          actions.deleteSelection();
          return;
        }
        case 'Enter':
        case 'F2':
        case ' ':
          handled();
          if (node !== undefined && !store.getState().selection.nodes.includes(node)) store.getState().select({ nodes: [node], edges: [] });
          if (edge !== undefined && !store.getState().selection.edges.includes(edge)) store.getState().select({ nodes: [], edges: [edge] });
          if (key !== ' ') handlers.openProperties();
          return;
        case 'c':
          if (readOnly) return;
          handled();
          if (node !== undefined && !store.getState().selection.nodes.includes(node)) store.getState().select({ nodes: [node], edges: [] });
          handlers.openConnect();
          return;
        case 'l':
          handled();
          actions.layout();
          return;
        case 'f':
          handled();
          actions.fit();
          return;
        case '?':
          handled();
          handlers.openShortcuts();
          return;
      }
    },
    [store, actions, handlers, readOnly],
  );
}
