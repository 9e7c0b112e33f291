import type { Diagnostic } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import { FLOW_TEST_IDS } from '../testIds.js';

/** The error (or warning) count of a node or edge; its messages are the tooltip and the accessible name. */
export function DiagnosticBadge({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  const { t, locale } = useDesigner();
  if (diagnostics.length === 0) return null;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const severity = errors > 0 ? 'error' : 'warning';
  const count = errors > 0 ? t.canvas.errors(errors) : t.canvas.warnings(diagnostics.length);
  const text = diagnostics.map((d) => d.message[locale]).join('\n');
  return (
    <span className={`fd-badge fd-badge--${severity}`} title={text} role="img" aria-label={`${count}: ${text}`} data-testid={FLOW_TEST_IDS.nodeBadge} data-severity={severity}>
      {severity === 'error' ? '!' : '?'}
      {errors > 0 ? errors : diagnostics.length}
    </span>
  );
}
