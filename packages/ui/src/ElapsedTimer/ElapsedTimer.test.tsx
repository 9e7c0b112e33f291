import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ElapsedTimer, formatElapsed } from './ElapsedTimer.js';

describe('formatElapsed', () => {
  it('formats minutes and hours', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(65_000)).toBe('1:05');
    expect(formatElapsed(3_600_000 + 61_000)).toBe('1:01:01');
    expect(formatElapsed(-5000)).toBe('0:00');
  });
});

describe('ElapsedTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse('2025-03-01T08:00:30.000Z'));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('ticks every second', () => {
    render(<ElapsedTimer since="2025-03-01T08:00:00.000Z" label="Time in status" />);
    const timer = screen.getByRole('timer', { name: 'Time in status' });
    expect(timer.textContent).toBe('0:30');
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(timer.textContent).toBe('0:32');
  });
});
