import { create } from 'zustand';

/** The phone's link to the telephony server, as the top bar shows it. */
export type Registration = 'off' | 'registering' | 'registered' | 'unavailable' | 'failed';

/** Where a call is; "idle" is no call at all (call === null). "transferred": it left this desk for a colleague or queue. */
export type CallPhase = 'ringing' | 'dialing' | 'connected' | 'held' | 'ended' | 'transferred';

/** A phone operation on its way: its buttons wait. */
export type CallPending = 'answer' | 'reject' | 'hold' | 'resume' | 'hangUp' | 'transfer' | 'consult';

/** Which target picker the call bar shows: transfer (queues and agents) or consult (agents). */
export type CallPicker = 'transfer' | 'consult';

export interface CallInfo {
  callId: string;
  direction: 'inbound' | 'outbound';
  /** The routing offer this call rings for (X-Omnicc-Offer), and its interaction. */
  offerId: string | null;
  interactionId: string | null;
  /** A consult call (either direction): the interaction it is about. */
  consultFor: string | null;
  /** An outbound consult call: the colleague it rings; completing the consult transfers the customer to them. */
  colleagueId: string | null;
  /** The other party: the caller's number and name, or the number dialled. */
  number: string;
  name: string | null;
  phase: CallPhase;
  muted: boolean;
  /** When the call was connected (ISO): the call timer counts from here, holds included. */
  connectedAt: string | null;
  pending: CallPending | null;
}

/** What the phone tells of a call that rings here. */
export type RingingCall = Pick<CallInfo, 'callId' | 'offerId' | 'interactionId' | 'consultFor' | 'number' | 'name'>;

/** What the desk knows of a consult call it places. */
export type ConsultCall = Pick<CallInfo, 'callId' | 'number' | 'name' | 'consultFor' | 'colleagueId'>;

export interface CallState {
  registration: Registration;
  /** The customer's call (voice capacity is 1), or null when idle; on a colleague's desk also a consult call that rings in. */
  call: CallInfo | null;
  /**
   * The second line beside `call`: the consult call this agent placed while
   * the customer waits on hold, or, on the colleague's desk, the consult call
   * once the customer's transferred call rings in as `call`.
   */
  consult: CallInfo | null;
  callPicker: CallPicker | null;
  keypadOpen: boolean;
  /** Digits sent in this call, shown in the keypad so the agent sees what the IVR got. */
  dtmfSent: string;
  setRegistration: (registration: Registration) => void;
  ringing: (call: RingingCall) => void;
  /** The transferred customer call rings in during a consult about it: the consult call moves aside. */
  ringingBesideConsult: (call: RingingCall) => void;
  dialing: (callId: string, number: string) => void;
  consultDialing: (call: ConsultCall) => void;
  /** `interactionId`: of a call placed here, once the server made it an interaction (kept when already known). */
  connected: (callId: string, at: string, interactionId?: string) => void;
  setHeld: (callId: string, held: boolean) => void;
  setMuted: (callId: string, muted: boolean) => void;
  setPending: (callId: string, pending: CallPending | null) => void;
  ended: (callId: string, how?: 'ended' | 'transferred') => void;
  /** Forgets an ended call (after the agent had a moment to see it ended). */
  clear: (callId: string) => void;
  setCallPicker: (picker: CallPicker | null) => void;
  setKeypadOpen: (open: boolean) => void;
  addDtmf: (tone: string) => void;
  reset: () => void;
}

const initial = () => ({ registration: 'off' as Registration, call: null, consult: null, callPicker: null, keypadOpen: false, dtmfSent: '' });

const inbound = (call: RingingCall): CallInfo => ({ ...call, direction: 'inbound', colleagueId: null, phase: 'ringing', muted: false, connectedAt: null, pending: null });

/** Only changes the call (either line) with this id: events of a call that is already gone are ignored. */
function update(s: CallState, callId: string, patch: (leg: CallInfo) => Partial<CallInfo>): Partial<CallState> {
  if (s.call?.callId === callId) return { call: { ...s.call, ...patch(s.call) } };
  if (s.consult?.callId === callId) return { consult: { ...s.consult, ...patch(s.consult) } };
  return {};
}

/** The softphone: registration and the calls in progress (通话). Nothing here comes from the socket. */
export const useCallStore = create<CallState>()((set) => ({
  ...initial(),
  setRegistration: (registration) => set({ registration }),
  ringing: (call) => set({ call: inbound(call), consult: null, callPicker: null, keypadOpen: false, dtmfSent: '' }),
  ringingBesideConsult: (call) => set((s) => ({ call: inbound(call), consult: s.call, callPicker: null, keypadOpen: false, dtmfSent: '' })),
  dialing: (callId, number) =>
    set({
      call: { callId, direction: 'outbound', offerId: null, interactionId: null, consultFor: null, colleagueId: null, number, name: null, phase: 'dialing', muted: false, connectedAt: null, pending: null },
      consult: null,
      keypadOpen: false,
      dtmfSent: '',
    }),
  consultDialing: (call) =>
    set({ consult: { ...call, direction: 'outbound', offerId: null, interactionId: null, phase: 'dialing', muted: false, connectedAt: null, pending: null }, callPicker: null }),
  connected: (callId, at, interactionId) =>
    set((s) => update(s, callId, (leg) => ({ phase: 'connected', connectedAt: leg.connectedAt ?? at, pending: null, interactionId: leg.interactionId ?? interactionId ?? null }))),
  setHeld: (callId, held) => set((s) => update(s, callId, () => ({ phase: held ? 'held' : 'connected' }))),
  setMuted: (callId, muted) => set((s) => update(s, callId, () => ({ muted }))),
  setPending: (callId, pending) => set((s) => update(s, callId, () => ({ pending }))),
  ended: (callId, how = 'ended') =>
    set((s) => {
      const patch = update(s, callId, () => ({ phase: how, pending: null }));
      // The keypad and pickers belong to the customer's call; a consult line ending leaves them be.
      return s.call?.callId === callId ? { ...patch, keypadOpen: false, callPicker: null } : patch;
    }),
  clear: (callId) =>
    set((s) => {
      if (s.consult?.callId === callId) return { consult: null };
      return s.call?.callId === callId ? { call: null, keypadOpen: false, callPicker: null, dtmfSent: '' } : s;
    }),
  setCallPicker: (callPicker) => set({ callPicker }),
  setKeypadOpen: (keypadOpen) => set({ keypadOpen }),
  addDtmf: (tone) => set((s) => ({ dtmfSent: `${s.dtmfSent}${tone}`.slice(-32) })),
  reset: () => set(initial()),
}));

/** The call, when it is up (talking or on hold): what the call bar and its shortcuts act on. */
export const selectLiveCall = (s: Pick<CallState, 'call'>): CallInfo | null =>
  s.call && (s.call.phase === 'connected' || s.call.phase === 'held') ? s.call : null;

/** Whether a call is over for this desk (hung up, or handed to someone else). */
export const isCallOver = (call: Pick<CallInfo, 'phase'>): boolean => call.phase === 'ended' || call.phase === 'transferred';
