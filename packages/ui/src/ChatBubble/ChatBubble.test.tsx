import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatBubble } from './ChatBubble.js';

afterEach(cleanup);

const base = { authorName: 'Li Lei', sentAt: '2025-03-01T08:05:00.000Z', timeLabel: '16:05' };

describe('ChatBubble', () => {
  it('shows hostile customer text literally and creates no elements from it', () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script><b>bold</b>';
    const { container } = render(
      <ul>
        <ChatBubble {...base} sender="customer" text={hostile} />
      </ul>,
    );
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(container.querySelector('.omni-bubble__text')?.textContent).toBe(hostile);
  });

  it('keeps line breaks as text', () => {
    const { container } = render(
      <ul>
        <ChatBubble {...base} sender="customer" text={'line one\nline two'} />
      </ul>,
    );
    expect(container.querySelector('.omni-bubble__text')?.textContent).toBe('line one\nline two');
  });

  it('marks the sender and shows time and delivery', () => {
    render(
      <ul>
        <ChatBubble {...base} sender="agent" authorName="Agent Wang" text="Hello" delivery={{ state: 'read', label: 'Read' }} testId="msg" />
      </ul>,
    );
    const item = screen.getByTestId('msg');
    expect(item.getAttribute('data-sender')).toBe('agent');
    expect(item.querySelector('time')?.getAttribute('dateTime')).toBe(base.sentAt);
    expect(screen.getByText('16:05')).toBeTruthy();
    expect(item.querySelector('[data-delivery="read"]')).toBeTruthy();
    expect(screen.getByText('Read')).toBeTruthy();
  });

  it('offers a retry for a failed send', async () => {
    const onRetry = vi.fn();
    render(
      <ul>
        <ChatBubble {...base} sender="agent" text="Hello" delivery={{ state: 'failed', label: 'Not sent' }} retry={{ label: 'Retry', onRetry }} />
      </ul>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('renders system notes without author or delivery', () => {
    const { container } = render(
      <ul>
        <ChatBubble {...base} sender="system" authorName="system" text="The customer left" />
      </ul>,
    );
    expect(container.querySelector('.omni-bubble--system')?.textContent).toContain('The customer left');
    expect(container.querySelector('.omni-bubble__author')).toBeNull();
  });
});
