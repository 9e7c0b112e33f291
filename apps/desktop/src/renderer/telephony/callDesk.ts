import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useUiStore } from '../stores/uiStore.js';

/** The server's push of the interaction follows the SIP answer or BYE; stop waiting for it after this. */
export const PUSH_WAIT_MS = 10_000;

/** Runs `act` once `ready()` holds, checking on every change of the interactions store; returns the cancel. */
function whenInteraction(ready: () => boolean, act: () => void): () => void {
  if (ready()) {
    act();
    return () => undefined;
  }
  const stop = (): void => {
    clearTimeout(give);
    unsubscribe();
  };
  const unsubscribe = useInteractionsStore.subscribe(() => {
    if (!ready()) return;
    stop();
    act();
  });
  const give = setTimeout(stop, PUSH_WAIT_MS);
  return stop;
}

/** Once the answered call's interaction is on the desk, show it: the agent is talking to that customer. */
export function followCallOnDesk(interactionId: string): () => void {
  return whenInteraction(
    () => interactionId in useInteractionsStore.getState().byId,
    () => useUiStore.getState().select(interactionId),
  );
}

/**
 * After the call ends (either side hung up) the server moves its interaction
 * to wrap-up; then the wrap-up dialog opens, as after ending a chat. A
 * dialog the agent already has open is left alone.
 */
export function wrapUpWhenEnded(interactionId: string): () => void {
  return whenInteraction(
    () => useInteractionsStore.getState().byId[interactionId]?.state === 'wrapUp',
    () => {
      const ui = useUiStore.getState();
      if (ui.wrapUpFor !== null || ui.transferFor !== null) return;
      ui.select(interactionId);
      ui.openWrapUp(interactionId);
    },
  );
}

/**
 * A call transferred away leaves the desk as a transferred chat does: no
 * wrap-up dialog here (the colleague or queue owns the outcome now; the server
 * runs this agent's after-call time), and once the server's push removed the
 * interaction, the next conversation is shown in its place.
 */
export function leaveDeskAfterTransfer(interactionId: string): () => void {
  return whenLeftDesk(interactionId, () => {
      const ui = useUiStore.getState();
      if (ui.transferFor === interactionId) ui.closeTransfer();
      if (ui.activeId === interactionId && !(interactionId in useInteractionsStore.getState().byId)) {
        ui.select(useInteractionsStore.getState().order[0] ?? null);
      }
  });
}

/** Runs `act` once the server's push says the interaction is no longer in progress on this desk (moved on, or gone). */
export function whenLeftDesk(interactionId: string, act: () => void): () => void {
  return whenInteraction(() => useInteractionsStore.getState().byId[interactionId]?.state !== 'assigned', act);
}
