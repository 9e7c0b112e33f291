import { tokenizeCannedTemplate } from '@omnicc/shared';
import type { FlowValue } from '../schema/variables.js';
import type { ExprValues } from './evaluate.js';

/** What a `{{…}}` template refers to: names (variables or context paths) and pieces that are not names. */
export interface TemplateRefs {
  names: { name: string; index: number }[];
  invalid: { raw: string; index: number }[];
}

/** The names and broken `{{…}}` pieces of a template, in order (same tokenizer as canned responses). */
export function templateRefs(template: string): TemplateRefs {
  const refs: TemplateRefs = { names: [], invalid: [] };
  for (const t of tokenizeCannedTemplate(template)) {
    if (t.kind === 'variable') refs.names.push({ name: t.name, index: t.index });
    else if (t.kind === 'invalid') refs.invalid.push({ raw: t.raw, index: t.index });
  }
  return refs;
}

const show = (v: FlowValue): string => (v === null ? '' : String(v));

/**
 * Fills `{{name}}` holes from variables and context fields, in one pass (a
 * value put in is never scanned again). An unset value becomes empty text; a
 * name that is neither stays as written (validate reports it).
 */
export function interpolate(template: string, values: ExprValues): string {
  let text = '';
  for (const t of tokenizeCannedTemplate(template)) {
    if (t.kind === 'text') text += t.text;
    else if (t.kind === 'invalid') text += t.raw;
    else text += Object.hasOwn(values, t.name) ? show(values[t.name] ?? null) : t.raw;
  }
  return text;
}
