import { useEffect } from 'react';
import type { AgentActions } from '../network/actions.js';
import { selectLiveCall, useCallStore } from '../stores/callStore.js';
import type { VoiceActions } from '../telephony/voiceController.js';
import { useFlowRunStore } from '../stores/flowRunStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { TEST_IDS } from '../testIds.js';
import { useKnowledgePanel } from '../components/knowledge/knowledgePanelStore.js';
import { matchShortcut, type ShortcutAction } from './shortcuts.js';

/** Carries out one shortcut against the current state of the desk. */
export function runShortcut(action: ShortcutAction, actions: AgentActions, voice: VoiceActions | null = null): boolean {
  const ui = useUiStore.getState();
  const { offers } = useOffersStore.getState();
  const { byId, order } = useInteractionsStore.getState();
  const active = ui.activeId ? byId[ui.activeId] : undefined;
  const dialogOpen = ui.wrapUpFor !== null || ui.transferFor !== null || ui.cannedFor !== null || ui.helpOpen || useCallStore.getState().callPicker !== null || useKnowledgePanel.getState().openFor !== null;

  switch (action.type) {
    // Answering a ring stays possible with a dialog open: the customer is waiting either way.
    case 'acceptOldest':
    case 'rejectOldest': {
      const oldest = offers[0];
      if (!oldest) return false;
      void (action.type === 'acceptOldest' ? actions.acceptOffer(oldest.offerId) : actions.rejectOffer(oldest.offerId));
      return true;
    }
    case 'help':
      ui.setHelpOpen(!ui.helpOpen);
      return true;
    // The caller hears the difference at once: hold and mute work over any dialog too.
    case 'holdCall':
    case 'muteCall': {
      const call = selectLiveCall(useCallStore.getState());
      if (!voice || !call) return false;
      if (action.type === 'holdCall') void voice.toggleHold();
      else voice.toggleMute();
      return true;
    }
  }
  if (dialogOpen) return false;
  switch (action.type) {
    case 'endChat':
      if (active?.state !== 'assigned') return false;
      void actions.endChat(active.id);
      return true;
    case 'transfer': {
      if (active?.state === 'assigned' && active.channel !== 'voice') {
        ui.openTransfer(active.id);
        return true;
      }
      // A call is transferred on the phone (the call bar's picker), not by routing: its audio would stay here.
      const calls = useCallStore.getState();
      const call = selectLiveCall(calls);
      if (!voice || !call?.interactionId || call.pending !== null || calls.consult !== null) return false;
      calls.setCallPicker('transfer');
      return true;
    }
    case 'cannedResponses':
      if (active?.state !== 'assigned' || active.channel === 'voice') return false;
      ui.openCanned(active.id);
      return true;
    case 'flowPanel': {
      if (!active) return false;
      const flow = useFlowRunStore.getState();
      const panel = document.querySelector(`[data-testid="${TEST_IDS.flowPanel}"]`);
      if (flow.collapsed) {
        flow.setCollapsed(false);
        flow.focusPanel();
      } else if (panel?.contains(document.activeElement)) {
        // A second Alt+F folds it and gives the conversation back its focus.
        flow.setCollapsed(true);
        ui.select(active.id, true);
      } else {
        flow.focusPanel();
      }
      return true;
    }
    case 'knowledge':
      // Any conversation, calls too: the agent reads while talking (inserting needs a draft, so only chat, SMS and email offer it).
      if (!active) return false;
      useKnowledgePanel.getState().open(active.id);
      return true;
    case 'customerCard': {
      const title = document.querySelector<HTMLElement>(`[data-testid="${TEST_IDS.customerCard}"] h2`);
      title?.focus();
      return title !== null;
    }
    case 'openWrapUp':
      if (active?.state !== 'wrapUp') return false;
      ui.openWrapUp(active.id);
      return true;
    case 'toggleReady':
      void actions.toggleReady();
      return true;
    case 'keypad': {
      const calls = useCallStore.getState();
      if (calls.call?.phase !== 'connected') return false;
      calls.setKeypadOpen(!calls.keypadOpen);
      return true;
    }
    case 'switchTo': {
      const id = order[action.index];
      if (!id) return false;
      ui.select(id, true);
      return true;
    }
  }
}

/** Listens for the desk's keyboard shortcuts on the whole window while mounted. */
export function useDeskShortcuts(actions: AgentActions | null, voice: VoiceActions | null = null): void {
  useEffect(() => {
    if (!actions) return;
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.repeat) return;
      const action = matchShortcut(e);
      if (action && runShortcut(action, actions, voice)) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions, voice]);
}
