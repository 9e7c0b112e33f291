/** The ring of an offer: starts when the first offer rings, stops when the last one ends. */
export interface Ringer {
  readonly ringing: boolean;
  start(): void;
  stop(): void;
  /** Call from a user gesture: browsers keep audio suspended until the page was interacted with. */
  unlock(): void;
}

/** The slice of the Web Audio API the ringer needs (lets tests pass a fake). */
export interface AudioContextLike {
  readonly currentTime: number;
  readonly state: string;
  readonly destination: AudioNode;
  resume(): Promise<void>;
  createOscillator(): OscillatorNode;
  createGain(): GainNode;
}

/** One burst every 3 s: two soft notes, recognisable without being harsh over a long shift. */
export const RING_PERIOD_MS = 3000;
const NOTES: readonly { hz: number; at: number; length: number }[] = [
  { hz: 784, at: 0, length: 0.16 },
  { hz: 1047, at: 0.2, length: 0.22 },
];
const VOLUME = 0.12;

/**
 * A ringer that generates its tone with the Web Audio API: no audio asset,
 * nothing to fetch, works under a strict CSP. Without Web Audio it is silent.
 */
export function createWebAudioRinger(createContext: () => AudioContextLike | null = defaultContext): Ringer {
  let context: AudioContextLike | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let voices: OscillatorNode[] = [];

  const ensureContext = (): AudioContextLike | null => {
    context ??= createContext();
    if (context?.state === 'suspended') {
      context.resume().catch(() => {
        // Still no user gesture: the toast and badge carry the offer until the agent clicks.
      });
    }
    return context;
  };

  const burst = (): void => {
    const ctx = ensureContext();
    if (!ctx) return;
    const t0 = ctx.currentTime + 0.02;
    for (const note of NOTES) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = note.hz;
      // Short attack and decay: no clicks at the note edges.
      gain.gain.setValueAtTime(0, t0 + note.at);
      gain.gain.linearRampToValueAtTime(VOLUME, t0 + note.at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + note.at + note.length);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(t0 + note.at);
      osc.stop(t0 + note.at + note.length + 0.02);
      voices.push(osc);
      osc.onended = () => {
        voices = voices.filter((v) => v !== osc);
      };
    }
  };

  return {
    get ringing() {
      return timer !== undefined;
    },
    start() {
      if (timer !== undefined) return;
      burst();
      timer = setInterval(burst, RING_PERIOD_MS);
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
      for (const osc of voices) {
        try {
          osc.stop();
        } catch {
          // Already stopped.
        }
      }
      voices = [];
    },
    unlock() {
      ensureContext();
    },
  };
}

function defaultContext(): AudioContextLike | null {
  const Ctor = globalThis.AudioContext as (new () => AudioContext) | undefined;
  return Ctor ? new Ctor() : null;
}
