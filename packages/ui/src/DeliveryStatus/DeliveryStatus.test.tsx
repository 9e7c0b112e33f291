import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryStatus, type DeliveryStatusValue } from './DeliveryStatus.js';

afterEach(cleanup);

describe('DeliveryStatus', () => {
  const cases: [DeliveryStatusValue, string][] = [
    ['sending', 'Sending'],
    ['sent', 'Sent'],
    ['delivered', 'Delivered'],
    ['read', 'Read'],
    ['failed', 'Not sent'],
  ];

  it.each(cases)('spells out %s for screen readers', (state, label) => {
    const { container } = render(<DeliveryStatus state={state} label={label} />);
    const root = container.firstElementChild!;
    expect(root.getAttribute('data-delivery')).toBe(state);
    expect(screen.getByText(label).className).toContain('omni-visually-hidden');
    expect(root.querySelector('[aria-hidden="true"]')?.textContent).not.toBe('');
  });

  it('tells delivered and read apart by class, not only by glyph', () => {
    const { container, rerender } = render(<DeliveryStatus state="delivered" label="Delivered" />);
    expect(container.firstElementChild!.className).toContain('omni-delivery--delivered');
    rerender(<DeliveryStatus state="read" label="Read" />);
    expect(container.firstElementChild!.className).toContain('omni-delivery--read');
  });
});
