import type { FlowValue, ValueType } from './schema/variables.js';

/** A named, typed value an add-in operation or a work-order type takes or gives. */
export interface CatalogField {
  name: string;
  type: ValueType;
  required: boolean;
  label?: { en: string; 'zh-CN': string };
}

/** An add-in operation a flow may call (e.g. billing `lookupBalance`). */
export interface CatalogAddInOperation {
  name: string;
  inputs: readonly CatalogField[];
  outputs: readonly CatalogField[];
}

/**
 * What exists outside the flow and the flow may refer to: add-ins and their
 * operations, work-order types, queues and dispositions. The server builds it
 * from its configuration; validate reports references to anything missing
 * (`unknown-add-in`, `unknown-work-order-type`, ...). A test or the designer's
 * simulation passes the same catalog the server would.
 */
export interface FlowCatalog {
  addIns: readonly { id: string; name: { en: string; 'zh-CN': string }; operations: readonly CatalogAddInOperation[] }[];
  workOrderTypes: readonly { type: string; name: { en: string; 'zh-CN': string }; fields: readonly CatalogField[] }[];
  queues: readonly { id: string; name: string }[];
  /** Wrap-up (小结) codes an end node may give. */
  dispositions: readonly { code: string; labels: { en: string; 'zh-CN': string } }[];
}

/** A catalog with nothing in it: every external reference is unknown. */
export const EMPTY_CATALOG: FlowCatalog = { addIns: [], workOrderTypes: [], queues: [], dispositions: [] };

export type { FlowValue };
