import type { Softphone } from './softphone.js';

/** Query flag that exposes the phone's WebRTC statistics to the page (support sessions, the e2e audio check). */
export const DIAGNOSTICS_FLAG = 'voiceDiagnostics';

/** What the flag puts on `window.omniccVoice`: read-only statistics, no credentials, no control. */
export interface VoiceDiagnostics {
  /** getStats() of a call's peer connection as plain objects, or null without media. */
  stats(callId: string): Promise<Record<string, unknown>[] | null>;
}

/**
 * Wraps the phone factory: with `?voiceDiagnostics` in the page address the
 * current phone's statistics become readable from the console. Without the
 * flag nothing is exposed, so a normal session carries no debug surface.
 */
export function withDiagnostics(create: () => Softphone, search: string, target: { omniccVoice?: VoiceDiagnostics }): () => Softphone {
  if (!new URLSearchParams(search).has(DIAGNOSTICS_FLAG)) return create;
  return () => {
    const phone = create();
    target.omniccVoice = {
      stats: async (callId) => {
        const report = await phone.stats(callId);
        return report ? [...report.values()].map((v: unknown) => ({ ...(v as Record<string, unknown>) })) : null;
      },
    };
    return phone;
  };
}
