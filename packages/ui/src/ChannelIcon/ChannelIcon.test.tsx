import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelIcon } from './ChannelIcon.js';

afterEach(cleanup);

describe('ChannelIcon', () => {
  it('is an image with a name when labelled', () => {
    render(<ChannelIcon channel="chat" label="Web chat" />);
    expect(screen.getByRole('img', { name: 'Web chat' }).getAttribute('data-channel')).toBe('chat');
  });

  it('is hidden from assistive technology without a label', () => {
    const { container } = render(<ChannelIcon channel="voice" />);
    expect(container.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(screen.queryByRole('img')).toBeNull();
  });
});
