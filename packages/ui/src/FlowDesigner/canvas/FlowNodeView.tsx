import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { NODE_PORTS } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import { KIND_LOOK } from '../model/kinds.js';
import { nodeSummary } from '../model/summary.js';
import { FLOW_TEST_IDS } from '../testIds.js';
import { DiagnosticBadge } from './DiagnosticBadge.js';
import { KindIcon } from './KindIcon.js';
import type { DesignerNode } from './elements.js';

/**
 * One node on the canvas: kind colour and glyph, caption, a one-line
 * summary, its problems, and a handle per output port (named when a kind
 * has more than one: ok / timeout / error, reply / timeout).
 */
function FlowNodeViewImpl({ data, selected }: NodeProps<DesignerNode>) {
  const { t, catalog, locale } = useDesigner();
  const { node, diagnostics, diff, path } = data;
  const ports = NODE_PORTS[node.kind];
  const summary = nodeSummary(node, data.branches, t, catalog, locale);
  const hasError = diagnostics.some((d) => d.severity === 'error');
  const classes = [
    'fd-node',
    `fd-node--${KIND_LOOK[node.kind].family}`,
    selected ? 'fd-node--selected' : '',
    hasError ? 'fd-node--invalid' : '',
    diff ? `fd-node--${diff}` : '',
    path ? `fd-node--${path}` : '',
  ].filter(Boolean);
  return (
    <div className={classes.join(' ')} data-testid={FLOW_TEST_IDS.node} data-node-id={node.id} data-kind={node.kind} data-diff={diff} data-path={path}>
      {node.kind !== 'start' && <Handle type="target" position={Position.Top} id="in" className="fd-handle fd-handle--in" data-testid={FLOW_TEST_IDS.handle} data-port="in" />}
      <div className="fd-node__head">
        <KindIcon kind={node.kind} />
        <span className="fd-node__kind">{t.kinds[node.kind]}</span>
        <span className="fd-node__id">{node.id}</span>
        <DiagnosticBadge diagnostics={diagnostics} />
      </div>
      {node.label?.trim() && <div className="fd-node__caption">{node.label}</div>}
      {summary && <div className="fd-node__summary">{summary}</div>}
      {ports.length > 1 && (
        <div className="fd-node__ports" aria-hidden="true">
          {ports.map((p) => (
            <span key={p} className={`fd-port-label fd-port-label--${p}`}>
              {t.ports[p] ?? p}
            </span>
          ))}
        </div>
      )}
      {ports.map((port, i) => (
        <Handle
          key={port}
          type="source"
          position={Position.Bottom}
          id={port}
          className={`fd-handle fd-handle--${port}`}
          style={{ left: `${((i + 0.5) / ports.length) * 100}%` }}
          title={t.ports[port] ?? port}
          data-testid={FLOW_TEST_IDS.handle}
          data-port={port}
        />
      ))}
    </div>
  );
}

export const FlowNodeView = memo(FlowNodeViewImpl);
