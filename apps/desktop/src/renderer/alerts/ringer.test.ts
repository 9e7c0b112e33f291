// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RING_PERIOD_MS, createWebAudioRinger, type AudioContextLike } from './ringer.js';

function fakeContext(state = 'running') {
  const oscillators: { start: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn>; frequency: { value: number } }[] = [];
  const param = () => ({ setValueAtTime: vi.fn(), linearRampToValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() });
  const ctx = {
    currentTime: 0,
    state,
    destination: {} as AudioNode,
    resume: vi.fn(() => Promise.resolve()),
    createOscillator: () => {
      const osc = { type: 'sine', frequency: { value: 0 }, connect: vi.fn(), start: vi.fn(), stop: vi.fn(), onended: null };
      oscillators.push(osc);
      return osc as unknown as OscillatorNode;
    },
    createGain: () => ({ gain: param(), connect: vi.fn() }) as unknown as GainNode,
  };
  return { ctx: ctx as AudioContextLike & { resume: ReturnType<typeof vi.fn> }, oscillators };
}

describe('Web Audio ringer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('plays a generated tone at once and then every period until stopped', () => {
    const { ctx, oscillators } = fakeContext();
    const ringer = createWebAudioRinger(() => ctx);
    ringer.start();
    ringer.start(); // a second offer does not double the ring
    expect(ringer.ringing).toBe(true);
    const perBurst = oscillators.length;
    expect(perBurst).toBeGreaterThan(0);
    vi.advanceTimersByTime(RING_PERIOD_MS * 2);
    expect(oscillators.length).toBe(perBurst * 3);
    ringer.stop();
    expect(ringer.ringing).toBe(false);
    expect(oscillators.at(-1)!.stop).toHaveBeenCalled();
    vi.advanceTimersByTime(RING_PERIOD_MS * 3);
    expect(oscillators.length).toBe(perBurst * 3);
  });

  it('resumes a suspended context (autoplay policy) and stays silent without Web Audio', () => {
    const { ctx } = fakeContext('suspended');
    createWebAudioRinger(() => ctx).unlock();
    expect(ctx.resume).toHaveBeenCalled();
    const silent = createWebAudioRinger(() => null);
    silent.start();
    expect(silent.ringing).toBe(true);
    silent.stop();
  });
});
