import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './MenuButton.css';

export interface MenuItem {
  id: string;
  label: string;
  /** Marks the current choice (rendered as menuitemradio). */
  checked?: boolean | undefined;
  testId?: string | undefined;
}

export interface MenuButtonProps {
  /** Visible content of the button. */
  children: ReactNode;
  items: readonly MenuItem[];
  onSelect: (id: string) => void;
  /** Shown as a disabled line when there are no items (e.g. dictionary not loaded yet). */
  emptyLabel: string;
  /** Accessible name of the menu list. */
  menuLabel: string;
  buttonClassName?: string | undefined;
  buttonTestId?: string | undefined;
  disabled?: boolean | undefined;
  keyShortcuts?: string | undefined;
}

/**
 * Button that opens a list of choices (WAI-ARIA menu button pattern): arrows
 * move, Enter picks, Escape closes and returns focus to the button.
 */
export function MenuButton(props: MenuButtonProps) {
  const { items, onSelect } = props;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    itemRefs.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent): void => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const openMenu = (): void => {
    const checked = items.findIndex((i) => i.checked);
    setActive(checked >= 0 ? checked : 0);
    setOpen(true);
  };
  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const pick = (id: string): void => {
    close(true);
    onSelect(id);
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const n = items.length;
    const moves: Record<string, () => number> = {
      ArrowDown: () => (active + 1) % Math.max(1, n),
      ArrowUp: () => (active - 1 + n) % Math.max(1, n),
      Home: () => 0,
      End: () => Math.max(0, n - 1),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      setActive(move());
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') {
      close(false);
    }
  };

  return (
    <div className="omni-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className={props.buttonClassName ?? 'omni-button'}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-keyshortcuts={props.keyShortcuts}
        disabled={props.disabled}
        data-testid={props.buttonTestId}
        onClick={() => (open ? close(false) : openMenu())}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            openMenu();
          }
        }}
      >
        {props.children}
        <span className="omni-menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open ? (
        <div id={menuId} className="omni-menu__list" role="menu" aria-label={props.menuLabel} onKeyDown={onMenuKey}>
          {items.length === 0 ? (
            <div className="omni-menu__empty" role="menuitem" aria-disabled="true" tabIndex={-1}>
              {props.emptyLabel}
            </div>
          ) : (
            items.map((item, index) => (
              <button
                key={item.id}
                ref={(el) => {
                  itemRefs.current[index] = el;
                }}
                type="button"
                className="omni-menu__item"
                role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
                aria-checked={item.checked}
                tabIndex={index === active ? 0 : -1}
                data-testid={item.testId}
                onClick={() => pick(item.id)}
              >
                <span className="omni-menu__check" aria-hidden="true">
                  {item.checked ? '✓' : ''}
                </span>
                {item.label}
              </button>
            ))
          )}
        </div>
      ) : null}
    </div>
  );
}
