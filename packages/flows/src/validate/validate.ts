import type { FlowCatalog } from '../catalog.js';
import { flowDocumentSchema, type FlowDocument } from '../schema/flowDocument.js';
import { checkCycles } from './cycles.js';
import { checkUsedBeforeSet } from './dataflow.js';
import type { Diagnostic } from './diagnostic.js';
import { validationContext } from './context.js';
import { buildGraph } from './graph.js';
import { error } from './make.js';
import { checkGuards, checkNode } from './nodeChecks.js';
import { checkReachability, reachableNodes } from './reachability.js';
import { checkDuplicateIds, checkEdgeEnds, checkPorts, checkStarts } from './structure.js';
import { checkTestRefs } from './testRefs.js';
import { checkVariables } from './variables.js';

/** At most this many schema problems are listed: the first ones say enough. */
const MAX_SCHEMA_DIAGNOSTICS = 50;

function schemaDiagnostics(doc: unknown, issues: readonly { path: readonly PropertyKey[]; message: string }[]): Diagnostic[] {
  const nodes = typeof doc === 'object' && doc !== null && Array.isArray((doc as { nodes?: unknown }).nodes) ? (doc as { nodes: unknown[] }).nodes : [];
  const edges = typeof doc === 'object' && doc !== null && Array.isArray((doc as { edges?: unknown }).edges) ? (doc as { edges: unknown[] }).edges : [];
  const idAt = (list: unknown[], i: PropertyKey | undefined) => {
    const item = typeof i === 'number' ? list[i] : undefined;
    const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : undefined;
  };
  return issues.slice(0, MAX_SCHEMA_DIAGNOSTICS).map((issue) => {
    const path = issue.path.map(String).join('.');
    const nodeId = issue.path[0] === 'nodes' ? idAt(nodes, issue.path[1]) : undefined;
    const edgeId = issue.path[0] === 'edges' ? idAt(edges, issue.path[1]) : undefined;
    const place = { path, ...(nodeId === undefined ? {} : { nodeId }), ...(edgeId === undefined ? {} : { edgeId }) };
    return error('schema-invalid', place, `The document is not a valid flow at "${path || '(root)'}": ${issue.message}`, `流程文档格式不正确（${path || '根'}）：${issue.message}`);
  });
}

/**
 * Everything wrong with a flow document, against the catalog of what exists
 * outside it. Never throws: a document that does not even match the schema
 * gives `schema-invalid` diagnostics only. Otherwise the rule families run
 * in a fixed order, each over nodes and edges in document order, so the
 * same document always gives the same list. Errors block publishing and
 * compiling; warnings (unreachable nodes) do not.
 */
export function validate(doc: unknown, catalog: FlowCatalog): Diagnostic[] {
  const parsed = flowDocumentSchema.safeParse(doc);
  if (!parsed.success) return schemaDiagnostics(doc, parsed.error.issues);
  return validateParsed(parsed.data, catalog);
}

/** validate for a document already parsed by flowDocumentSchema. */
export function validateParsed(doc: FlowDocument, catalog: FlowCatalog): Diagnostic[] {
  const graph = buildGraph(doc);
  const ctx = validationContext(doc, catalog, graph);
  const reachable = reachableNodes(graph);
  ctx.out.push(...checkDuplicateIds(doc), ...checkStarts(graph), ...checkEdgeEnds(doc, graph), ...checkPorts(graph));
  ctx.out.push(...checkReachability(graph, reachable), ...checkCycles(graph), ...checkVariables(doc.variables));
  for (const node of graph.nodes) checkNode(ctx, node);
  checkGuards(ctx);
  checkUsedBeforeSet(ctx, reachable);
  ctx.out.push(...checkTestRefs(ctx));
  return ctx.out;
}

/** Whether a list of diagnostics holds an error (what blocks compile and publish). */
export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');
