import { create } from 'zustand';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** The desk's working areas; which ones a user sees depends on the role (see workspacesFor). */
export type Workspace = 'desk' | 'flows' | 'workOrders';

/** Actions whose failure the agent is told about (keys under action.*). */
export type ActionName =
  | 'setStatus'
  | 'accept'
  | 'reject'
  | 'send'
  | 'end'
  | 'wrapUp'
  | 'load'
  | 'transfer'
  | 'transferTargets'
  | 'hangUp'
  | 'hold'
  | 'resume'
  | 'dtmf'
  | 'callTransfer'
  | 'consult'
  | 'dial'
  | 'softphone'
  | 'sendEmail'
  | 'sendSms'
  | 'download';

/** A failed action and its error code (keys under errors.*). */
export interface Notice {
  id: number;
  action: ActionName;
  code: string;
}

export interface UiState {
  /** The working area in view; the connection, offers and calls go on whichever it is. */
  workspace: Workspace;
  /** Conversation shown in the centre. */
  activeId: string | null;
  /** Interaction whose wrap-up dialog is open. */
  wrapUpFor: string | null;
  wrapUpSubmitting: boolean;
  wrapUpErrorCode: string | null;
  /** Interaction whose transfer dialog is open. */
  transferFor: string | null;
  /** Interaction whose canned-response picker (常用语) is open. */
  cannedFor: string | null;
  transferSubmitting: boolean;
  transferErrorCode: string | null;
  helpOpen: boolean;
  connection: ConnectionState;
  /** Unsent text per conversation, kept while the agent switches between them. */
  drafts: Record<string, string>;
  notice: Notice | null;
  /** Bumped to ask the composer to take focus (after accept or a switch by keyboard). */
  focusComposerTick: number;
  setWorkspace: (workspace: Workspace) => void;
  select: (interactionId: string | null, focusComposer?: boolean) => void;
  openWrapUp: (interactionId: string) => void;
  closeWrapUp: () => void;
  setWrapUpState: (submitting: boolean, errorCode?: string | null) => void;
  openTransfer: (interactionId: string) => void;
  closeTransfer: () => void;
  openCanned: (interactionId: string) => void;
  closeCanned: () => void;
  /** Adds text to the interaction's draft (after a blank line when there is one) and puts the cursor back in the composer. */
  insertIntoDraft: (interactionId: string, text: string) => void;
  setTransferState: (submitting: boolean, errorCode?: string | null) => void;
  setHelpOpen: (open: boolean) => void;
  setConnection: (state: ConnectionState) => void;
  setDraft: (interactionId: string, text: string) => void;
  showNotice: (action: ActionName, code: string) => void;
  dismissNotice: () => void;
  reset: () => void;
}

let noticeSeq = 0;

const initial = () => ({
  workspace: 'desk' as Workspace,
  activeId: null,
  wrapUpFor: null,
  wrapUpSubmitting: false,
  wrapUpErrorCode: null,
  transferFor: null,
  cannedFor: null,
  transferSubmitting: false,
  transferErrorCode: null,
  helpOpen: false,
  connection: 'connecting' as ConnectionState,
  drafts: {},
  notice: null,
  focusComposerTick: 0,
});

/** What the agent sees and where focus goes; nothing here comes from the server. */
export const useUiStore = create<UiState>()((set) => ({
  ...initial(),
  setWorkspace: (workspace) => set({ workspace }),
  select: (interactionId, focusComposer = false) =>
    set((s) => ({ activeId: interactionId, focusComposerTick: focusComposer ? s.focusComposerTick + 1 : s.focusComposerTick })),
  openWrapUp: (interactionId) =>
    set((s) => (s.wrapUpFor === interactionId ? s : { wrapUpFor: interactionId, wrapUpSubmitting: false, wrapUpErrorCode: null })),
  closeWrapUp: () => set({ wrapUpFor: null, wrapUpSubmitting: false, wrapUpErrorCode: null }),
  setWrapUpState: (submitting, errorCode = null) => set({ wrapUpSubmitting: submitting, wrapUpErrorCode: errorCode }),
  openTransfer: (interactionId) =>
    set((s) => (s.transferFor === interactionId ? s : { transferFor: interactionId, transferSubmitting: false, transferErrorCode: null })),
  closeTransfer: () => set({ transferFor: null, transferSubmitting: false, transferErrorCode: null }),
  openCanned: (interactionId) => set({ cannedFor: interactionId }),
  closeCanned: () => set({ cannedFor: null }),
  insertIntoDraft: (interactionId, text) =>
    set((s) => {
      const draft = s.drafts[interactionId] ?? '';
      const joined = draft.trim() === '' ? text : `${draft.replace(/\s+$/, '')}\n\n${text}`;
      return { drafts: { ...s.drafts, [interactionId]: joined }, focusComposerTick: s.focusComposerTick + 1 };
    }),
  setTransferState: (submitting, errorCode = null) => set({ transferSubmitting: submitting, transferErrorCode: errorCode }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setConnection: (connection) => set({ connection }),
  setDraft: (interactionId, text) =>
    set((s) => {
      if (text !== '') return { drafts: { ...s.drafts, [interactionId]: text } };
      const { [interactionId]: _cleared, ...drafts } = s.drafts;
      return { drafts };
    }),
  showNotice: (action, code) => set({ notice: { id: ++noticeSeq, action, code } }),
  dismissNotice: () => set({ notice: null }),
  reset: () => set(initial()),
}));
