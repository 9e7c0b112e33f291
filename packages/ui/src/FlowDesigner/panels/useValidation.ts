import { useEffect, useState } from 'react';
import type { Diagnostic, FlowCatalog, FlowDocument } from '@omnicc/flows';

/** Validation waits this long after the last edit: it is fast, but typing need not run it per key. */
export const VALIDATION_DELAY_MS = 150;

/**
 * Runs validate on the document a moment after each change. Returns the
 * diagnostics and whether they are behind the document.
 */
export function useValidation(doc: FlowDocument, catalog: FlowCatalog, validate: (doc: FlowDocument, catalog: FlowCatalog) => Diagnostic[]): { diagnostics: readonly Diagnostic[]; pending: boolean } {
  const [result, setResult] = useState<{ doc: FlowDocument | null; diagnostics: readonly Diagnostic[] }>({ doc: null, diagnostics: [] });
  useEffect(() => {
    const timer = setTimeout(() => setResult({ doc, diagnostics: validate(doc, catalog) }), result.doc === null ? 0 : VALIDATION_DELAY_MS);
    return () => clearTimeout(timer);
    // result.doc only tells the first run from the others; re-running on it would validate twice.
  }, [doc, catalog, validate]);
  return { diagnostics: result.diagnostics, pending: result.doc !== doc };
}
