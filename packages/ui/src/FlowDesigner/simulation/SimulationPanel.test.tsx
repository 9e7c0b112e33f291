import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_TEST_IDS as ID } from '../testIds.js';
import { SAMPLE_FLOW } from '../testing/fixtures.js';
import { renderDesigner } from '../testing/renderDesigner.js';

afterEach(cleanup);

/** The sample flow made valid: its work order's error port leads to an end too. */
const VALID = { ...SAMPLE_FLOW, edges: [...SAMPLE_FLOW.edges, { id: 'e10', source: 'n6', sourcePort: 'error', target: 'n9' }] };
const openSimulation = () => fireEvent.click(document.querySelector(`[data-testid="${ID.tab}"][data-tab="simulate"]`)!);
const variable = (name: string) => screen.getAllByTestId(ID.simVariable).find((r) => r.dataset.variable === name)?.textContent;
const pathOf = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${ID.node}"][data-node-id="${id}"]`)?.dataset.path;

describe('simulation', () => {
  it('will not start a flow with errors, and lists them', () => {
    renderDesigner();
    openSimulation();
    fireEvent.click(screen.getByTestId(ID.simStart));
    expect(screen.getByTestId(ID.simBlocked).textContent).toContain('"error" port has no edge');
  });

  it('steps through the flow as the agent would, shows the variables and the path, and saves the run as a test case', async () => {
    const user = userEvent.setup();
    const { doc } = renderDesigner({ document: VALID, simulationContext: { 'customer.name': 'Li Lei', 'customer.phone': '+8613800138000' } });
    openSimulation();
    fireEvent.click(screen.getByTestId(ID.simStart));
    expect(screen.getByTestId(ID.simStep).textContent).toContain('Hello Li Lei, sorry about your broadband.');
    await waitFor(() => expect(pathOf('n2')).toBe('current'));
    fireEvent.click(screen.getByTestId(ID.simNext));

    // An empty required answer is refused, field by field.
    fireEvent.click(screen.getByTestId(ID.simSubmit));
    expect(screen.getByTestId(ID.simStep).textContent).toContain('required');
    await user.type(screen.getByTestId(ID.simAskInput), 'BB-1001');
    fireEvent.click(screen.getByTestId(ID.simSubmit));
    expect(variable('account')).toContain('BB-1001');

    // The billing lookup waits for its answer; 12.5 is no arrears, so the default branch creates the work order.
    expect(screen.getByTestId(ID.simStep).dataset.kind).toBe('addInCall');
    await user.type(screen.getAllByTestId(ID.simEffectOutput).find((i) => i.dataset.field === 'balance')!, '12.5');
    fireEvent.click(screen.getAllByTestId(ID.simEffect).find((b) => b.dataset.outcome === 'ok')!);
    expect(variable('balance')).toContain('12.5');
    expect(screen.getByTestId(ID.simStep).dataset.kind).toBe('createWorkOrder');
    await user.type(screen.getByTestId(ID.simEffectOutput), 'WO-7');
    fireEvent.click(screen.getAllByTestId(ID.simEffect).find((b) => b.dataset.outcome === 'ok')!);
    expect(screen.getByTestId(ID.simOutcome).textContent).toBe('Ended: Work order created');
    expect(variable('orderId')).toContain('WO-7');
    await waitFor(() => expect([pathOf('n1'), pathOf('n6'), pathOf('n7'), pathOf('n8')]).toEqual(['visited', 'visited', 'visited', undefined]));
    expect(document.querySelector('.react-flow__edge[data-id="e6"] path')?.getAttribute('class')).toContain('fd-edge--path');

    fireEvent.click(screen.getByTestId(ID.simSaveTest));
    expect(doc().tests).toEqual([
      {
        id: 't1',
        name: 'Test 1',
        context: { 'customer.name': 'Li Lei', 'customer.phone': '+8613800138000' },
        // The refused submit is not a step of the test: only what the run took.
        steps: [
          { action: 'next', node: 'n2' },
          { action: 'submit', node: 'n3', values: { account: 'BB-1001' } },
        ],
        effects: [
          { node: 'n4', outcome: 'ok', output: { balance: 12.5 } },
          { node: 'n6', outcome: 'ok', output: { number: 'WO-7' } },
        ],
        expect: { path: ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'], finished: true, disposition: 'workOrderCreated' },
      },
    ]);

    // The recorded case passes when run headless, and fails once the flow no longer does what it recorded.
    fireEvent.click(document.querySelector(`[data-testid="${ID.tab}"][data-tab="tests"]`)!);
    fireEvent.click(screen.getByTestId(ID.testRun));
    expect(screen.getByTestId(ID.testReport).textContent).toBe('All 1 tests passed.');
    expect(screen.getByTestId(ID.testResult).dataset.passed).toBe('true');
  });
});
