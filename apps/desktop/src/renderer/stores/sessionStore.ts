import { create } from 'zustand';
import { sessionSchema, type Dictionaries, type Session } from '@omnicc/shared';

/**
 * sessionStorage key of the signed-in session: it survives a reload of the
 * tab but not a new tab or a restart, so a shared PC does not stay signed in.
 */
export const SESSION_STORAGE_KEY = 'omnicc.session';

/** Why the login screen is showing again; each has a sentence under login.notice.*. */
export type LoginNotice = 'sessionExpired' | 'sessionInvalid' | 'forbidden' | 'signedOut';

export interface SessionState {
  session: Session | null;
  /** Not-ready reasons and dispositions, loaded after sign-in. */
  dictionaries: Dictionaries | null;
  notice: LoginNotice | null;
  signIn: (session: Session) => void;
  /** A refreshed token for the same user. */
  renew: (session: Session) => void;
  signOut: (notice?: LoginNotice) => void;
  setDictionaries: (dictionaries: Dictionaries) => void;
}

/** The stored session if it parses and has not expired; anything else is discarded. */
export function readStoredSession(storage: Pick<Storage, 'getItem' | 'removeItem'> | undefined, now: number): Session | null {
  try {
    const raw = storage?.getItem(SESSION_STORAGE_KEY);
    if (!raw) return null;
    const parsed = sessionSchema.safeParse(JSON.parse(raw));
    if (parsed.success && Date.parse(parsed.data.expiresAt) > now) return parsed.data;
    storage?.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Corrupt JSON or storage disabled: start signed out.
  }
  return null;
}

function store(session: Session | null): void {
  try {
    if (session) sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Without storage the session lives in memory only; a reload then asks to sign in again.
  }
}

const storage = typeof sessionStorage === 'undefined' ? undefined : sessionStorage;

/** Who is signed in, with what token. */
export const useSessionStore = create<SessionState>()((set) => ({
  session: readStoredSession(storage, Date.now()),
  dictionaries: null,
  notice: null,
  signIn: (session) => {
    store(session);
    set({ session, notice: null });
  },
  renew: (session) => {
    store(session);
    set({ session });
  },
  signOut: (notice) => {
    store(null);
    set({ session: null, dictionaries: null, notice: notice ?? null });
  },
  setDictionaries: (dictionaries) => set({ dictionaries }),
}));
