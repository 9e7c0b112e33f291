import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WrapUpDialog, type WrapUpLabels } from './WrapUpDialog.js';

afterEach(cleanup);

const labels: WrapUpLabels = {
  disposition: 'Disposition',
  choose: 'Choose…',
  note: 'Note',
  submit: 'Submit',
  cancel: 'Later',
  close: 'Close',
  required: 'Choose a disposition',
  noteTooLong: (n) => `${n} characters too long`,
};
const dispositions = [
  { code: 'resolved', label: 'Resolved' },
  { code: 'followUp', label: 'Needs follow-up' },
];
const ids = { dialog: 'dlg', disposition: 'code', note: 'note', submit: 'submit' };

describe('WrapUpDialog', () => {
  it('requires a disposition before submitting', async () => {
    const onSubmit = vi.fn();
    render(<WrapUpDialog title="Wrap-up" dispositions={dispositions} noteMaxChars={20} labels={labels} onSubmit={onSubmit} onCancel={() => {}} testIds={ids} />);
    expect(document.activeElement).toBe(screen.getByTestId('code'));
    await userEvent.click(screen.getByTestId('submit'));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Choose a disposition');
    expect(screen.getByTestId('code').getAttribute('aria-invalid')).toBe('true');

    await userEvent.selectOptions(screen.getByTestId('code'), 'followUp');
    await userEvent.type(screen.getByTestId('note'), '  call back Monday  ');
    await userEvent.click(screen.getByTestId('submit'));
    expect(onSubmit).toHaveBeenCalledWith({ dispositionCode: 'followUp', note: 'call back Monday' });
  });

  it('preselects a suggested disposition once it is an option, and the agent may change it', async () => {
    const onSubmit = vi.fn();
    const props = { title: 'Wrap-up', noteMaxChars: 20, labels, onSubmit, onCancel: () => {}, testIds: ids, suggestedCode: 'followUp' };
    const { rerender } = render(<WrapUpDialog {...props} dispositions={[]} />);
    expect(screen.getByTestId<HTMLSelectElement>('code').value).toBe('');
    // The dictionary arrives: now the suggestion can be chosen.
    rerender(<WrapUpDialog {...props} dispositions={dispositions} />);
    expect(screen.getByTestId<HTMLSelectElement>('code').value).toBe('followUp');
    await userEvent.selectOptions(screen.getByTestId('code'), 'resolved');
    rerender(<WrapUpDialog {...props} dispositions={[...dispositions]} />);
    await userEvent.click(screen.getByTestId('submit'));
    expect(onSubmit).toHaveBeenCalledWith({ dispositionCode: 'resolved', note: '' });
  });

  it('refuses a note over the limit', async () => {
    const onSubmit = vi.fn();
    render(<WrapUpDialog title="Wrap-up" dispositions={dispositions} noteMaxChars={5} labels={labels} onSubmit={onSubmit} onCancel={() => {}} testIds={ids} />);
    await userEvent.selectOptions(screen.getByTestId('code'), 'resolved');
    fireEvent.change(screen.getByTestId('note'), { target: { value: '1234567' } });
    expect(screen.getByRole('alert').textContent).toBe('2 characters too long');
    await userEvent.click(screen.getByTestId('submit'));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows a server error and lets the agent close it for later', async () => {
    const onCancel = vi.fn();
    render(
      <WrapUpDialog title="Wrap-up" dispositions={dispositions} noteMaxChars={5} labels={labels} onSubmit={() => {}} onCancel={onCancel} error="Could not save" submitting testIds={ids} />,
    );
    expect(screen.getByRole('alert').textContent).toBe('Could not save');
    expect(screen.getByTestId<HTMLButtonElement>('submit').disabled).toBe(true);
    await userEvent.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
