import { ApiError } from './http.js';

/** Where the draft stands, as the workspace shows it. */
export type DraftSaveState =
  | { kind: 'saved'; at: string }
  | { kind: 'pending' }
  | { kind: 'saving' }
  /** The last save failed for a reason that may pass (network, server busy); it is retried. */
  | { kind: 'retrying'; code: string }
  /** Someone saved this flow since we loaded it: saving stops until the editor reloads. */
  | { kind: 'conflict' }
  /** The server refused the document (e.g. too large): retrying would not help. */
  | { kind: 'refused'; code: string };

export interface DraftSaverDeps {
  /** PUT the draft; resolves with the new revision and when it was saved. */
  save: (revision: number, document: object) => Promise<{ revision: number; updatedAt: string }>;
  onState: (state: DraftSaveState) => void;
  /** The revision the editor loaded. */
  revision: number;
  /** Quiet time after the last edit before saving. */
  debounceMs?: number;
  /** First retry delay; doubles up to 30 s. */
  retryMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface DraftSaver {
  /** The document changed: save it after the quiet time. */
  edited(document: object): void;
  /** Save now what is pending (leaving the flow, closing the page); resolves when it is stored or failed. */
  flush(): Promise<void>;
  /** True while an edit is not stored yet. */
  hasUnsaved(): boolean;
  stop(): void;
}

const RETRYABLE = new Set(['NETWORK', 'TIMEOUT', 'INTERNAL', 'UNAVAILABLE', 'RATE_LIMITED', 'DISCONNECTED']);

/**
 * Autosave of a flow draft: one save in flight at a time, the newest
 * document wins (edits made during a save are saved after it, under the
 * revision it returned), retries with backoff for passing failures, and a
 * stop on CONFLICT: two tabs must never silently overwrite each other, so
 * the team lead reloads and sees the other change.
 */
export function createDraftSaver(deps: DraftSaverDeps): DraftSaver {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const debounceMs = deps.debounceMs ?? 800;
  const firstRetryMs = deps.retryMs ?? 1_000;
  let revision = deps.revision;
  let pending: object | null = null;
  let inFlight: Promise<void> | null = null;
  let timer: unknown = null;
  let retryMs = firstRetryMs;
  let halted = false;
  let stopped = false;

  const schedule = (ms: number): void => {
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => {
      timer = null;
      void saveNow();
    }, ms);
  };

  async function saveNow(): Promise<void> {
    if (inFlight) return inFlight;
    if (pending === null || halted || stopped) return;
    const document = pending;
    pending = null;
    deps.onState({ kind: 'saving' });
    inFlight = (async () => {
      try {
        const saved = await deps.save(revision, document);
        revision = saved.revision;
        retryMs = firstRetryMs;
        if (pending === null) deps.onState({ kind: 'saved', at: saved.updatedAt });
      } catch (err) {
        // Keep the document unless a newer edit replaced it meanwhile.
        pending ??= document;
        const code = err instanceof ApiError ? err.code : 'INTERNAL';
        if (code === 'CONFLICT') {
          halted = true;
          deps.onState({ kind: 'conflict' });
        } else if (RETRYABLE.has(code)) {
          deps.onState({ kind: 'retrying', code });
          if (!stopped) schedule(retryMs);
          retryMs = Math.min(retryMs * 2, 30_000);
        } else {
          halted = true;
          deps.onState({ kind: 'refused', code });
        }
      } finally {
        inFlight = null;
      }
      if (pending !== null && !halted && !stopped && timer === null) schedule(0);
    })();
    return inFlight;
  }

  return {
    edited(document) {
      if (halted || stopped) return;
      pending = document;
      deps.onState({ kind: 'pending' });
      if (!inFlight) schedule(debounceMs);
    },
    async flush() {
      if (timer !== null) {
        clearTimer(timer);
        timer = null;
      }
      if (inFlight) await inFlight;
      await saveNow();
    },
    hasUnsaved: () => pending !== null || inFlight !== null,
    stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
