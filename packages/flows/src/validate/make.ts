import type { Diagnostic, DiagnosticCode } from './diagnostic.js';

/** Where a diagnostic points. */
export type DiagnosticPlace = Pick<Diagnostic, 'nodeId' | 'edgeId' | 'testId' | 'path'>;

/** A diagnostic; optional places left out so the object stays exact. */
export function diagnostic(code: DiagnosticCode, severity: Diagnostic['severity'], place: DiagnosticPlace, en: string, zh: string): Diagnostic {
  const d: Diagnostic = { code, severity, message: { en, 'zh-CN': zh } };
  if (place.nodeId !== undefined) d.nodeId = place.nodeId;
  if (place.edgeId !== undefined) d.edgeId = place.edgeId;
  if (place.testId !== undefined) d.testId = place.testId;
  if (place.path !== undefined) d.path = place.path;
  return d;
}

export const error = (code: DiagnosticCode, place: DiagnosticPlace, en: string, zh: string) => diagnostic(code, 'error', place, en, zh);
export const warning = (code: DiagnosticCode, place: DiagnosticPlace, en: string, zh: string) => diagnostic(code, 'warning', place, en, zh);
