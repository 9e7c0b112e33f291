import { useState } from 'react';
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import type { FlowDocument } from '@omnicc/flows';
import { FlowDesigner, type FlowDesignerProps } from '../FlowDesigner.js';
import { SAMPLE_CATALOG, SAMPLE_FLOW } from './fixtures.js';
import { installReactFlowShims } from './reactFlowShims.js';

/**
 * Renders the designer as a host would (state that takes each onChange back
 * as `document`), and returns the spy and a way to read the latest document.
 */
export function renderDesigner(props: Partial<FlowDesignerProps> = {}) {
  installReactFlowShims();
  const onChange = vi.fn<(doc: FlowDocument) => void>();
  let latest: FlowDocument = props.document ?? SAMPLE_FLOW;
  function Host() {
    const [doc, setDoc] = useState<FlowDocument>(latest);
    return (
      <div style={{ width: 1200, height: 800 }}>
        <FlowDesigner
          catalog={SAMPLE_CATALOG}
          locale="en"
          {...props}
          document={doc}
          onChange={(next) => {
            latest = next;
            setDoc(next);
            onChange(next);
          }}
        />
      </div>
    );
  }
  const view = render(<Host />);
  return { ...view, onChange, doc: () => latest };
}
