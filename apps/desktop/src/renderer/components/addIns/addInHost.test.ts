// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADD_IN_RPC_PROTOCOL, type AddInRpcResponse } from '@omnicc/shared';
import { ADD_IN_RATE_LIMIT, createAddInHost, type AddInHostDeps } from './addInHost.js';

/** The host against a real jsdom frame window (the message source), its replies caught on the frame's postMessage. */
function setup(overrides: Partial<AddInHostDeps> = {}) {
  const iframe = document.createElement('iframe');
  document.body.append(iframe);
  const frame = iframe.contentWindow!;
  const replies: AddInRpcResponse[] = [];
  vi.spyOn(frame, 'postMessage').mockImplementation((message: unknown) => void replies.push(message as AddInRpcResponse));
  const logs: string[] = [];
  let t = 0;
  const callOperation = vi.fn((operation: string) => (operation === 'broken' ? Promise.reject(Object.assign(new Error('the BSS timed out'), { code: 'UNAVAILABLE', details: { addInError: 'TIMEOUT' } })) : Promise.resolve({ output: { balance: 12.5 } })));
  const onMisbehaving = vi.fn();
  const host = createAddInHost({
    addIn: { id: 'billing', slot: 'customerCardSidebar', granted: ['customer.contact.read', 'billing.read'] },
    frameWindow: () => frame,
    context: () => ({ interactionId: 'i1', customer: { name: '陈志强', tier: 'vipGold' }, contacts: { phones: ['+8613800138000'], emails: [] } }),
    locale: () => 'zh-CN',
    callOperation,
    now: () => t,
    log: (code, detail) => logs.push(`${code} ${detail}`),
    onMisbehaving,
    ...overrides,
  });
  const send = (data: unknown, source: Window | null = frame) => host.onMessage(new MessageEvent('message', { data, source }));
  const request = (id: string, method: string, params?: unknown) => send({ protocol: ADD_IN_RPC_PROTOCOL, kind: 'request', id, method, ...(params === undefined ? {} : { params }) });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { host, frame, replies, logs, callOperation, onMisbehaving, send, request, settle, tick: (ms: number) => (t += ms) };
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('add-in RPC host', () => {
  it('answers granted methods: the context, the contacts, an operation through the host', async () => {
    const s = setup();
    s.request('1', 'getContext');
    s.request('2', 'getCustomerContacts');
    s.request('3', 'callOperation', { operation: 'lookupAccount', input: { msisdn: '+8613800138000' } });
    await s.settle();
    expect(s.replies).toEqual([
      { protocol: ADD_IN_RPC_PROTOCOL, kind: 'response', id: '1', ok: true, result: { addInId: 'billing', slot: 'customerCardSidebar', locale: 'zh-CN', granted: ['customer.contact.read', 'billing.read'] } },
      { protocol: ADD_IN_RPC_PROTOCOL, kind: 'response', id: '2', ok: true, result: { phones: ['+8613800138000'], emails: [] } },
      { protocol: ADD_IN_RPC_PROTOCOL, kind: 'response', id: '3', ok: true, result: { output: { balance: 12.5 } } },
    ]);
    expect(s.callOperation).toHaveBeenCalledWith('lookupAccount', { msisdn: '+8613800138000' }, 'i1');
  });

  it('refuses a method whose capability is not granted, and an unknown one', async () => {
    const s = setup();
    s.request('1', 'getCustomer');
    s.request('2', 'getAgentToken');
    await s.settle();
    expect(s.replies.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['NOT_GRANTED', 'UNKNOWN_METHOD']);
    expect(s.logs).toEqual([expect.stringMatching(/^NOT_GRANTED billing/), expect.stringMatching(/^UNKNOWN_METHOD billing/)]);
  });

  it("passes a failed operation's code on without the agent's token", async () => {
    const s = setup();
    s.request('1', 'callOperation', { operation: 'broken', input: {} });
    await s.settle();
    expect(s.replies[0]).toMatchObject({ ok: false, error: { code: 'FAILED', addInError: 'TIMEOUT' } });
    expect(JSON.stringify(s.replies)).not.toMatch(/token|Bearer/i);
  });

  it('drops malformed messages with a logged MALFORMED and answers nothing', async () => {
    const s = setup();
    for (const data of ['hello', null, { protocol: 'other', kind: 'request', id: '1', method: 'getContext' }, { protocol: ADD_IN_RPC_PROTOCOL, kind: 'request', method: 'getContext' }, { protocol: ADD_IN_RPC_PROTOCOL, kind: 'request', id: 'x'.repeat(65), method: 'getContext' }]) s.send(data);
    s.request('9', 'callOperation', { operation: 42 });
    await s.settle();
    expect(s.logs.filter((l) => l.startsWith('MALFORMED'))).toHaveLength(6);
    expect(s.replies.map((r) => r.id)).toEqual(['9']);
  });

  it('ignores messages from any window but its frame', async () => {
    const s = setup();
    const other = document.createElement('iframe');
    document.body.append(other);
    s.send({ protocol: ADD_IN_RPC_PROTOCOL, kind: 'request', id: '1', method: 'getContext' }, other.contentWindow);
    s.send({ protocol: ADD_IN_RPC_PROTOCOL, kind: 'request', id: '2', method: 'getContext' }, window);
    await s.settle();
    expect(s.replies).toEqual([]);
  });

  it('refuses a flood beyond the limit per second, marks the frame misbehaving and ignores it from then on', async () => {
    const s = setup();
    for (let i = 0; i < ADD_IN_RATE_LIMIT; i++) s.request(`a${i}`, 'getContext');
    s.tick(1000);
    for (let i = 0; i <= ADD_IN_RATE_LIMIT; i++) s.request(`b${i}`, 'getContext');
    s.request('late', 'getContext');
    await s.settle();
    expect(s.replies.filter((r) => r.ok)).toHaveLength(2 * ADD_IN_RATE_LIMIT);
    expect(s.replies.filter((r) => !r.ok).map((r) => [r.id, !r.ok && r.error.code])).toEqual([[`b${ADD_IN_RATE_LIMIT}`, 'RATE_LIMITED']]);
    expect(s.onMisbehaving).toHaveBeenCalledTimes(1);
    expect(s.host.misbehaving()).toBe(true);
  });
});
