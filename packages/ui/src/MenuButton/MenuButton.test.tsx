import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MenuButton } from './MenuButton.js';

afterEach(cleanup);

const items = [
  { id: 'break', label: 'Break', testId: 'reason-break' },
  { id: 'lunch', label: 'Lunch', testId: 'reason-lunch', checked: true },
  { id: 'training', label: 'Training', testId: 'reason-training' },
];

describe('MenuButton', () => {
  it('opens on the checked item, moves with arrows and picks with Enter', async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    render(
      <MenuButton items={items} onSelect={onSelect} emptyLabel="None" menuLabel="Reasons" buttonTestId="btn">
        Not ready
      </MenuButton>,
    );
    const button = screen.getByTestId('btn');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('menu', { name: 'Reasons' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId('reason-lunch'));
    expect(screen.getByTestId('reason-lunch').getAttribute('aria-checked')).toBe('true');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByTestId('reason-training'));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByTestId('reason-break'));
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledWith('break');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('closes on Escape without choosing', async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    render(
      <MenuButton items={items} onSelect={onSelect} emptyLabel="None" menuLabel="Reasons" buttonTestId="btn">
        Not ready
      </MenuButton>,
    );
    await user.click(screen.getByTestId('btn'));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(onSelect).not.toHaveBeenCalled();
  });

  it('says so when there is nothing to choose', async () => {
    render(
      <MenuButton items={[]} onSelect={() => {}} emptyLabel="Loading…" menuLabel="Reasons" buttonTestId="btn">
        Not ready
      </MenuButton>,
    );
    await userEvent.click(screen.getByTestId('btn'));
    expect(screen.getByText('Loading…')).toBeTruthy();
  });
});
