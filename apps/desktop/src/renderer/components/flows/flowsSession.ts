import { VALUE_TYPES, type CatalogField, type FlowCatalog, type ValueType } from '@omnicc/flows';
import type { FlowCatalogView } from '@omnicc/shared';
import { useSessionStore } from '../../stores/sessionStore.js';

/** The signed-in user's token for a REST call (the agent connection keeps it fresh). */
export const currentToken = (): string => useSessionStore.getState().session?.token ?? '';

const isValueType = (type: string): type is ValueType => (VALUE_TYPES as readonly string[]).includes(type);

type WireField = FlowCatalogView['addIns'][number]['operations'][number]['inputs'][number];

/** A catalog field with its type checked: the wire keeps types as strings (packages/shared cannot import packages/flows). */
function fieldOf(field: WireField): CatalogField {
  // A type this desktop does not know (a newer server) reads as text rather than failing the whole designer.
  const type = isValueType(field.type) ? field.type : 'text';
  return { name: field.name, type, required: field.required, ...(field.label ? { label: field.label } : {}) };
}

/** The server's catalog as the flows package types it. */
export function catalogOf(view: FlowCatalogView): FlowCatalog {
  return {
    addIns: view.addIns.map((a) => ({ ...a, operations: a.operations.map((o) => ({ name: o.name, inputs: o.inputs.map(fieldOf), outputs: o.outputs.map(fieldOf) })) })),
    workOrderTypes: view.workOrderTypes.map((w) => ({ ...w, fields: w.fields.map(fieldOf) })),
    queues: view.queues,
    dispositions: view.dispositions,
  };
}
