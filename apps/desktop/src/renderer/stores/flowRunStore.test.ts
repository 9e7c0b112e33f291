// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { askingRun, makeFlowRun, step } from '../testing/flowRunFixtures.js';
import { uuid } from '../testing/fixtures.js';
import { resetAllStores } from '../testing/reset.js';
import { FLOW_PANEL_COLLAPSED_KEY, isNewer, useFlowRunStore } from './flowRunStore.js';

const store = () => useFlowRunStore.getState();
const ID = uuid(1);

describe('flow run store', () => {
  beforeEach(() => resetAllStores());

  it('keeps the run that knows more steps, whatever order replies and pushes come in', () => {
    const later = askingRun();
    store().received(later);
    store().received(makeFlowRun());
    expect(store().runs[ID]?.view?.waiting?.nodeId).toBe('askFault');
    store().received({ ...later, status: 'finished', steps: [...later.steps, step(3, 'end', 'end')] });
    expect(store().runs[ID]?.view?.status).toBe('finished');
  });

  it('takes a later run of the interaction even with fewer steps, and never an earlier one', () => {
    const first = askingRun();
    const second = makeFlowRun({ runId: uuid(701), startedAt: '2026-03-01T09:00:00.000Z' });
    expect(isNewer(first, second)).toBe(true);
    expect(isNewer(second, first)).toBe(false);
    store().received(first);
    store().received(second);
    expect(store().runs[ID]?.view?.runId).toBe(uuid(701));
  });

  it('says "no run" only while none is known: a push that overtook the GET stays', () => {
    store().loadStarted(ID);
    store().received(makeFlowRun());
    store().noRun(ID);
    expect(store().runs[ID]).toMatchObject({ none: false, loading: false, view: { runId: uuid(700) } });
    store().noRun(uuid(2));
    expect(store().runs[uuid(2)]).toMatchObject({ none: true, loading: false });
  });

  it('keeps a failed load beside the last good run, and clears it with the next run', () => {
    store().received(makeFlowRun());
    store().loadStarted(ID);
    store().loadFailed(ID, 'NETWORK');
    expect(store().runs[ID]).toMatchObject({ error: 'NETWORK', loading: false, view: { runId: uuid(700) } });
    store().received(askingRun());
    expect(store().runs[ID]?.error).toBeUndefined();
  });

  it('remembers the fields of each form shown, to name answers in the path', () => {
    store().received(askingRun());
    store().received(makeFlowRun({ steps: [...askingRun().steps, step(3, 'confirm', 'script')], waiting: { kind: 'script', nodeId: 'confirm', text: 'Done' } }));
    expect(store().runs[ID]?.askFields.askFault?.map((f) => f.variable)).toEqual(['account', 'faultKind', 'contactPhone']);
  });

  it('drops the runs of interactions that left the desk', () => {
    store().received(makeFlowRun());
    store().received(makeFlowRun({ interactionId: uuid(2) }));
    store().keepOnly([uuid(2)]);
    expect(Object.keys(store().runs)).toEqual([uuid(2)]);
  });

  it('remembers a folded panel for the session, and forgets it on sign-out', () => {
    store().setCollapsed(true);
    expect(sessionStorage.getItem(FLOW_PANEL_COLLAPSED_KEY)).toBe('1');
    store().reset();
    expect(store().collapsed).toBe(false);
    expect(sessionStorage.getItem(FLOW_PANEL_COLLAPSED_KEY)).toBeNull();
  });
});
