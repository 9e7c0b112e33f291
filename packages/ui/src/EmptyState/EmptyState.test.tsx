import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyState } from './EmptyState.js';

afterEach(cleanup);

describe('EmptyState', () => {
  it('shows title and hint', () => {
    render(<EmptyState title="No conversations" hint="Set yourself ready to receive chats." testId="empty" />);
    expect(screen.getByTestId('empty').textContent).toBe('No conversations' + 'Set yourself ready to receive chats.');
  });

  it('leaves the hint out when there is none', () => {
    const { container } = render(<EmptyState title="Nothing" />);
    expect(container.querySelector('.omni-empty__hint')).toBeNull();
  });
});
