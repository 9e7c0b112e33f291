import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer, type ComposerLabels } from './Composer.js';

afterEach(cleanup);

const labels: ComposerLabels = {
  label: 'Message',
  placeholder: 'Type a reply',
  send: 'Send',
  count: (n, max) => `${n} / ${max}`,
  tooLong: (over) => `${over} characters too long`,
  hint: 'Enter to send',
};

function Harness({ onSend, maxChars = 20, disabled = false }: { onSend: (t: string) => void; maxChars?: number; disabled?: boolean }) {
  const [value, setValue] = useState('');
  return (
    <Composer
      value={value}
      onChange={setValue}
      onSend={(text) => {
        onSend(text);
        setValue('');
      }}
      maxChars={maxChars}
      disabled={disabled}
      labels={labels}
      testIds={{ textarea: 'composer', send: 'send' }}
    />
  );
}

describe('Composer', () => {
  it('sends on Enter and clears', async () => {
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);
    const box = screen.getByTestId<HTMLTextAreaElement>('composer');
    await userEvent.type(box, '  hello  {Enter}');
    expect(onSend).toHaveBeenCalledWith('hello');
    expect(box.value).toBe('');
  });

  it('inserts a new line on Shift+Enter without sending', async () => {
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);
    const box = screen.getByTestId<HTMLTextAreaElement>('composer');
    await userEvent.type(box, 'one{Shift>}{Enter}{/Shift}two');
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe('one\ntwo');
    await userEvent.click(screen.getByTestId('send'));
    expect(onSend).toHaveBeenCalledWith('one\ntwo');
  });

  it('does not send while an input method is composing', () => {
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);
    const box = screen.getByTestId('composer');
    fireEvent.change(box, { target: { value: 'nihao' } });
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 229 });
    fireEvent.keyDown(box, { key: 'Enter', isComposing: true });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 13 });
    expect(onSend).toHaveBeenCalledWith('nihao');
  });

  it('never sends blank text', async () => {
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);
    await userEvent.type(screen.getByTestId('composer'), '   {Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByTestId<HTMLButtonElement>('send').disabled).toBe(true);
  });

  it('keeps text over the limit but refuses to send it', async () => {
    const onSend = vi.fn();
    render(<Harness onSend={onSend} maxChars={10} />);
    const box = screen.getByTestId<HTMLTextAreaElement>('composer');
    await userEvent.type(box, '12345678');
    expect(screen.getByText('8 / 10')).toBeTruthy();
    await userEvent.type(box, '9012{Enter}');
    expect(box.value).toBe('123456789012');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('2 characters too long');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId<HTMLButtonElement>('send').disabled).toBe(true);
    await userEvent.type(box, '{Backspace}{Backspace}{Enter}');
    expect(onSend).toHaveBeenCalledWith('1234567890');
  });

  it('sends nothing while disabled', () => {
    const onSend = vi.fn();
    render(<Harness onSend={onSend} disabled />);
    expect(screen.getByTestId<HTMLTextAreaElement>('composer').disabled).toBe(true);
    expect(screen.getByTestId<HTMLButtonElement>('send').disabled).toBe(true);
  });
});
