import type { FlowDocument } from '../schema/flowDocument.js';
import { NODE_PORTS } from '../schema/nodes.js';
import type { Diagnostic } from './diagnostic.js';
import type { FlowGraph } from './graph.js';
import { error } from './make.js';

/** Node, edge and test ids used twice (the second and later uses are reported). */
export function checkDuplicateIds(doc: FlowDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const each = (ids: string[], place: (id: string, i: number) => { nodeId?: string; edgeId?: string; testId?: string; path: string }, what: string, zhWhat: string) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) out.push(error('duplicate-id', place(id, i), `Another ${what} already has the id "${id}"`, `${zhWhat} ID "${id}" 重复`));
      seen.add(id);
    });
  };
  each(doc.nodes.map((n) => n.id), (nodeId, i) => ({ nodeId, path: `nodes.${i}.id` }), 'node', '节点');
  each(doc.edges.map((e) => e.id), (edgeId, i) => ({ edgeId, path: `edges.${i}.id` }), 'edge', '连线');
  each(doc.tests.map((t) => t.id), (testId, i) => ({ testId, path: `tests.${i}.id` }), 'test', '测试用例');
  return out;
}

/** Exactly one start node. */
export function checkStarts(graph: FlowGraph): Diagnostic[] {
  const starts = graph.nodes.filter((n) => n.kind === 'start');
  if (starts.length === 0) return [error('no-start', {}, 'The flow has no start node', '流程缺少开始节点')];
  return starts.slice(1).map((n) => error('multiple-starts', { nodeId: n.id }, 'The flow has more than one start node', '流程有多个开始节点'));
}

/** Edges from or to nodes that do not exist, and edges from a port their node does not have. */
export function checkEdgeEnds(doc: FlowDocument, graph: FlowGraph): Diagnostic[] {
  const out: Diagnostic[] = [];
  doc.edges.forEach((e, i) => {
    for (const end of ['source', 'target'] as const) {
      if (!graph.indexOf.has(e[end])) out.push(error('dangling-edge', { edgeId: e.id, path: `edges.${i}.${end}` }, `The edge's ${end} "${e[end]}" is not a node`, `连线的${end === 'source' ? '起点' : '终点'} "${e[end]}" 不存在`));
    }
    const s = graph.indexOf.get(e.source);
    if (s === undefined) return;
    const kind = graph.nodes[s]!.kind;
    const ports = NODE_PORTS[kind];
    if (!ports.includes(e.sourcePort)) {
      const en = ports.length === 0 ? `A ${kind} node ends the flow: no edge may leave it` : `A ${kind} node has no port "${e.sourcePort}" (its ports: ${ports.join(', ')})`;
      const zh = ports.length === 0 ? `${kind} 节点是流程终点，不能有出线` : `${kind} 节点没有端口 "${e.sourcePort}"（可用：${ports.join('、')}）`;
      out.push(error('unknown-port', { edgeId: e.id, nodeId: e.source, path: `edges.${i}.sourcePort` }, en, zh));
    }
  });
  return out;
}

/**
 * Every port needs an edge, and exactly one unguarded (default) edge: a run
 * that reaches a port where no edge holds would be stuck there.
 */
export function checkPorts(graph: FlowGraph): Diagnostic[] {
  const out: Diagnostic[] = [];
  graph.nodes.forEach((n, i) => {
    for (const [port, edges] of graph.ports[i]!) {
      if (edges.length === 0) {
        out.push(error('port-not-connected', { nodeId: n.id, path: `ports.${port}` }, `The "${port}" port has no edge: a run leaving by it would be stuck`, `端口 "${port}" 没有连线，流程走到这里会停住`));
        continue;
      }
      const defaults = edges.filter((e) => e.guard === undefined);
      if (defaults.length === 0 && n.kind === 'decision')
        out.push(error('decision-without-default', { nodeId: n.id, path: `ports.${port}` }, 'The decision has no default branch (an edge without a condition)', '判断节点缺少默认分支（不带条件的连线）'));
      else if (defaults.length === 0)
        out.push(error('port-without-default', { nodeId: n.id, path: `ports.${port}` }, `The "${port}" port has no default edge (one without a condition)`, `端口 "${port}" 缺少默认连线（不带条件的连线）`));
      for (const extra of defaults.slice(1))
        out.push(error('multiple-defaults', { nodeId: n.id, edgeId: extra.id, path: `ports.${port}` }, `The "${port}" port has more than one edge without a condition; only the first would ever be taken`, `端口 "${port}" 有多条不带条件的连线，只有第一条会被走到`));
    }
  });
  return out;
}
