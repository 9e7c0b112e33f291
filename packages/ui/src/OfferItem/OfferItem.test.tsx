import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OfferItem, secondsLeft, type OfferItemLabels } from './OfferItem.js';

const labels: OfferItemLabels = {
  channel: 'Web chat',
  accept: 'Accept',
  reject: 'Reject',
  secondsLeft: (s) => `${s} seconds left`,
  secondsShort: (s) => `${s} s`,
};
const T0 = Date.parse('2025-03-01T08:00:00.000Z');

describe('secondsLeft', () => {
  it('rounds up and never goes below zero', () => {
    expect(secondsLeft('2025-03-01T08:00:10.000Z', T0)).toBe(10);
    expect(secondsLeft('2025-03-01T08:00:09.100Z', T0)).toBe(10);
    expect(secondsLeft('2025-03-01T07:59:00.000Z', T0)).toBe(0);
    expect(secondsLeft('not a date', T0)).toBe(0);
  });
});

describe('OfferItem', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('counts down to expiresAt', () => {
    render(<OfferItem channel="chat" customerName="Li Lei" expiresAt="2025-03-01T08:00:20.000Z" labels={labels} onAccept={() => {}} onReject={() => {}} />);
    expect(screen.getByText('20 seconds left')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(screen.getByText('15 seconds left')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(screen.getByText('0 seconds left')).toBeTruthy();
  });

  it('calls accept and reject, and is named by the customer', async () => {
    const onAccept = vi.fn();
    const onReject = vi.fn();
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    render(
      <OfferItem
        channel="chat"
        customerName="Li Lei"
        expiresAt="2025-03-01T08:00:20.000Z"
        labels={labels}
        onAccept={onAccept}
        onReject={onReject}
        acceptShortcut="Alt+A"
        testIds={{ root: 'offer', accept: 'accept', reject: 'reject' }}
      />,
    );
    expect(screen.getByRole('group', { name: 'Li Lei' })).toBeTruthy();
    await user.click(screen.getByTestId('accept'));
    expect(onAccept).toHaveBeenCalledTimes(1);
    expect(onReject).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    expect(onReject).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('accept').getAttribute('aria-keyshortcuts')).toBe('Alt+A');
  });

  it('disables both buttons while busy', () => {
    render(<OfferItem channel="voice" customerName="Han Meimei" expiresAt="2025-03-01T08:00:20.000Z" labels={labels} onAccept={() => {}} onReject={() => {}} busy />);
    for (const b of screen.getAllByRole('button')) expect((b as HTMLButtonElement).disabled).toBe(true);
  });

  it('renders a hostile customer name as text', () => {
    const { container } = render(
      <OfferItem channel="chat" customerName="<img src=x onerror=alert(1)>" expiresAt="2025-03-01T08:00:20.000Z" labels={labels} onAccept={() => {}} onReject={() => {}} />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
  });
});
