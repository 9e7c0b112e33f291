import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import './Dialog.css';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  /** Escape, the close button, or the overlay (when allowed). */
  onClose: () => void;
  closeLabel: string;
  children: ReactNode;
  /** Element to focus first; defaults to the first focusable one. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** Clicking outside closes: fine for help, not for forms that hold typed text. */
  closeOnOverlay?: boolean | undefined;
  testId?: string | undefined;
  className?: string | undefined;
}

/**
 * Modal dialog: focus moves in, Tab stays inside, Escape closes, and focus
 * returns to where it came from. A div with role=dialog rather than
 * <dialog>, so it behaves the same in jsdom tests and in every browser.
 */
export function Dialog(props: DialogProps) {
  const { title, onClose, closeLabel, children, initialFocusRef, closeOnOverlay = false } = props;
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = initialFocusRef?.current ?? panel.current?.querySelector<HTMLElement>(FOCUSABLE) ?? panel.current;
    first?.focus();
    return () => {
      // The opener may be gone (e.g. the conversation closed); then focus stays where the browser puts it.
      if (previous?.isConnected) previous.focus();
    };
    // Focus once on open only; re-running on each render would steal focus from the fields.
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !panel.current) return;
    const items = Array.from(panel.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div
      className="omni-dialog__overlay"
      onMouseDown={(e) => {
        if (closeOnOverlay && e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={panel}
        className={`omni-dialog${props.className ? ` ${props.className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={props.testId}
      >
        <div className="omni-dialog__header">
          <h2 id={titleId} className="omni-dialog__title">
            {title}
          </h2>
          <button type="button" className="omni-dialog__close" onClick={onClose} aria-label={closeLabel}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
