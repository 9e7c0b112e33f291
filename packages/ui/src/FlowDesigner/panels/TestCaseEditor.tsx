import type { FlowTestCase, FlowValue, ScriptedEffect, TestStep } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import { catalogNames, nodeCaption } from '../model/summary.js';
import { FLOW_TEST_IDS } from '../testIds.js';
import { withOptional } from './editing.js';
import { ParsedTextField, SelectField, TextField, recordToText, textToRecord, type Option } from './fields.js';

export interface TestCaseEditorProps {
  test: FlowTestCase;
  /** Nodes to pick in steps and effect answers. */
  nodes: readonly Parameters<typeof nodeCaption>[0][];
  onChange: (test: FlowTestCase, field: string) => void;
}

const STEP_ACTIONS = ['next', 'submit', 'reply', 'timeout'] as const;
const OUTCOMES = ['ok', 'timeout', 'error'] as const;
const pathToText = (path: readonly string[] | undefined) => (path ?? []).join(', ');
const textToPath = (text: string) => text.split(/[\s,]+/).filter(Boolean);

function makeStep(action: TestStep['action'], node: string): TestStep {
  if (action === 'submit') return { action, node, values: {} };
  if (action === 'reply') return { action, node, text: '' };
  return { action, node };
}

function makeEffect(outcome: ScriptedEffect['outcome'], node: string): ScriptedEffect {
  return outcome === 'ok' ? { node, outcome } : outcome === 'timeout' ? { node, outcome } : { node, outcome, message: '' };
}

/** A structured editor of one flow test case: context, steps, effect answers, what is expected. */
export function TestCaseEditor({ test, nodes, onChange }: TestCaseEditorProps) {
  const { t, catalog, locale, readOnly } = useDesigner();
  const nodeOptions: Option[] = nodes.map((n) => ({ value: n.id, label: `${nodeCaption(n, t)} (${n.id})` }));
  const setStep = (i: number, step: TestStep, field: string) => onChange({ ...test, steps: test.steps.map((s, j) => (j === i ? step : s)) }, `step.${i}.${field}`);
  const setEffect = (i: number, effect: ScriptedEffect, field: string) => onChange({ ...test, effects: test.effects.map((s, j) => (j === i ? effect : s)) }, `effect.${i}.${field}`);
  const names = catalogNames(catalog, locale);
  const dispositions: Option[] = [{ value: '', label: t.tests.finishedValues.any ?? '' }, ...catalog.dispositions.map((d) => ({ value: d.code, label: names.disposition(d.code) })), { value: 'transferred', label: t.kinds.transfer }];
  const finished = test.expect.finished === undefined ? 'any' : test.expect.finished ? 'yes' : 'no';
  const firstNode = nodes[0]?.id ?? '';
  return (
    <div className="fd-test-editor">
      <TextField label={t.tests.name} value={test.name} disabled={readOnly} testId={FLOW_TEST_IDS.testName} onChange={(name) => onChange({ ...test, name }, 'name')} />
      <ParsedTextField label={t.tests.context} multiline code value={test.context} format={recordToText} parse={textToRecord} disabled={readOnly} onChange={(context) => onChange({ ...test, context }, 'context')} hint="customer.tier=vipGold" />
      <fieldset className="fd-group">
        <legend>{t.tests.steps}</legend>
        <ol className="fd-steps">
          {test.steps.map((step, i) => (
            <li key={i} className="fd-group fd-group--inner">
              <div className="fd-row">
                <SelectField label={t.tests.action} value={step.action} options={STEP_ACTIONS.map((a) => ({ value: a, label: t.tests.actions[a] ?? a }))} disabled={readOnly} onChange={(a) => setStep(i, makeStep(a as TestStep['action'], step.node), 'action')} />
                <SelectField label={t.tests.node} value={step.node} options={nodeOptions} unknownLabel={t.props.unknown} disabled={readOnly} onChange={(node) => setStep(i, { ...step, node }, 'node')} />
              </div>
              {step.action === 'submit' && (
                <ParsedTextField label={t.tests.values} multiline code value={step.values} format={recordToText} parse={textToRecord} disabled={readOnly} onChange={(values: Record<string, FlowValue>) => setStep(i, { ...step, values }, 'values')} />
              )}
              {step.action === 'reply' && <TextField label={t.tests.text} value={step.text} disabled={readOnly} onChange={(text) => setStep(i, { ...step, text }, 'text')} />}
              <button type="button" className="omni-button omni-button--small" disabled={readOnly} onClick={() => onChange({ ...test, steps: test.steps.filter((_, j) => j !== i) }, 'step.remove')}>
                {t.props.remove}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="omni-button omni-button--small" disabled={readOnly} onClick={() => onChange({ ...test, steps: [...test.steps, makeStep('next', firstNode)] }, 'step.add')}>
          {t.tests.addStep}
        </button>
      </fieldset>
      <fieldset className="fd-group">
        <legend>{t.tests.effects}</legend>
        <ol className="fd-steps">
          {test.effects.map((effect, i) => (
            <li key={i} className="fd-group fd-group--inner">
              <div className="fd-row">
                <SelectField label={t.tests.node} value={effect.node} options={nodeOptions} unknownLabel={t.props.unknown} disabled={readOnly} onChange={(node) => setEffect(i, { ...effect, node }, 'node')} />
                <SelectField label={t.tests.outcome} value={effect.outcome} options={OUTCOMES.map((o) => ({ value: o, label: t.tests.outcomes[o] ?? o }))} disabled={readOnly} onChange={(o) => setEffect(i, makeEffect(o as ScriptedEffect['outcome'], effect.node), 'outcome')} />
              </div>
              {effect.outcome === 'ok' && (
                <ParsedTextField label={t.tests.output} multiline code value={effect.output ?? {}} format={recordToText} parse={textToRecord} disabled={readOnly} onChange={(output) => setEffect(i, withOptional(effect, 'output', Object.keys(output).length > 0 ? output : undefined), 'output')} />
              )}
              {effect.outcome === 'error' && <TextField label={t.tests.message} value={effect.message ?? ''} disabled={readOnly} onChange={(message) => setEffect(i, withOptional(effect, 'message', message), 'message')} />}
              <button type="button" className="omni-button omni-button--small" disabled={readOnly} onClick={() => onChange({ ...test, effects: test.effects.filter((_, j) => j !== i) }, 'effect.remove')}>
                {t.props.remove}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="omni-button omni-button--small" disabled={readOnly} onClick={() => onChange({ ...test, effects: [...test.effects, makeEffect('ok', firstNode)] }, 'effect.add')}>
          {t.tests.addEffect}
        </button>
      </fieldset>
      <fieldset className="fd-group">
        <legend>{t.tests.expect}</legend>
        <ParsedTextField label={t.tests.path} code value={test.expect.path ?? []} format={pathToText} parse={textToPath} disabled={readOnly} testId={FLOW_TEST_IDS.testPath} onChange={(path) => onChange({ ...test, expect: withOptional(test.expect, 'path', path.length > 0 ? path : undefined) }, 'path')} />
        <SelectField label={t.tests.disposition} value={test.expect.disposition ?? ''} options={dispositions} unknownLabel={t.props.unknown} disabled={readOnly} testId={FLOW_TEST_IDS.testDisposition} onChange={(d) => onChange({ ...test, expect: withOptional(test.expect, 'disposition', d) }, 'disposition')} />
        <SelectField
          label={t.tests.finished}
          value={finished}
          options={(['any', 'yes', 'no'] as const).map((v) => ({ value: v, label: t.tests.finishedValues[v] ?? v }))}
          disabled={readOnly}
          onChange={(v) => onChange({ ...test, expect: withOptional(test.expect, 'finished', v === 'any' ? undefined : v === 'yes') }, 'finished')}
        />
      </fieldset>
    </div>
  );
}
