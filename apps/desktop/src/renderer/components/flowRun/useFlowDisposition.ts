import { useEffect } from 'react';
import { useFlowRunStore } from '../../stores/flowRunStore.js';

/** The disposition (小结) the interaction's service flow ended with, if it ended at an end node. */
export function useFlowDisposition(interactionId: string | undefined): string | undefined {
  return useFlowRunStore((s) => {
    const view = interactionId ? s.runs[interactionId]?.view : undefined;
    return view?.status === 'finished' && view.outcome?.kind === 'ended' ? view.disposition : undefined;
  });
}

/**
 * Chooses `code` in the `<select>` with this test id while nothing is
 * chosen there yet: a suggestion the agent can change. The wrap-up dialog
 * (packages/ui) keeps its choice in its own state and takes no initial
 * value, so the choice is made as the agent would make it: the select's
 * value set and a change event sent, which React hands to its onChange.
 * `openKey` names one opening of the dialog; `optionCount` lets a
 * dictionary that arrives late still be preselected.
 */
export function usePreselect(testId: string, code: string | undefined, openKey: string | undefined, optionCount: number): void {
  useEffect(() => {
    if (!code || !openKey) return;
    const select = document.querySelector<HTMLSelectElement>(`select[data-testid="${testId}"]`);
    if (!select || select.value !== '' || ![...select.options].some((o) => o.value === code)) return;
    // The prototype's setter, not the element's: React watches the element's own to tell its writes from the user's.
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, code);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, [testId, code, openKey, optionCount]);
}
