import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { useDesigner } from '../DesignerContext.js';
import { FLOW_TEST_IDS } from '../testIds.js';
import { DiagnosticBadge } from './DiagnosticBadge.js';
import type { DesignerEdge } from './elements.js';

/** An edge with its caption: the label, else the guard, else the port's name or "default" when siblings have guards. */
function FlowEdgeViewImpl(props: EdgeProps<DesignerEdge>) {
  const { t } = useDesigner();
  const { id, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getSmoothStepPath({ ...props, borderRadius: 10 });
  if (!data) return null;
  const { edge, diagnostics, diff, onPath } = data;
  const portName = data.namedPort ? (t.ports[edge.sourcePort] ?? edge.sourcePort) : '';
  const shown = edge.label ?? edge.guard ?? (portName || (data.isDefault ? t.canvas.defaultBranch : ''));
  const classes = ['fd-edge', selected ? 'fd-edge--selected' : '', diff ? `fd-edge--${diff}` : '', onPath ? 'fd-edge--path' : '', diagnostics.some((d) => d.severity === 'error') ? 'fd-edge--invalid' : ''];
  return (
    <>
      <BaseEdge id={id} path={path} className={classes.filter(Boolean).join(' ')} {...(markerEnd ? { markerEnd } : {})} interactionWidth={16} />
      {(shown || diagnostics.length > 0) && (
        <EdgeLabelRenderer>
          <div
            className={`fd-edge-label nodrag nopan${selected ? ' fd-edge-label--selected' : ''}${diff ? ` fd-edge-label--${diff}` : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={FLOW_TEST_IDS.edgeLabel}
            data-edge-id={edge.id}
          >
            {shown && <span className="fd-edge-label__text">{shown}</span>}
            <DiagnosticBadge diagnostics={diagnostics} />
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const FlowEdgeView = memo(FlowEdgeViewImpl);
