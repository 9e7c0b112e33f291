import type { FlowCatalog } from '../catalog.js';
import { flowDocumentSchema, type FlowDocument } from '../schema/flowDocument.js';
import type { Diagnostic, DiagnosticCode } from '../validate/diagnostic.js';
import { buildGraph } from '../validate/graph.js';
import { validate, validateParsed } from '../validate/validate.js';
import { EMPTY_CATALOG } from '../catalog.js';
import { flowHash } from './hash.js';
import { buildMachine, type FlowMachine } from './machine.js';
import { buildProgram, type FlowProgram } from './program.js';

/** A flow ready to run: its machine, its hash (what a run state is tied to) and the document it came from. */
export interface CompiledFlow {
  machine: FlowMachine;
  hash: string;
  doc: FlowDocument;
  /** Parsed expressions and lookups the machine's guards and actions use. */
  program: FlowProgram;
  /** What validate said that does not stop a run: warnings, and errors in the flow's tests (runFlowTests fails those tests). */
  diagnostics: Diagnostic[];
}

/** Thrown by compile for a document with errors; `diagnostics` lists them (errors only). */
export class FlowCompileError extends Error {
  readonly code = 'FLOW_INVALID';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`The flow has ${diagnostics.length} error(s): ${diagnostics.slice(0, 3).map((d) => `${d.code} ${d.message.en}`).join('; ')}`);
    this.name = 'FlowCompileError';
  }
}

/** Codes that need the catalog: without one, compile does not check references outside the flow. */
const CATALOG_CODES: ReadonlySet<DiagnosticCode> = new Set([
  'unknown-add-in',
  'unknown-add-in-operation',
  'missing-add-in-input',
  'unknown-add-in-input',
  'unknown-add-in-output',
  'unknown-work-order-type',
  'missing-work-order-field',
  'unknown-work-order-field',
  'unknown-queue',
  'unknown-disposition',
]);

/**
 * Compiles a flow document to an XState v5 machine. Refuses (throws
 * FlowCompileError, code FLOW_INVALID) a document with any error
 * diagnostic, except errors in its test cases; warnings pass. Deterministic: the same document gives the
 * same machine config and hash. Without a catalog, references to add-ins,
 * work-order types, queues and dispositions are not checked (the server
 * compiles with its catalog; tests and the designer may not have one).
 */
export function compile(input: unknown, catalog?: FlowCatalog): CompiledFlow {
  const parsed = flowDocumentSchema.safeParse(input);
  if (!parsed.success) throw new FlowCompileError(validate(input, catalog ?? EMPTY_CATALOG));
  const doc = parsed.data;
  const all = validateParsed(doc, catalog ?? EMPTY_CATALOG).filter((d) => catalog !== undefined || !CATALOG_CODES.has(d.code));
  // A broken test case does not change what a run does: it fails in runFlowTests, it does not stop the flow.
  const blocking = all.filter((d) => d.severity === 'error' && d.testId === undefined);
  if (blocking.length > 0) throw new FlowCompileError(blocking);
  const program = buildProgram(doc);
  return { machine: buildMachine(doc, buildGraph(doc), program), hash: flowHash(doc), doc, program, diagnostics: all };
}
