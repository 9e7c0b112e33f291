import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { WORK_ORDER_NUMBER_OUTPUT, type FlowCatalog, type RunState } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import type { DesignerState } from '../model/designerStore.js';
import { nextId } from '../model/edits.js';
import { catalogNames } from '../model/summary.js';
import { ParsedTextField, recordToText, textToRecord } from '../panels/fields.js';
import { FLOW_TEST_IDS } from '../testIds.js';
import type { Simulation } from './useSimulation.js';
import { WaitingStep } from './WaitingStep.js';

/** The output fields the simulator may fill in for an effect: the add-in operation's outputs, the work order's number. */
function outputFieldsOf(run: RunState, catalog: FlowCatalog) {
  const request = run.waiting?.kind === 'effect' ? run.waiting.request : undefined;
  if (request?.kind === 'addInCall') return catalog.addIns.find((a) => a.id === request.addInId)?.operations.find((o) => o.name === request.operation)?.outputs ?? [];
  if (request?.kind === 'createWorkOrder') return [{ name: WORK_ORDER_NUMBER_OUTPUT, type: 'text' as const }];
  return [];
}

const show = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** Simulation (模拟运行): start the flow being edited and step through it as the agent would. */
export function SimulationPanel({ simulation, store, onReveal }: { simulation: Simulation; store: StoreApi<DesignerState>; onReveal: (target: { nodeId?: string }) => void }) {
  const { t, locale, catalog, readOnly } = useDesigner();
  const tests = useStore(store, (s) => s.doc.tests);
  const variables = useStore(store, (s) => s.doc.variables);
  const { run, blocked, refused } = simulation;
  const names = catalogNames(catalog, locale);
  const save = () => {
    const test = simulation.toTestCase(t.tests.newName(tests.length + 1));
    if (!test) return;
    const s = store.getState();
    s.commit({ ...s.doc, tests: [...s.doc.tests, { ...test, id: nextId(s.doc.tests.map((x) => x.id), 't') }] });
  };
  return (
    <div className="fd-sim">
      {!run && (
        <>
          <ParsedTextField label={t.sim.context} multiline code value={simulation.context} format={recordToText} parse={textToRecord} onChange={simulation.setContext} hint="customer.tier=vipGold" />
          <button type="button" className="omni-button omni-button--primary" data-testid={FLOW_TEST_IDS.simStart} onClick={simulation.start}>
            {t.sim.start}
          </button>
        </>
      )}
      {blocked && (
        <div className="fd-sim-blocked" role="alert" data-testid={FLOW_TEST_IDS.simBlocked}>
          <p>{t.sim.blocked}</p>
          <ul>
            {blocked.map((d, i) => (
              <li key={i}>
                {d.nodeId !== undefined ? (
                  <button type="button" className="fd-link" onClick={() => onReveal({ nodeId: d.nodeId! })}>
                    {d.message[locale]}
                  </button>
                ) : (
                  d.message[locale]
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {refused && (
        <p className="omni-field__error" role="alert" data-testid={FLOW_TEST_IDS.simError}>
          {t.sim.refused} {refused.message[locale]}
        </p>
      )}
      {run && (
        <>
          <div className="fd-row fd-row--buttons">
            <button type="button" className="omni-button omni-button--small" data-testid={FLOW_TEST_IDS.simRestart} onClick={simulation.start}>
              {t.sim.restart}
            </button>
            <button type="button" className="omni-button omni-button--small" onClick={simulation.stop}>
              {t.sim.stop}
            </button>
            <button type="button" className="omni-button omni-button--small" disabled={readOnly} data-testid={FLOW_TEST_IDS.simSaveTest} onClick={save}>
              {t.sim.saveTest}
            </button>
          </div>
          {run.status === 'waiting' && run.waiting && <WaitingStep key={`${run.waiting.nodeId}-${run.steps.length}`} waiting={run.waiting} refused={refused} onSend={simulation.send} outputFields={outputFieldsOf(run, catalog)} choicesOf={(name) => variables.find((v) => v.name === name)?.choices} />}
          {run.status === 'failed' && run.failure && (
            <p className="omni-field__error" role="alert" data-testid={FLOW_TEST_IDS.simError} data-node-id={run.failure.nodeId}>
              {run.failure.message[locale]}
            </p>
          )}
          {run.status === 'finished' && run.outcome && (
            <p className="fd-sim-outcome" role="status" data-testid={FLOW_TEST_IDS.simOutcome} data-outcome={run.outcome.kind}>
              {run.outcome.kind === 'ended' ? t.sim.ended(names.disposition(run.outcome.disposition)) : t.sim.transferred(names.queue(run.outcome.queueId))}
            </p>
          )}
          <h4 className="fd-subtitle">{t.sim.variables}</h4>
          <table className="fd-table">
            <thead>
              <tr>
                <th scope="col">{t.sim.variable}</th>
                <th scope="col">{t.sim.value}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(run.variables).map(([name, value]) => (
                <tr key={name} data-testid={FLOW_TEST_IDS.simVariable} data-variable={name}>
                  <td className="fd-code">{name}</td>
                  <td>{show(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4 className="fd-subtitle">{t.sim.path}</h4>
          <ol className="fd-sim-path">
            {run.steps.map((s) => (
              <li key={s.seq}>
                <button type="button" className="fd-link" onClick={() => onReveal({ nodeId: s.nodeId })}>
                  {t.kinds[s.kind as keyof typeof t.kinds] ?? s.kind} <span className="fd-props__id">{s.nodeId}</span>
                  {s.port && ` → ${t.ports[s.port] ?? s.port}`}
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
