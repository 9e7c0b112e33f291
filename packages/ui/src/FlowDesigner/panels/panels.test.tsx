import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowNodeOf } from '@omnicc/flows';
import { FLOW_TEST_IDS as ID } from '../testIds.js';
import { renderDesigner } from '../testing/renderDesigner.js';

afterEach(cleanup);

const nodeEl = (id: string) => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`)!;
const openTab = (name: string) => fireEvent.click(document.querySelector(`[data-testid="${ID.tab}"][data-tab="${name}"]`)!);
const byData = (testId: string, key: string, value: string) => screen.getAllByTestId(testId).find((el) => el.dataset[key] === value)!;

describe('property forms', () => {
  it('edits ask fields: add one, make it a required choice with options, and declare its variable', async () => {
    const user = userEvent.setup();
    const { doc } = renderDesigner();
    fireEvent.click(nodeEl('n3'));
    fireEvent.click(await screen.findByTestId(ID.askAddField));
    const field = byData(ID.askField, 'index', '1');
    await user.selectOptions(within(field).getByTestId(ID.askFieldInput), 'choice');
    await user.click(within(field).getByTestId(ID.askFieldRequired));
    await user.type(within(field).getByTestId(ID.askFieldChoices), 'fiber=Fiber{Enter}adsl');
    const ask = () => doc().nodes.find((n) => n.id === 'n3') as FlowNodeOf<'ask'>;
    expect(ask().fields[1]).toEqual({
      variable: 'answer2',
      label: 'Field 2',
      input: 'choice',
      required: true,
      choices: [
        { value: 'fiber', label: 'Fiber' },
        { value: 'adsl', label: 'adsl' },
      ],
    });
    await user.click(within(field).getByTestId(ID.declareVariable));
    expect(doc().variables.at(-1)).toMatchObject({ name: 'answer2', type: 'choice', choices: [{ value: 'fiber' }, { value: 'adsl' }] });
  });

  it('maps an add-in operation’s inputs and outputs from the catalog', async () => {
    const user = userEvent.setup();
    const { doc } = renderDesigner();
    fireEvent.click(nodeEl('n4'));
    await user.selectOptions(byData(ID.addInOutput, 'name', 'planName'), 'account');
    await user.clear(byData(ID.addInInput, 'name', 'msisdn'));
    await user.type(byData(ID.addInInput, 'name', 'msisdn'), 'customer.phone');
    expect(doc().nodes.find((n) => n.id === 'n4')).toMatchObject({ input: { msisdn: 'customer.phone' }, output: { balance: 'balance', account: 'planName' } });
  });

  it('sets assignments, the work-order type, the queue and the disposition', async () => {
    const user = userEvent.setup();
    const { doc } = renderDesigner();
    fireEvent.click(nodeEl('n8'));
    await user.selectOptions(await screen.findByTestId(ID.transferQueue), 'vip');
    fireEvent.click(nodeEl('n7'));
    await user.selectOptions(await screen.findByTestId(ID.endDisposition), 'resolved');
    fireEvent.click(nodeEl('n6'));
    await user.selectOptions(await screen.findByTestId(ID.workOrderType), 'complaint');
    await user.type(byData(ID.workOrderField, 'name', 'description'), 'account');
    const node = (id: string) => doc().nodes.find((n) => n.id === id);
    expect([node('n8'), node('n7'), node('n6')]).toMatchObject([{ queueId: 'vip' }, { disposition: 'resolved' }, { workOrderType: 'complaint', fields: { description: 'account' } }]);
  });

  it('declares variables with a type, label and initial value', async () => {
    const user = userEvent.setup();
    const { doc } = renderDesigner();
    openTab('variables');
    fireEvent.click(screen.getByTestId(ID.variableAdd));
    const row = byData(ID.variableRow, 'index', '3');
    await user.clear(within(row).getByTestId(ID.variableName));
    await user.type(within(row).getByTestId(ID.variableName), 'attempts');
    await user.selectOptions(within(row).getByTestId(ID.variableType), 'number');
    await user.type(within(row).getByTestId(ID.variableInitial), '3');
    expect(doc().variables.at(-1)).toEqual({ name: 'attempts', type: 'number', initial: 3 });
  });

  it('adds a flow test case and edits what it expects', async () => {
    const user = userEvent.setup();
    const { doc } = renderDesigner();
    openTab('tests');
    fireEvent.click(screen.getByTestId(ID.testAdd));
    await user.type(screen.getByTestId(ID.testPath), 'n1, n2 n3');
    await user.selectOptions(screen.getByTestId(ID.testDisposition), 'resolved');
    expect(doc().tests).toEqual([{ id: 't1', name: 'Test 1', context: {}, steps: [], effects: [], expect: { path: ['n1', 'n2', 'n3'], disposition: 'resolved' } }]);
  });
});
