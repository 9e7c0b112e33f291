import { CONTEXT_CHOICES, CONTEXT_FIELDS, type ContextField, type ValueType, type VariableDecl } from '../schema/variables.js';

/**
 * The static type of an expression. `phone` and `choice` values are text
 * (choices remembered, to check literals against them); `null` is the type
 * of the `null` literal; `unknown` follows an error, so one mistake is
 * reported once and not again by every operator around it.
 */
export interface ExprType {
  type: 'text' | 'number' | 'boolean' | 'date' | 'null' | 'unknown';
  choices?: readonly string[];
  /** The value of a string literal: compared with a choice or a date, it is checked. */
  literal?: string;
}

/** What names an expression may read: declared variables (context fields are always there). */
export interface ExprScope {
  variables: ReadonlyMap<string, { type: ValueType; choices?: readonly string[] }>;
}

/** The expression type values of a ValueType have. */
export function typeOfValueType(type: ValueType, choices?: readonly string[]): ExprType {
  if (type === 'phone') return { type: 'text' };
  if (type === 'choice') return choices ? { type: 'text', choices } : { type: 'text' };
  return { type };
}

/** A scope from a document's declared variables (the first of duplicate names wins). */
export function scopeOf(variables: readonly Pick<VariableDecl, 'name' | 'type' | 'choices'>[]): ExprScope {
  const map = new Map<string, { type: ValueType; choices?: readonly string[] }>();
  for (const v of variables) if (!map.has(v.name)) map.set(v.name, v.choices ? { type: v.type, choices: v.choices.map((c) => c.value) } : { type: v.type });
  return { variables: map };
}

export const isContextField = (name: string): name is ContextField => Object.hasOwn(CONTEXT_FIELDS, name);

/** The type a name has in a scope, or undefined when the name is neither a variable nor a context field. */
export function typeOfName(name: string, scope: ExprScope): ExprType | undefined {
  if (isContextField(name)) return typeOfValueType(CONTEXT_FIELDS[name], CONTEXT_CHOICES[name]);
  const v = scope.variables.get(name);
  return v ? typeOfValueType(v.type, v.choices) : undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Days since 1970-01-01 of an ISO date (which must be valid). */
export const epochDay = (s: string): number => Date.parse(`${s}T00:00:00Z`) / 86_400_000;

/** The ISO date `days` after epoch day 0. */
export const isoDateOfEpochDay = (days: number): string => new Date(days * 86_400_000).toISOString().slice(0, 10);

/** How a type reads in a message. */
export const typeName = (t: ExprType): string => (t.choices ? 'choice' : t.type);
