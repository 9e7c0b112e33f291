import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './useNow.js';

describe('useNow', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-01-01T00:00:00Z'));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('ticks with the clock', () => {
    const { result } = renderHook(() => useNow(1000));
    const start = result.current;
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(result.current - start).toBe(3000);
  });
});
