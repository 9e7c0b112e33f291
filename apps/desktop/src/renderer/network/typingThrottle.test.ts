// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_IDLE_MS, TypingThrottle } from './typingThrottle.js';

describe('TypingThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends true at most every 2 s while typing and false after 3 s idle', () => {
    const emit = vi.fn();
    const throttle = new TypingThrottle(emit, () => Date.now());
    throttle.input('a');
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(300);
      throttle.input('a');
    }
    // 3 s of typing: true at 0 s and at 2.1 s.
    expect(emit.mock.calls).toEqual([
      ['a', true],
      ['a', true],
    ]);
    vi.advanceTimersByTime(TYPING_IDLE_MS - 1);
    expect(emit).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1);
    expect(emit).toHaveBeenLastCalledWith('a', false);
  });

  it('sends false at once on send, and nothing more later', () => {
    const emit = vi.fn();
    const throttle = new TypingThrottle(emit, () => Date.now());
    throttle.input('a');
    throttle.stop('a');
    expect(emit.mock.calls).toEqual([
      ['a', true],
      ['a', false],
    ]);
    vi.advanceTimersByTime(10_000);
    throttle.stop('a');
    expect(emit).toHaveBeenCalledTimes(2);
  });

  it('keeps conversations apart', () => {
    const emit = vi.fn();
    const throttle = new TypingThrottle(emit, () => Date.now());
    throttle.input('a');
    throttle.input('b');
    expect(emit.mock.calls).toEqual([
      ['a', true],
      ['b', true],
    ]);
    throttle.dispose();
    vi.advanceTimersByTime(10_000);
    expect(emit).toHaveBeenCalledTimes(2);
  });
});
