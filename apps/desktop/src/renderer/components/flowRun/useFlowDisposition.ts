import { useFlowRunStore } from '../../stores/flowRunStore.js';

/** The disposition (小结) the interaction's service flow ended with, if it ended at an end node. */
export function useFlowDisposition(interactionId: string | undefined): string | undefined {
  return useFlowRunStore((s) => {
    const view = interactionId ? s.runs[interactionId]?.view : undefined;
    return view?.status === 'finished' && view.outcome?.kind === 'ended' ? view.disposition : undefined;
  });
}
