import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { FLOW_NODE_KINDS, type FlowNodeKind } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import { KIND_LOOK } from '../model/kinds.js';
import { KindIcon } from '../canvas/KindIcon.js';
import { FLOW_TEST_IDS } from '../testIds.js';

/** Pointer travel below which a press is a click (adds in the middle), not a drag. */
const DRAG_THRESHOLD = 4;

export interface PaletteProps {
  /** A kind dropped at a screen point; the designer checks it is over the canvas. */
  onDrop: (kind: FlowNodeKind, screen: { x: number; y: number }) => void;
  /** Enter, Space or a click: add in the middle of the view. */
  onAdd: (kind: FlowNodeKind) => void;
}

type Drag = { kind: FlowNodeKind; pointerId: number; startX: number; startY: number; x: number; y: number; moved: boolean };

/**
 * The node kinds to add. Dragging uses pointer events (a captured pointer
 * and a ghost that follows it), not HTML5 drag and drop, so it works the
 * same with a mouse, a pen, a touch screen and Playwright's mouse.
 */
export function Palette({ onDrop, onAdd }: PaletteProps) {
  const { t, readOnly } = useDesigner();
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const update = (next: Drag | null): void => {
    dragRef.current = next;
    setDrag(next);
  };

  const onPointerDown = (kind: FlowNodeKind) => (e: PointerEvent<HTMLButtonElement>) => {
    if (readOnly || e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    update({ kind, pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, x: e.clientX, y: e.clientY, moved: false });
  };
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    const d = dragRef.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const moved = d.moved || Math.hypot(e.clientX - d.startX, e.clientY - d.startY) > DRAG_THRESHOLD;
    update({ ...d, x: e.clientX, y: e.clientY, moved });
  };
  const onPointerUp = (e: PointerEvent<HTMLButtonElement>) => {
    const d = dragRef.current;
    if (!d || d.pointerId !== e.pointerId) return;
    update(null);
    if (d.moved) onDrop(d.kind, { x: e.clientX, y: e.clientY });
    else onAdd(d.kind);
  };
  const onKeyDown = (kind: FlowNodeKind) => (e: KeyboardEvent<HTMLButtonElement>) => {
    if (readOnly || (e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    onAdd(kind);
  };

  return (
    <nav className="fd-palette" aria-label={t.palette.title}>
      <h2 className="fd-palette__title">{t.palette.title}</h2>
      <p className="fd-palette__hint">{t.palette.hint}</p>
      <ul className="fd-palette__list">
        {FLOW_NODE_KINDS.map((kind) => (
          <li key={kind}>
            <button
              type="button"
              className={`fd-palette__item fd-family--${KIND_LOOK[kind].family}`}
              aria-label={t.palette.add(t.kinds[kind])}
              disabled={readOnly}
              data-testid={FLOW_TEST_IDS.paletteItem}
              data-kind={kind}
              onPointerDown={onPointerDown(kind)}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerCancel={() => update(null)}
              onKeyDown={onKeyDown(kind)}
              // A click with no pointer before it (detail 0) comes from assistive technology.
              onClick={(e) => e.detail === 0 && !readOnly && onAdd(kind)}
            >
              <KindIcon kind={kind} />
              <span>{t.kinds[kind]}</span>
            </button>
          </li>
        ))}
      </ul>
      {drag?.moved && (
        <div className={`fd-drag-ghost fd-family--${KIND_LOOK[drag.kind].family}`} style={{ left: drag.x, top: drag.y }} aria-hidden="true" data-testid={FLOW_TEST_IDS.dragGhost}>
          <KindIcon kind={drag.kind} />
          {t.kinds[drag.kind]}
        </div>
      )}
    </nav>
  );
}
