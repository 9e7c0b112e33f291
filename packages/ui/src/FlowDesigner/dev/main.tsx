/* Dev page (not shipped): the designer on a sample flow, to look at in a browser. ?locale=zh-CN&diff=1&readOnly=1&example=vip-complaint */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { DEMO_FLOW_CATALOG, EXAMPLE_FLOWS, diffFlows, type FlowDocument } from '@omnicc/flows';
import '../../theme/theme.css';
import { FlowDesigner } from '../FlowDesigner.js';
import { SAMPLE_CATALOG, SAMPLE_FLOW } from '../testing/fixtures.js';

const params = new URLSearchParams(location.search);
const locale = params.get('locale') === 'zh-CN' ? 'zh-CN' : 'en';
/** An older version: no transfer branch yet, an apology script since removed, another decision caption. */
const base: FlowDocument = {
  ...SAMPLE_FLOW,
  nodes: [...SAMPLE_FLOW.nodes.filter((n) => n.id !== 'n8').map((n) => (n.id === 'n5' ? { ...n, label: 'Balance ok?' } : n)), { id: 'n10', kind: 'script', position: { x: 300, y: 230 }, label: 'Old apology', text: 'We apologise.' }],
  edges: [...SAMPLE_FLOW.edges.filter((e) => e.id !== 'e5'), { id: 'e10', source: 'n3', sourcePort: 'out', target: 'n10' }],
};
const compare = params.has('diff') ? { diff: diffFlows(base, SAMPLE_FLOW), diffBase: base } : {};

const example = EXAMPLE_FLOWS.find((f) => f.key === params.get('example'));

function App() {
  const [doc, setDoc] = useState<FlowDocument>(example ?? SAMPLE_FLOW);
  return (
    <main style={{ height: '100vh' }}>
      <h1 className="omni-visually-hidden">{doc.name}</h1>
      <FlowDesigner document={doc} onChange={setDoc} catalog={example ? DEMO_FLOW_CATALOG : SAMPLE_CATALOG} locale={locale} readOnly={params.has('readOnly')} {...compare} />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
