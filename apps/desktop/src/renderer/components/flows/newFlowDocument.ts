import { FLOW_SCHEMA_VERSION, type FlowCatalog, type FlowDocument } from '@omnicc/flows';

/** A lower-case key from a name where it can (Latin letters and digits), for the key field's first guess. */
export function keyFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

/**
 * A new flow that validates from the start: a start node joined to an end
 * node with the catalog's first disposition. The team lead builds between them.
 */
export function newFlowDocument(key: string, name: string, catalog: FlowCatalog): FlowDocument {
  const disposition = catalog.dispositions[0]?.code ?? 'resolved';
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    key,
    name,
    description: '',
    variables: [],
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
      { id: 'end', kind: 'end', position: { x: 0, y: 240 }, disposition },
    ],
    edges: [{ id: 'e-start-end', source: 'start', sourcePort: 'out', target: 'end' }],
    tests: [],
  };
}
