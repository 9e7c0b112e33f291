import { describe, expect, it } from 'vitest';
import { SubmitWindow } from './submitWindow.js';

describe('submit window', () => {
  it('runs at most `size` at once, the rest in arrival order as slots free', async () => {
    const window = new SubmitWindow(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const work = (n: number) =>
      window.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        order.push(n);
        running--;
        return n;
      });
    expect(await Promise.all([1, 2, 3, 4, 5].map(work))).toStrictEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order).toStrictEqual([1, 2, 3, 4, 5]);
  });

  it('frees the slot when the work fails', async () => {
    const window = new SubmitWindow(1);
    await expect(window.run(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(await window.run(() => Promise.resolve('next'))).toBe('next');
  });
});
