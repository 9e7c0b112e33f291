import type { AddInField, AddInManifest, AddInOperation } from '@omnicc/shared';
import { DEFAULT_ADD_IN_BUDGET_MS, DEFAULT_ADD_IN_CACHE_TTL_MS } from '@omnicc/shared';
import type { Clock } from '../../../clock.js';
import { AddInCallError, countsAsFailure } from './addInErrors.js';
import { CircuitBreaker, DEFAULT_BREAKER, type BreakerOptions, type BreakerState } from './circuitBreaker.js';
import { NO_CONNECTOR_METRICS, type ConnectorMetricsSink } from './connectorMetrics.js';
import { TtlCache } from './ttlCache.js';

/** The bounds of a call's budget, as a manifest's timeoutMs has them. */
const MIN_BUDGET_MS = 50;
const MAX_BUDGET_MS = 10_000;

/** A scalar an operation takes or gives (a flow value). */
export type AddInValue = string | number | boolean | null;

/** What an operation gives: the typed fields its manifest declares, and optional detail for the UI (a bill list). */
export interface OperationResult {
  output: Record<string, AddInValue>;
  details?: unknown;
}

/** Where and with what the backend reaches the external system; never the agent's token. */
export interface OperationContext {
  baseUrl: string;
  /** The add-in's own key for the external system (opened from its sealed config). */
  secret?: string;
  /** Ends when the budget does; pass it to every fetch. */
  signal: AbortSignal;
}

/** How one add-in's operations turn into HTTP calls (the billing add-in's mapping, or the generic JSON one). */
export interface AddInBackend {
  call(operation: AddInOperation, input: Record<string, AddInValue>, context: OperationContext): Promise<OperationResult>;
}

/** An installed, enabled add-in as the connector calls it. */
export interface ConnectorTarget {
  manifest: AddInManifest;
  baseUrl: string | undefined;
  secret?: string;
  backend: AddInBackend;
}

export interface ConnectorOptions {
  clock: Clock;
  metrics?: ConnectorMetricsSink;
  breaker?: BreakerOptions;
  cacheEntries?: number;
}

/**
 * The server side of every add-in (docs/add-ins.md §4): checks the input
 * against the operation's fields, answers from the TTL cache, joins a call
 * already in flight for the same operation and input, refuses at once while
 * the add-in's breaker is open, and otherwise calls the backend within the
 * budget (AbortSignal), checking the answer against the operation's output
 * fields. Every failure is an AddInCallError; nothing waits past the budget.
 */
export class AddInConnector {
  private readonly cache: TtlCache<OperationResult>;
  private readonly inFlight = new Map<string, Promise<OperationResult>>();
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly metrics: ConnectorMetricsSink;

  constructor(private readonly options: ConnectorOptions) {
    this.cache = new TtlCache(options.clock, options.cacheEntries ?? 5_000);
    this.metrics = options.metrics ?? NO_CONNECTOR_METRICS;
  }

  /** The add-in's breaker state (closed when it never failed). */
  breakerState(addInId: string): BreakerState {
    return this.breakers.get(addInId)?.state ?? 'closed';
  }

  /** Forgets an add-in's cached answers and breaker (after its manifest or config changed). */
  reset(addInId: string): void {
    this.cache.clear(`${addInId}\u0000`);
    this.breakers.delete(addInId);
  }

  async call(target: ConnectorTarget, operationName: string, rawInput: Record<string, unknown>, budgetMs?: number): Promise<OperationResult> {
    const { manifest } = target;
    const operation = manifest.connector?.operations.find((o) => o.name === operationName);
    if (!operation) throw new AddInCallError('NOT_FOUND', `add-in ${manifest.id} has no operation ${operationName}`);
    const input = checkFields(operation.inputs, rawInput, 'BAD_INPUT', 'input');
    const key = `${manifest.id}\u0000${manifest.version}\u0000${operation.name}\u0000${stableJson(input)}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.metrics.cache(manifest.id, 'hit');
      return cached;
    }
    const shared = this.inFlight.get(key);
    if (shared) {
      this.metrics.cache(manifest.id, 'shared');
      return shared;
    }
    this.metrics.cache(manifest.id, 'miss');
    const promise = this.callThroughBreaker(target, operation, input, budgetMs).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    const result = await promise;
    this.cache.set(key, result, operation.cacheTtlMs ?? manifest.connector?.cacheTtlMs ?? DEFAULT_ADD_IN_CACHE_TTL_MS);
    return result;
  }

  private async callThroughBreaker(target: ConnectorTarget, operation: AddInOperation, input: Record<string, AddInValue>, budgetMs: number | undefined): Promise<OperationResult> {
    const id = target.manifest.id;
    if (target.baseUrl === undefined) throw this.failed(id, new AddInCallError('NOT_CONFIGURED', `add-in ${id} has no base URL configured`));
    const breaker = this.breakerOf(id);
    if (!breaker.tryAcquire()) throw this.failed(id, new AddInCallError('BREAKER_OPEN', `add-in ${id} is failing: calls are paused for a while`));
    // A caller's budget (a flow node's time-out) is kept within what a manifest may declare: nothing waits longer than 10 s.
    const budget = Math.min(MAX_BUDGET_MS, Math.max(MIN_BUDGET_MS, budgetMs ?? operation.timeoutMs ?? target.manifest.connector?.timeoutMs ?? DEFAULT_ADD_IN_BUDGET_MS));
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AddInCallError('TIMEOUT', `no answer within ${budget} ms`)), budget);
    try {
      const context: OperationContext = { baseUrl: target.baseUrl, signal: controller.signal, ...(target.secret === undefined ? {} : { secret: target.secret }) };
      // The budget also bounds a backend that ignores its signal.
      const result = await Promise.race([target.backend.call(operation, input, context), aborted(controller.signal)]);
      const checked: OperationResult = { output: checkFields(operation.outputs, result.output, 'BAD_RESPONSE', 'output'), ...(result.details === undefined ? {} : { details: result.details }) };
      breaker.success();
      this.metrics.latency(id, operation.name, (performance.now() - started) / 1000, 'ok');
      return checked;
    } catch (err) {
      const error = controller.signal.aborted ? new AddInCallError('TIMEOUT', `no answer within ${budget} ms`) : err instanceof AddInCallError ? err : new AddInCallError('BAD_RESPONSE', err instanceof Error ? err.message : String(err));
      if (countsAsFailure(error.code)) breaker.failure();
      else breaker.release();
      this.metrics.latency(id, operation.name, (performance.now() - started) / 1000, error.code);
      throw this.failed(id, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private failed(addInId: string, error: AddInCallError): AddInCallError {
    this.metrics.error(addInId, error.code);
    return error;
  }

  private breakerOf(addInId: string): CircuitBreaker {
    let breaker = this.breakers.get(addInId);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options.clock, this.options.breaker ?? DEFAULT_BREAKER, (state) => this.metrics.breaker(addInId, state));
      this.metrics.breaker(addInId, 'closed');
      this.breakers.set(addInId, breaker);
    }
    return breaker;
  }
}

const aborted = (signal: AbortSignal): Promise<never> =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(new AddInCallError('TIMEOUT', 'the time budget ran out')), { once: true }));

/**
 * The declared fields of `value`, each checked against its type; unknown
 * keys are dropped. Dates are `YYYY-MM-DD`, phones and texts strings.
 */
export function checkFields(fields: readonly AddInField[], value: unknown, code: 'BAD_INPUT' | 'BAD_RESPONSE', what: string): Record<string, AddInValue> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AddInCallError(code, `${what} is not an object`);
  const out: Record<string, AddInValue> = {};
  for (const field of fields) {
    const v = (value as Record<string, unknown>)[field.name];
    if (v === undefined || v === null) {
      if (field.required) throw new AddInCallError(code, `${what} ${field.name} is missing`);
      out[field.name] = null;
      continue;
    }
    const ok =
      field.type === 'number' ? typeof v === 'number' && Number.isFinite(v) : field.type === 'boolean' ? typeof v === 'boolean' : field.type === 'date' ? typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) : typeof v === 'string' && v.length <= 10_000;
    if (!ok) throw new AddInCallError(code, `${what} ${field.name} is not a ${field.type}`);
    out[field.name] = v as AddInValue;
  }
  return out;
}

const stableJson = (value: Record<string, AddInValue>): string => JSON.stringify(Object.keys(value).sort().map((k) => [k, value[k]]));
