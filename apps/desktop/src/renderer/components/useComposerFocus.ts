import { useEffect, useRef } from 'react';
import { useUiStore } from '../stores/uiStore.js';

/** A ref for a composer's text box, focused whenever the desk asks for the composer (selecting with the keyboard, inserting a canned response). */
export function useComposerFocus() {
  const box = useRef<HTMLTextAreaElement>(null);
  const focusTick = useUiStore((s) => s.focusComposerTick);
  useEffect(() => {
    if (focusTick > 0) box.current?.focus();
  }, [focusTick]);
  return box;
}
