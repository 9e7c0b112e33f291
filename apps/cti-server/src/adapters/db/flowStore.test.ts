import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FlowDocument, RunState, StepRecord } from '@omnicc/flows';
import type { FlowStore } from '../../store/FlowStore.js';
import { createPgFlowStore } from './flowStore.js';
import { countRows, openTestStore, resetWithChatQueueAndAgent, stopEmbeddedTestCluster, TEST_DB_KINDS, type TestStore } from './testing.js';

afterAll(stopEmbeddedTestCluster);

/** A parsable document; the store neither validates nor compiles. */
const doc = (key: string, name = 'Broadband fault', text = 'Hello'): FlowDocument => ({
  schemaVersion: 1,
  key,
  name,
  description: '',
  variables: [],
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
    { id: 'greet', kind: 'script', position: { x: 0, y: 100 }, text },
    { id: 'done', kind: 'end', position: { x: 0, y: 200 }, disposition: 'resolved' },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'greet' },
    { id: 'e2', source: 'greet', sourcePort: 'out', target: 'done' },
  ],
  tests: [],
});

const step = (seq: number, nodeId: string, port?: string): StepRecord => ({ seq, nodeId, kind: nodeId, at: '2025-03-01T08:00:00.000Z', ...(port ? { port } : {}) });
/** A run waiting at `greet` (two steps), or finished at `done` (three). */
const waitingState = (runId: string): RunState => ({
  runId,
  flowKey: 'fault',
  flowHash: 'h1',
  status: 'waiting',
  waiting: { kind: 'script', nodeId: 'greet', text: 'Hello' },
  variables: {},
  context: {},
  steps: [step(0, 'start', 'out'), step(1, 'greet')],
  machine: { value: 'greet' },
});
const finishedState = (runId: string): RunState => {
  const { waiting: _left, ...rest } = waitingState(runId);
  return {
    ...rest,
    status: 'finished',
    outcome: { kind: 'ended', nodeId: 'done', disposition: 'resolved' },
    steps: [step(0, 'start', 'out'), step(1, 'greet', 'out'), step(2, 'done')],
  };
};

describe.each(TEST_DB_KINDS)('pg flow store (%s)', (kind) => {
  let t: TestStore;
  let flows: FlowStore;
  let lead: string;
  let agent: string;
  const by = () => ({ actorId: lead, at: new Date().toISOString() });
  beforeAll(async () => {
    t = await openTestStore(kind);
    flows = createPgFlowStore(t.pool);
  });
  afterAll(() => t.cleanup());
  beforeEach(async () => {
    agent = await resetWithChatQueueAndAgent(t);
    lead = (await t.store.users.upsert({ username: 'tina', displayName: '班长 Tina', role: 'teamLead', passwordHash: 'h' })).id;
  });

  it('creates a flow, saves its draft only from the current revision, and audits each change', async () => {
    const created = await flows.flows.create(doc('fault'), by());
    expect(created).toMatchObject({ key: 'fault', name: 'Broadband fault', draftRevision: 1, liveVersion: null, latestVersion: 0, updatedBy: { id: lead, displayName: '班长 Tina' } });
    await expect(flows.flows.create(doc('fault'), by())).rejects.toMatchObject({ code: 'CONFLICT' });

    const saved = await flows.flows.saveDraft('fault', 1, doc('fault', 'Renamed', 'Hi'), by());
    expect(saved.revision).toBe(2);
    // A second tab that loaded revision 1 does not overwrite the first one's save.
    await expect(flows.flows.saveDraft('fault', 1, doc('fault', 'Other tab'), by())).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(flows.flows.saveDraft('nope', 1, doc('nope'), by())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const read = await flows.flows.get('fault');
    expect(read).toMatchObject({ name: 'Renamed', draftRevision: 2 });
    expect(read?.draft.nodes[1]).toMatchObject({ text: 'Hi' });
    expect((await flows.flows.list()).map((f) => f.key)).toEqual(['fault']);
    const audit = await t.pool.query<{ action: string; actor_id: string }>('SELECT action, actor_id FROM flow_audit ORDER BY id');
    expect(audit.rows).toEqual([
      { action: 'create', actor_id: lead },
      { action: 'saveDraft', actor_id: lead },
    ]);
  });

  it('publishes versions that never change, and rolls back by moving the live version only', async () => {
    await flows.flows.create(doc('fault', 'Fault', 'v1 text'), by());
    const v1 = await flows.flows.publish('fault', { revision: 1, document: doc('fault', 'Fault', 'v1 text'), hash: 'hash-1', comment: '首版' }, by());
    expect(v1).toMatchObject({ version: 1, live: true });
    await expect(flows.flows.publish('fault', { revision: 1, document: doc('fault', 'Fault', 'v1 text'), hash: 'x', comment: 'again' }, by())).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(flows.flows.publish('fault', { revision: 1, document: doc('fault'), hash: 'x', comment: 'stale' }, by())).resolves.toMatchObject({ version: 2 });
    await flows.flows.saveDraft('fault', 1, doc('fault', 'Fault', 'v3 text'), by());
    const v3 = await flows.flows.publish('fault', { revision: 2, document: doc('fault', 'Fault', 'v3 text'), hash: 'hash-3', comment: 'third' }, by());
    expect(v3.version).toBe(3);
    expect((await flows.flows.get('fault'))?.liveVersion).toBe(3);

    const before = await t.pool.query('SELECT * FROM flow_versions ORDER BY version');
    await expect(t.pool.query("UPDATE flow_versions SET comment = 'rewritten' WHERE version = 1")).rejects.toThrow(/immutable/);
    await expect(t.pool.query('DELETE FROM flow_versions WHERE version = 1')).rejects.toThrow(/immutable/);

    const rolled = await flows.flows.rollback('fault', 1, 'v3 breaks billing', by());
    expect(rolled).toMatchObject({ liveVersion: 1, latestVersion: 3 });
    expect((await t.pool.query('SELECT * FROM flow_versions ORDER BY version')).rows).toEqual(before.rows);
    expect((await flows.flows.live('fault'))?.document.nodes[1]).toMatchObject({ text: 'v1 text' });
    expect((await flows.flows.versions('fault')).map((v) => [v.version, v.live, v.comment])).toEqual([
      [3, false, 'third'],
      [2, false, 'stale'],
      [1, true, '首版'],
    ]);
    await expect(flows.flows.rollback('fault', 9, 'nope', by())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(flows.flows.versions('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await flows.flows.version('fault', 9)).toBeUndefined();
    const audit = await t.pool.query<{ action: string; detail: Record<string, unknown> }>("SELECT action, detail FROM flow_audit WHERE action = 'rollback'");
    expect(audit.rows).toEqual([{ action: 'rollback', detail: { version: 1, previousLive: 3, comment: 'v3 breaks billing' } }]);
  });

  it('publishes a draft once when publishes race, and a stale one writes nothing', async () => {
    await flows.flows.create(doc('fault'), by());
    await flows.flows.saveDraft('fault', 1, doc('fault', 'Two'), by());
    await expect(flows.flows.publish('fault', { revision: 1, document: doc('fault'), hash: 'h', comment: 'old' }, by())).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await countRows(t.pool, 'flow_versions')).toBe(0);
    expect((await flows.flows.get('fault'))?.liveVersion).toBeNull();

    const results = await Promise.allSettled([0, 1, 2].map(() => flows.flows.publish('fault', { revision: 2, document: doc('fault', 'Two'), hash: 'h2', comment: 'race' }, by())));
    // The row lock makes them publish in turn: the first makes version 1 live, the others find it is this draft already.
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(results.filter((r) => r.status === 'rejected')).toMatchObject([{ reason: { code: 'CONFLICT' } }, { reason: { code: 'CONFLICT' } }]);
    expect(await countRows(t.pool, 'flow_versions')).toBe(1);
    expect((await flows.flows.get('fault'))?.liveVersion).toBe(1);
  });

  it('binds flows by queue, channel and type: one binding per criteria, best match first', async () => {
    await flows.flows.create(doc('fault'), by());
    await flows.flows.create(doc('plan', 'Plan change'), by());
    const byQueue = await flows.bindings.create({ flowKey: 'fault', queueId: 'chat-general', priority: 0 }, by());
    const byChannel = await flows.bindings.create({ flowKey: 'plan', channel: 'chat', priority: 0 }, by());
    await expect(flows.bindings.create({ flowKey: 'plan', queueId: 'chat-general', priority: 5 }, by())).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(flows.bindings.create({ flowKey: 'plan', queueId: 'no-such-queue', priority: 0 }, by())).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(flows.bindings.create({ flowKey: 'nope', channel: 'sms', priority: 0 }, by())).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const criteria = { queueId: 'chat-general', channel: 'chat', interactionType: 'inbound' } as const;
    expect((await flows.bindings.match(criteria)).map((b) => b.id)).toEqual([byQueue.id, byChannel.id]);
    expect((await flows.bindings.match({ ...criteria, channel: 'sms', queueId: 'sms-general' })).map((b) => b.id)).toEqual([]);
    // A priority overrides specificity.
    await flows.bindings.update(byChannel.id, { flowKey: 'plan', channel: 'chat', priority: 10 }, by());
    expect((await flows.bindings.match(criteria))[0]?.flowKey).toBe('plan');
    await flows.bindings.delete(byChannel.id, by());
    await expect(flows.bindings.delete(byChannel.id, by())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(flows.bindings.update('not-a-uuid', { flowKey: 'plan', channel: 'chat', priority: 0 }, by())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await flows.bindings.list()).map((b) => b.flowKey)).toEqual(['fault']);
    const actions = (await t.pool.query<{ action: string }>("SELECT action FROM flow_audit WHERE action LIKE '%Binding' ORDER BY id")).rows.map((r) => r.action);
    expect(actions).toEqual(['createBinding', 'createBinding', 'updateBinding', 'deleteBinding']);
  });

  it('starts a run once per interaction and flow, and lets only one of two racing saves advance it', async () => {
    await flows.flows.create(doc('fault'), by());
    await flows.flows.publish('fault', { revision: 1, document: doc('fault'), hash: 'h1', comment: 'c' }, by());
    const interaction = await t.store.interactions.create({ channel: 'chat', queueId: 'chat-general', customer: { name: 'C' } }, new Date().toISOString());
    const runId = crypto.randomUUID();
    const at = new Date().toISOString();
    const started = await flows.runs.start({ runId, interactionId: interaction.id, flowKey: 'fault', version: 1, agentId: agent, state: waitingState(runId), at });
    expect(started).toMatchObject({ created: true, run: { runId, status: 'waiting', stepCount: 2, agentId: agent } });
    const again = await flows.runs.start({ runId: crypto.randomUUID(), interactionId: interaction.id, flowKey: 'fault', version: 1, state: waitingState('x'), at });
    expect(again).toMatchObject({ created: false, run: { runId } });

    const saves = await Promise.allSettled([flows.runs.save(runId, 2, finishedState(runId), at), flows.runs.save(runId, 2, finishedState(runId), at)]);
    expect(saves.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(saves.find((s) => s.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
    await expect(flows.runs.save(crypto.randomUUID(), 2, finishedState(runId), at)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const run = await flows.runs.latestFor(interaction.id);
    expect(run).toMatchObject({ status: 'finished', stepCount: 3, disposition: 'resolved', finishedAt: at });
    const steps = await t.pool.query('SELECT seq, node_id, port FROM flow_run_steps ORDER BY seq');
    expect(steps.rows).toEqual([
      { seq: 0, node_id: 'start', port: 'out' },
      { seq: 1, node_id: 'greet', port: 'out' },
      { seq: 2, node_id: 'done', port: null },
    ]);
  });

  it('finds runs waiting for a reply, those past their deadline, and effects left out', async () => {
    await flows.flows.create(doc('fault'), by());
    await flows.flows.publish('fault', { revision: 1, document: doc('fault'), hash: 'h1', comment: 'c' }, by());
    const interaction = await t.store.interactions.create({ channel: 'sms', queueId: 'chat-general', customer: { name: 'C' } }, new Date().toISOString());
    const runId = crypto.randomUUID();
    const waitReply: RunState = { ...waitingState(runId), waiting: { kind: 'waitReply', nodeId: 'greet', deadline: '2025-03-01T08:05:00.000Z' } };
    await flows.runs.start({ runId, interactionId: interaction.id, flowKey: 'fault', version: 1, state: waitReply, at: '2025-03-01T08:00:00.000Z' });
    expect((await flows.runs.waitingForReply(interaction.id)).map((r) => r.runId)).toEqual([runId]);
    expect(await flows.runs.replyDeadlinesDue('2025-03-01T08:04:59.999Z', 10)).toEqual([]);
    expect((await flows.runs.replyDeadlinesDue('2025-03-01T08:05:00.000Z', 10)).map((r) => r.runId)).toEqual([runId]);
    expect(await flows.runs.effectsPending(10)).toEqual([]);
    const effect: RunState = {
      ...waitingState(runId),
      steps: [...waitingState(runId).steps.slice(0, 1), step(1, 'greet', 'out'), step(2, 'sms')],
      waiting: { kind: 'effect', nodeId: 'sms', request: { kind: 'sendMessage', nodeId: 'sms', idempotencyKey: 'k', channel: 'sms', to: null, body: 'b' } },
    };
    await flows.runs.save(runId, 2, effect, '2025-03-01T08:01:00.000Z');
    expect((await flows.runs.effectsPending(10)).map((r) => r.runId)).toEqual([runId]);
    expect(await flows.runs.waitingForReply(interaction.id)).toEqual([]);
  });
});
