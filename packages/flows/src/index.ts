/**
 * Service flows: schema, validation, compilation to XState, runtime.
 * Pure TypeScript (no React, no xyflow). Built in the service-flows issue;
 * for now it only names the flow document's version so the package exists
 * with its lint boundary enforced from day one.
 */
export const FLOW_SCHEMA_VERSION = 1;
