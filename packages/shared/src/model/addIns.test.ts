import { describe, expect, it } from 'vitest';
import { checkAddInManifest, type AddInManifestInput } from './addIns.js';

const base = (): AddInManifestInput => ({
  id: 'crm-notes',
  version: '1.2.0',
  name: { en: 'CRM notes', 'zh-CN': '客户备注' },
  capabilities: ['customer.read', 'billing.read'],
  slots: [
    { slot: 'customerCardSidebar', entry: '/add-ins/crm-notes/index.html', capabilities: ['customer.read'] },
    { slot: 'flowAddInCall', capabilities: ['billing.read'] },
  ],
  connector: { operations: [{ name: 'lookup', capabilities: ['billing.read'], inputs: [{ name: 'msisdn', type: 'phone', required: true }], outputs: [] }] },
});
const problems = (m: unknown) => {
  const r = checkAddInManifest(m);
  return r.ok ? [] : r.problems.map((p) => `${p.code} ${p.path}`);
};

describe('checkAddInManifest', () => {
  it('accepts a manifest that uses what it asks for, with the default budget and TTL', () => {
    const r = checkAddInManifest(base());
    expect(r.ok && r.manifest.connector).toMatchObject({ timeoutMs: 800, cacheTtlMs: 30_000 });
  });

  it('refuses a capability asked for that no slot or operation declares', () => {
    expect(problems({ ...base(), capabilities: ['customer.read', 'billing.read', 'customer.contact.read'] })).toEqual(['unused-capability capabilities.2']);
  });

  it('refuses a slot or operation using a capability the manifest does not ask for', () => {
    const m = base();
    expect(problems({ ...m, capabilities: ['customer.read'] })).toEqual(['undeclared-capability slots.1.capabilities.0', 'undeclared-capability connector.operations.0.capabilities.0']);
  });

  it('refuses unknown capabilities', () => {
    const m = base();
    expect(problems({ ...m, capabilities: [...m.capabilities, 'agent.token'], slots: [...m.slots.slice(0, 1), { slot: 'flowAddInCall', capabilities: ['billing.read', 'agent.token'] }] })).toContain('unknown-capability capabilities.2');
  });

  it('refuses a bad shape, a UI slot without its own entry, a duplicated slot or operation', () => {
    expect(problems({ ...base(), version: 'latest' })).toEqual(['bad-shape version']);
    expect(problems({ ...base(), slots: [{ slot: 'customerCardSidebar', entry: '/add-ins/billing/index.html', capabilities: ['customer.read'] }, base().slots[1]] })).toEqual(['slot-entry slots.0.entry']);
    const m = base();
    const op = m.connector!.operations[0]!;
    expect(problems({ ...m, connector: { operations: [op, op] } })).toEqual(['duplicate connector.operations']);
    expect(problems({ ...m, slots: [...m.slots, m.slots[0]] })).toEqual(['duplicate slots']);
  });
});
