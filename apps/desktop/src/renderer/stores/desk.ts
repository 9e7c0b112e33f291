import type { AgentSnapshot } from '@omnicc/shared';
import { useAgentStore } from './agentStore.js';
import { useCallStore } from './callStore.js';
import { useCustomerStore } from './customerStore.js';
import { useEmailImagesStore, useEmailStore } from './emailStore.js';
import { useFlowRunStore } from './flowRunStore.js';
import { useInteractionsStore } from './interactionsStore.js';
import { useSmsStore } from './smsStore.js';
import { useOffersStore } from './offersStore.js';
import { useUiStore } from './uiStore.js';

/**
 * Replaces what the desk shows with the server's snapshot, after every
 * (re)connect: pushes missed while disconnected are not replayed, so local
 * state is never merged with them, only replaced.
 */
export function applySnapshot(snapshot: AgentSnapshot): void {
  useAgentStore.getState().apply({ status: snapshot.status, reasonCode: snapshot.reasonCode, statusSince: snapshot.statusSince });
  useOffersStore.getState().replace(snapshot.offers);
  useInteractionsStore.getState().replaceAll(snapshot.interactions, snapshot.messages);
  const ui = useUiStore.getState();
  const { order, byId } = useInteractionsStore.getState();
  if (ui.activeId !== null && !(ui.activeId in byId)) ui.select(order[0] ?? null);
  if (ui.wrapUpFor !== null && byId[ui.wrapUpFor]?.state !== 'wrapUp') ui.closeWrapUp();
  if (ui.transferFor !== null && byId[ui.transferFor]?.state !== 'assigned') ui.closeTransfer();
}

/** Forgets everything of the signed-out agent, so the next one starts clean. */
export function resetDesk(): void {
  useAgentStore.getState().reset();
  useCallStore.getState().reset();
  useOffersStore.getState().reset();
  useInteractionsStore.getState().reset();
  useEmailStore.getState().reset();
  useEmailImagesStore.getState().reset();
  useSmsStore.getState().reset();
  useFlowRunStore.getState().reset();
  useCustomerStore.getState().reset();
  useUiStore.getState().reset();
}
