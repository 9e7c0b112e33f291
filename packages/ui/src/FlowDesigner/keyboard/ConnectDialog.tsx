import { useId, useRef, useState } from 'react';
import { NODE_PORTS, type FlowDocument, type FlowNode } from '@omnicc/flows';
import { Dialog } from '../../Dialog/Dialog.js';
import { useDesigner } from '../DesignerContext.js';
import { connectionRefusal } from '../model/edits.js';
import { nodeCaption } from '../model/summary.js';
import { FLOW_TEST_IDS } from '../testIds.js';

export interface ConnectDialogProps {
  doc: FlowDocument;
  from: FlowNode;
  onConnect: (port: string, target: string) => void;
  onClose: () => void;
}

/**
 * Connecting by keyboard: pick the port (when the node has several) and the
 * target node from a list (arrows), then Enter. The same rules as dragging
 * a handle: nothing leaves a terminal node, no duplicate edges.
 */
export function ConnectDialog({ doc, from, onConnect, onClose }: ConnectDialogProps) {
  const { t } = useDesigner();
  const ports = NODE_PORTS[from.kind];
  const [port, setPort] = useState(ports[0] ?? '');
  const targets = doc.nodes.filter((n) => n.kind !== 'start');
  const [target, setTarget] = useState(targets.find((n) => n.id !== from.id)?.id ?? targets[0]?.id ?? '');
  const ids = { port: useId(), target: useId(), error: useId() };
  const list = useRef<HTMLSelectElement>(null);
  const refusal = port && target ? connectionRefusal(doc, from.id, port, target) : 'missing';
  const submit = () => {
    if (refusal === null) onConnect(port, target);
  };
  return (
    <Dialog title={t.connect.from(nodeCaption(from, t))} onClose={onClose} closeLabel={t.connect.close} testId={FLOW_TEST_IDS.connectDialog} initialFocusRef={list}>
      {ports.length === 0 ? (
        <p>{t.connect.noPorts}</p>
      ) : (
        <form
          className="fd-connect"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {ports.length > 1 && (
            <div className="omni-field">
              <label className="omni-field__label" htmlFor={ids.port}>
                {t.connect.port}
              </label>
              <select id={ids.port} className="omni-input" value={port} data-testid={FLOW_TEST_IDS.connectPort} onChange={(e) => setPort(e.target.value)}>
                {ports.map((p) => (
                  <option key={p} value={p}>
                    {t.ports[p] ?? p}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="omni-field">
            <label className="omni-field__label" htmlFor={ids.target}>
              {t.connect.target}
            </label>
            <select
              id={ids.target}
              ref={list}
              className="omni-input fd-connect__list"
              size={Math.min(8, Math.max(2, targets.length))}
              value={target}
              aria-describedby={refusal === 'duplicate' ? ids.error : undefined}
              data-testid={FLOW_TEST_IDS.connectTarget}
              onChange={(e) => setTarget(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  submit();
                }
              }}
            >
              {targets.map((n) => (
                <option key={n.id} value={n.id}>
                  {`${nodeCaption(n, t)} (${n.id})`}
                </option>
              ))}
            </select>
          </div>
          {refusal === 'duplicate' && (
            <p id={ids.error} className="omni-field__error" role="alert">
              {t.connect.duplicate}
            </p>
          )}
          <div className="fd-row fd-row--buttons">
            <button type="button" className="omni-button" onClick={onClose}>
              {t.connect.cancel}
            </button>
            <button type="submit" className="omni-button omni-button--primary" disabled={refusal !== null} data-testid={FLOW_TEST_IDS.connectSubmit}>
              {t.connect.submit}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
