import { create } from 'zustand';

/** The phone's link to the telephony server, as the top bar shows it. */
export type Registration = 'off' | 'registering' | 'registered' | 'unavailable' | 'failed';

/** Where a call is; "idle" is no call at all (call === null). */
export type CallPhase = 'ringing' | 'dialing' | 'connected' | 'held' | 'ended';

/** A phone operation on its way: its buttons wait. */
export type CallPending = 'answer' | 'reject' | 'hold' | 'resume' | 'hangUp' | 'transfer';

export interface CallInfo {
  callId: string;
  direction: 'inbound' | 'outbound';
  /** The routing offer this call rings for (X-Omnicc-Offer), and its interaction. */
  offerId: string | null;
  interactionId: string | null;
  /** The other party: the caller's number and name, or the number dialled. */
  number: string;
  name: string | null;
  phase: CallPhase;
  muted: boolean;
  /** When the call was connected (ISO): the call timer counts from here, holds included. */
  connectedAt: string | null;
  pending: CallPending | null;
}

export interface CallState {
  registration: Registration;
  /** The one call of this desk (voice capacity is 1), or null when idle. */
  call: CallInfo | null;
  keypadOpen: boolean;
  /** Digits sent in this call, shown in the keypad so the agent sees what the IVR got. */
  dtmfSent: string;
  setRegistration: (registration: Registration) => void;
  ringing: (call: Pick<CallInfo, 'callId' | 'offerId' | 'interactionId' | 'number' | 'name'>) => void;
  dialing: (callId: string, number: string) => void;
  connected: (callId: string, at: string) => void;
  setHeld: (callId: string, held: boolean) => void;
  setMuted: (callId: string, muted: boolean) => void;
  setPending: (callId: string, pending: CallPending | null) => void;
  ended: (callId: string) => void;
  /** Forgets an ended call (after the agent had a moment to see it ended). */
  clear: (callId: string) => void;
  setKeypadOpen: (open: boolean) => void;
  addDtmf: (tone: string) => void;
  reset: () => void;
}

const initial = () => ({ registration: 'off' as Registration, call: null, keypadOpen: false, dtmfSent: '' });

/** Only changes the call with this id: events of a call that is already gone are ignored. */
const update = (s: CallState, callId: string, patch: Partial<CallInfo>): Partial<CallState> =>
  s.call?.callId === callId ? { call: { ...s.call, ...patch } } : {};

/** The softphone: registration and the call in progress (通话). Nothing here comes from the socket. */
export const useCallStore = create<CallState>()((set) => ({
  ...initial(),
  setRegistration: (registration) => set({ registration }),
  ringing: (call) =>
    set({ call: { ...call, direction: 'inbound', phase: 'ringing', muted: false, connectedAt: null, pending: null }, keypadOpen: false, dtmfSent: '' }),
  dialing: (callId, number) =>
    set({
      call: { callId, direction: 'outbound', offerId: null, interactionId: null, number, name: null, phase: 'dialing', muted: false, connectedAt: null, pending: null },
      keypadOpen: false,
      dtmfSent: '',
    }),
  connected: (callId, at) => set((s) => update(s, callId, { phase: 'connected', connectedAt: s.call?.connectedAt ?? at, pending: null })),
  setHeld: (callId, held) => set((s) => update(s, callId, { phase: held ? 'held' : 'connected' })),
  setMuted: (callId, muted) => set((s) => update(s, callId, { muted })),
  setPending: (callId, pending) => set((s) => update(s, callId, { pending })),
  ended: (callId) => set((s) => ({ ...update(s, callId, { phase: 'ended', pending: null }), keypadOpen: false })),
  clear: (callId) => set((s) => (s.call?.callId === callId ? { call: null, keypadOpen: false, dtmfSent: '' } : s)),
  setKeypadOpen: (keypadOpen) => set({ keypadOpen }),
  addDtmf: (tone) => set((s) => ({ dtmfSent: `${s.dtmfSent}${tone}`.slice(-32) })),
  reset: () => set(initial()),
}));

/** The call, when it is up (talking or on hold): what the call bar and its shortcuts act on. */
export const selectLiveCall = (s: Pick<CallState, 'call'>): CallInfo | null =>
  s.call && (s.call.phase === 'connected' || s.call.phase === 'held') ? s.call : null;
