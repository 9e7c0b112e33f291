/* Dev page (not shipped): the designer on a sample flow, to look at in a browser. ?locale=zh-CN&diff=1&readOnly=1 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { FlowDocument } from '@omnicc/flows';
import '../../theme/theme.css';
import { FlowDesigner } from '../FlowDesigner.js';
import type { FlowDiff } from '../diff/diffOverlay.js';
import { SAMPLE_CATALOG, SAMPLE_FLOW } from '../testing/fixtures.js';

const params = new URLSearchParams(location.search);
const locale = params.get('locale') === 'zh-CN' ? 'zh-CN' : 'en';
const diff: FlowDiff | undefined = params.has('diff')
  ? {
      nodes: { added: ['n8'], changed: ['n5'], removed: [{ id: 'n10', kind: 'script', position: { x: 300, y: 230 }, label: 'Old apology', text: 'We apologise.' }] },
      edges: { added: ['e5'], changed: [], removed: [{ id: 'e10', source: 'n3', sourcePort: 'out', target: 'n10' }] },
    }
  : undefined;

function App() {
  const [doc, setDoc] = useState<FlowDocument>(SAMPLE_FLOW);
  return (
    <main style={{ height: '100vh' }}>
      <h1 className="omni-visually-hidden">{doc.name}</h1>
      <FlowDesigner document={doc} onChange={setDoc} catalog={SAMPLE_CATALOG} locale={locale} readOnly={params.has('readOnly')} {...(diff ? { diff } : {})} />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
