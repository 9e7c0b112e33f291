import { Rng } from '../data/prng.js';
import { faultRuleSchema, type FaultMode, type FaultRule, type FaultRuleInput } from './faultSchema.js';

/**
 * The fault rules in force and the decision for each request: how long to
 * wait, and which fault (if any) to answer with. Rules are tried in order;
 * the first whose route and method match decides.
 */

/** What happens to one request. */
export interface FaultDecision {
  ruleId: string;
  latencyMs: number;
  mode?: FaultMode;
  rule: FaultRule;
}

interface ActiveRule {
  rule: FaultRule;
  pattern: RegExp;
  draw: () => number;
  remaining: number | undefined;
}

/** `*` one path segment, `**` any number of them (zero included: "/v1/**" matches "/v1"), the rest literal. */
function compileRoute(route: string): RegExp {
  let source = '';
  for (const segment of route.split('/').slice(1)) {
    source += segment === '**' ? '(?:/.*)?' : `/${segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}`;
  }
  return new RegExp(`^${source}$`);
}

/** The rules in force. */
export class FaultTable {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  /** Replaces all rules (validated; throws the zod error on a bad one). */
  replace(inputs: readonly FaultRuleInput[]): FaultRule[] {
    const parsed = inputs.map((input) => this.activate(input));
    this.rules = parsed;
    return this.list();
  }

  /** Adds a rule after the others. */
  add(input: FaultRuleInput): FaultRule {
    const active = this.activate(input);
    this.rules = this.rules.filter((r) => r.rule.id !== active.rule.id).concat(active);
    return active.rule;
  }

  /** Removes one rule; false when there was none with this id. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.rule.id !== id);
    return this.rules.length < before;
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** The rules with their remaining uses (null: unlimited). */
  list(): (FaultRule & { remaining: number | null })[] {
    return this.rules.map((r) => ({ ...r.rule, remaining: r.remaining ?? null }));
  }

  get size(): number {
    return this.rules.length;
  }

  /** The decision for a request, or undefined when no rule matches. */
  decide(method: string, path: string): FaultDecision | undefined {
    const active = this.rules.find((r) => (r.rule.method === '*' || r.rule.method === method) && r.pattern.test(path));
    if (!active) return undefined;
    const { rule } = active;
    const latencyMs = rule.latencyMs + (rule.jitterMs > 0 ? Math.floor(active.draw() * (rule.jitterMs + 1)) : 0);
    const fires = rule.mode !== undefined && (rule.failureRate >= 1 || active.draw() < rule.failureRate);
    if (active.remaining !== undefined && --active.remaining <= 0) this.rules = this.rules.filter((r) => r !== active);
    return { ruleId: rule.id, latencyMs, rule, ...(fires && rule.mode ? { mode: rule.mode } : {}) };
  }

  private activate(input: FaultRuleInput): ActiveRule {
    const parsed = faultRuleSchema.parse(input);
    const rule: FaultRule = { ...parsed, id: parsed.id ?? `f${this.nextId++}` };
    const rng = rule.seed === undefined ? undefined : new Rng(rule.seed);
    return { rule, pattern: compileRoute(rule.route), draw: rng ? () => rng.next() : Math.random, remaining: rule.times };
  }
}
