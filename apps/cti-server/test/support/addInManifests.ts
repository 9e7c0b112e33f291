import type { AddInManifestInput } from '@omnicc/shared';

/** A small valid manifest (a sidebar page and one billing operation) for the admin tests. */
export const probeManifest = (id: string, version = '1.0.0'): AddInManifestInput => ({
  id,
  version,
  name: { en: `Probe ${id}`, 'zh-CN': `测试 ${id}` },
  capabilities: ['customer.read', 'billing.read'],
  slots: [
    { slot: 'customerCardSidebar', entry: `/add-ins/${id}/index.html`, capabilities: ['customer.read'] },
    { slot: 'flowAddInCall', capabilities: ['billing.read'] },
  ],
  connector: { baseUrl: 'http://127.0.0.1:1', operations: [{ name: 'lookup', capabilities: ['billing.read'], inputs: [{ name: 'msisdn', type: 'phone', required: true }], outputs: [{ name: 'score', type: 'number', required: true }] }] },
});
