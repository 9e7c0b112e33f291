import { canonicalJson } from '../compile/hash.js';
import type { FlowDocument } from '../schema/flowDocument.js';

/** One element in both versions, with the names of the fields that differ (`guard`, `position`, `fields`). */
export interface ChangedElement {
  id: string;
  fields: string[];
}

/** What differs between two versions of a kind of element, by id (variables by name). */
export interface ElementDiff {
  added: string[];
  removed: string[];
  changed: ChangedElement[];
}

/**
 * Two versions of a flow compared: nodes and edges (which the designer
 * draws on the canvas and lists), variables, tests, and the document's own
 * fields (name, description). `layoutOnly` lists nodes whose only change is
 * their position, so a view can hide mere moves.
 */
export interface FlowDiff {
  identical: boolean;
  meta: string[];
  nodes: ElementDiff;
  edges: ElementDiff;
  variables: ElementDiff;
  tests: ElementDiff;
  layoutOnly: string[];
}

/** Keys whose values differ (canonical JSON, so key order does not matter), sorted. */
function changedFields(a: object, b: object): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
  return keys.filter((k) => canonicalJson(ra[k]) !== canonicalJson(rb[k]));
}

function diffBy<T extends object>(a: readonly T[], b: readonly T[], key: (x: T) => string): ElementDiff {
  const inA = new Map(a.map((x) => [key(x), x]));
  const inB = new Map(b.map((x) => [key(x), x]));
  const changed: ChangedElement[] = [];
  for (const [id, x] of inB) {
    const old = inA.get(id);
    if (!old) continue;
    const fields = changedFields(old, x);
    if (fields.length > 0) changed.push({ id, fields });
  }
  return { added: [...inB.keys()].filter((id) => !inA.has(id)), removed: [...inA.keys()].filter((id) => !inB.has(id)), changed };
}

/**
 * What changed from version `a` to version `b`. Added and changed elements
 * come in `b`'s order, removed ones in `a`'s. Pure and deterministic.
 */
export function diffFlows(a: FlowDocument, b: FlowDocument): FlowDiff {
  const nodes = diffBy(a.nodes, b.nodes, (n) => n.id);
  const edges = diffBy(a.edges, b.edges, (e) => e.id);
  const variables = diffBy(a.variables, b.variables, (v) => v.name);
  const tests = diffBy(a.tests, b.tests, (t) => t.id);
  const meta = changedFields({ key: a.key, name: a.name, description: a.description, schemaVersion: a.schemaVersion }, { key: b.key, name: b.name, description: b.description, schemaVersion: b.schemaVersion });
  const layoutOnly = nodes.changed.filter((c) => c.fields.length === 1 && c.fields[0] === 'position').map((c) => c.id);
  const identical = meta.length === 0 && [nodes, edges, variables, tests].every((d) => d.added.length + d.removed.length + d.changed.length === 0);
  return { identical, meta, nodes, edges, variables, tests, layoutOnly };
}
