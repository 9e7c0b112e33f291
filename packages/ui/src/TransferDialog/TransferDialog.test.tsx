import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransferDialog, type TransferDialogProps, type TransferOption } from './TransferDialog.js';

afterEach(cleanup);

const QUEUES: TransferOption[] = [
  { key: 'queue:billing', label: 'Billing', detail: '3 waiting', keywords: '计费 billing' },
  { key: 'queue:vip', label: 'VIP', detail: '0 waiting' },
];
const AGENTS: TransferOption[] = [
  { key: 'agent:1', label: 'Li Na', detail: 'Not ready', status: 'notReady', unavailableReason: 'Not taking interactions' },
  { key: 'agent:2', label: 'Zhou Bo', detail: 'Ready', status: 'ready' },
];
const LABELS: TransferDialogProps['labels'] = {
  filter: 'Find',
  filterPlaceholder: 'Type a name',
  list: 'Targets',
  queues: 'Queues',
  agents: 'Agents',
  loading: 'Loading…',
  empty: 'Nobody',
  noMatch: (f) => `Nothing matches ${f}`,
  count: (n) => `${n} targets`,
  submit: 'Transfer',
  submitting: 'Transferring…',
  cancel: 'Cancel',
  close: 'Close',
  retry: 'Retry',
};

function show(over: Partial<TransferDialogProps> = {}) {
  const props: TransferDialogProps = { title: 'Transfer', queues: QUEUES, agents: AGENTS, labels: LABELS, onPick: vi.fn(), onCancel: vi.fn(), ...over };
  render(<TransferDialog {...props} />);
  return props;
}

const optionNames = (): string[] => screen.queryAllByRole('option').map((o) => o.getAttribute('data-key') ?? '');

describe('TransferDialog', () => {
  it('focuses the filter, groups queues and agents, and greys unavailable agents with the reason', () => {
    show();
    const filter = screen.getByRole('combobox', { name: 'Find' });
    expect(document.activeElement).toBe(filter);
    expect(within(screen.getByRole('group', { name: 'Queues' })).getAllByRole('option')).toHaveLength(2);
    const liNa = within(screen.getByRole('group', { name: 'Agents' })).getAllByRole('option')[0]!;
    expect(liNa.getAttribute('aria-disabled')).toBe('true');
    expect(liNa.textContent).toContain('Not taking interactions');
    // The first pickable target is highlighted.
    expect(filter.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]!.id);
  });

  it('filters by name and keywords, and says when nothing matches', async () => {
    const user = userEvent.setup();
    show();
    await user.keyboard('计费');
    expect(optionNames()).toEqual(['queue:billing']);
    await user.clear(screen.getByRole('combobox'));
    await user.keyboard('zhou');
    expect(optionNames()).toEqual(['agent:2']);
    await user.keyboard('xx');
    expect(optionNames()).toEqual([]);
    expect(screen.getByRole('status').textContent).toBe('Nothing matches zhouxx');
  });

  it('moves with the arrows over pickable targets only and transfers with Enter', async () => {
    const user = userEvent.setup();
    const props = show();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    // billing -> vip -> (Li Na is skipped) Zhou Bo
    const filter = screen.getByRole('combobox');
    expect(document.getElementById(filter.getAttribute('aria-activedescendant')!)?.getAttribute('data-key')).toBe('agent:2');
    await user.keyboard('{ArrowDown}{ArrowUp}{Enter}');
    expect(props.onPick).toHaveBeenCalledWith('agent:2');
  });

  it('ignores the Enter that commits an input method composition', () => {
    const props = show();
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Enter', isComposing: true });
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Enter', keyCode: 229 });
    expect(props.onPick).not.toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Enter' });
    expect(props.onPick).toHaveBeenCalledWith('queue:billing');
  });

  it('transfers on click, but not to an unavailable agent', async () => {
    const user = userEvent.setup();
    const props = show();
    await user.click(screen.getByText('Li Na'));
    expect(props.onPick).not.toHaveBeenCalled();
    await user.click(screen.getByText('VIP'));
    expect(props.onPick).toHaveBeenCalledWith('queue:vip');
    expect(document.activeElement).toBe(screen.getByRole('combobox'));
  });

  it('waits while a transfer runs: busy button, nothing else can be picked', async () => {
    const user = userEvent.setup();
    const props = show({ busyKey: 'queue:billing' });
    const submit = screen.getByRole('button', { name: 'Transferring…' });
    expect(submit.getAttribute('aria-busy')).toBe('true');
    expect(submit.getAttribute('aria-disabled')).toBe('true');
    await user.click(submit);
    await user.keyboard('{Enter}');
    await user.click(screen.getByText('VIP'));
    expect(props.onPick).not.toHaveBeenCalled();
  });

  it('shows loading, then an error with a retry', async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    show({ queues: null, agents: null, error: 'Loading failed: offline.', onRetry });
    expect(screen.queryAllByRole('option')).toEqual([]);
    expect(screen.getByRole('alert').textContent).toBe('Loading failed: offline.');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('closes on Escape and keeps Tab inside', async () => {
    const user = userEvent.setup();
    const props = show({ queues: null, agents: null });
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
    await user.keyboard('{Escape}');
    expect(props.onCancel).toHaveBeenCalledTimes(1);
  });
});
