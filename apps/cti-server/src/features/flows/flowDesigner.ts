import {
  AppError,
  type FlowBinding,
  type FlowBindingList,
  type FlowBindingWrite,
  type FlowDetail,
  type FlowDiffQuery,
  type FlowDiffView,
  type FlowDiagnostics,
  type FlowDraftSaved,
  type FlowList,
  type FlowPublish,
  type FlowRollback,
  type FlowSummary,
  type FlowTestReport,
  type FlowVersionDetail,
  type FlowVersionList,
  type FlowVersionView,
} from '@omnicc/shared';
import { flowDocumentSchema, type FlowCatalog, type FlowDocument } from '@omnicc/flows';
import { iso, type Clock } from '../../clock.js';
import type { FlowActor, FlowStore, StoredFlow } from '../../store/FlowStore.js';
import type { Principal } from '../auth/tokens.js';
import type { FlowEngine } from './flowEngine.js';

export interface FlowDesignerDeps {
  flows: FlowStore;
  engine: FlowEngine;
  /** The catalog validation runs against, read fresh each time (queues and codes change). */
  catalog: () => Promise<FlowCatalog>;
  clock: Clock;
}

/** At most this many zod issues go back with a BAD_REQUEST: the first ones say enough. */
const MAX_ISSUES = 50;

/** The posted document parsed with the flow schema; BAD_REQUEST with the zod issues (path, message) as details. */
export function parseFlowDocument(body: unknown): FlowDocument {
  const parsed = flowDocumentSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }));
  const first = issues[0];
  throw new AppError('BAD_REQUEST', `document: ${first ? `${first.path || 'value'} ${first.message}` : 'invalid'}`, { issues });
}

const summary = (f: StoredFlow): FlowSummary => ({
  key: f.key,
  name: f.name,
  liveVersion: f.liveVersion,
  draftRevision: f.draftRevision,
  latestVersion: f.latestVersion,
  updatedAt: f.updatedAt,
  ...(f.updatedBy ? { updatedBy: f.updatedBy } : {}),
});

/**
 * The designer's use cases (team leads and admins; the routes check the
 * role): drafts that may be invalid, validation and flow tests, publish
 * refused while anything is wrong, versions, diffs, rollback and bindings.
 */
export class FlowDesigner {
  constructor(private readonly deps: FlowDesignerDeps) {}

  async list(): Promise<FlowList> {
    return { items: (await this.deps.flows.flows.list()).map(summary) };
  }

  async create(body: unknown, who: Principal): Promise<FlowDetail> {
    const document = parseFlowDocument(body);
    return this.detail(await this.deps.flows.flows.create(document, this.actor(who)));
  }

  async get(key: string): Promise<FlowDetail> {
    return this.detail(await this.mustGet(key));
  }

  /** Saves the draft whatever validate says of it (drafts may be invalid) and says what it says. */
  async saveDraft(key: string, revision: number, body: unknown, who: Principal): Promise<FlowDraftSaved> {
    const document = parseFlowDocument(body);
    // An unknown flow is NOT_FOUND whatever the document says.
    await this.mustGet(key);
    if (document.key !== key) throw new AppError('BAD_REQUEST', `document: key is ${document.key}, the flow is ${key} (a flow's key never changes)`);
    const saved = await this.deps.flows.flows.saveDraft(key, revision, document, this.actor(who));
    return { ...saved, diagnostics: this.deps.engine.validate(document, await this.deps.catalog()) };
  }

  async validate(key: string, body: unknown): Promise<FlowDiagnostics> {
    const document = await this.documentOf(key, body);
    return { diagnostics: this.deps.engine.validate(document, await this.deps.catalog()) };
  }

  async runTests(key: string, body: unknown): Promise<FlowTestReport> {
    const document = await this.documentOf(key, body);
    return this.deps.engine.runTests(document, await this.deps.catalog());
  }

  /** Publishes the draft at `revision`: UNPROCESSABLE (details: diagnostics and the test report) while an error or a failing test remains. */
  async publish(key: string, p: FlowPublish, who: Principal): Promise<FlowVersionView> {
    const flow = await this.mustGet(key);
    if (flow.draftRevision !== p.revision) throw new AppError('CONFLICT', `the draft of ${key} is at revision ${flow.draftRevision}, not ${p.revision}: reload it`);
    const catalog = await this.deps.catalog();
    const diagnostics = this.deps.engine.validate(flow.draft, catalog);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    // Tests of a flow with errors would fail for the same reasons; the diagnostics say it first.
    const tests = errors.length === 0 ? this.deps.engine.runTests(flow.draft, catalog) : undefined;
    if (errors.length > 0 || tests?.passed === false) {
      const failing = tests?.results.filter((r) => !r.passed).length ?? 0;
      throw new AppError('UNPROCESSABLE', `${key} cannot be published: ${errors.length} error(s), ${failing} failing test(s)`, { diagnostics, ...(tests ? { tests } : {}) });
    }
    const { hash } = this.deps.engine.compile(flow.draft, catalog);
    return this.deps.flows.flows.publish(key, { revision: p.revision, document: flow.draft, hash, comment: p.comment }, this.actor(who));
  }

  async versions(key: string): Promise<FlowVersionList> {
    return { items: await this.deps.flows.flows.versions(key) };
  }

  async version(key: string, version: number): Promise<FlowVersionDetail> {
    const found = await this.deps.flows.flows.version(key, version);
    if (!found) throw new AppError('NOT_FOUND', `flow ${key} has no version ${version}`);
    return found;
  }

  async diff(key: string, q: FlowDiffQuery): Promise<FlowDiffView> {
    const side = async (s: FlowDiffQuery['from']) => (s === 'draft' ? (await this.mustGet(key)).draft : (await this.version(key, s)).document as FlowDocument);
    return { from: q.from, to: q.to, diff: this.deps.engine.diff(await side(q.from), await side(q.to)) };
  }

  async rollback(key: string, r: FlowRollback, who: Principal): Promise<FlowSummary> {
    return summary(await this.deps.flows.flows.rollback(key, r.version, r.comment, this.actor(who)));
  }

  async bindings(): Promise<FlowBindingList> {
    return { items: await this.deps.flows.bindings.list() };
  }

  createBinding(b: FlowBindingWrite, who: Principal): Promise<FlowBinding> {
    return this.deps.flows.bindings.create(b, this.actor(who));
  }

  updateBinding(id: string, b: FlowBindingWrite, who: Principal): Promise<FlowBinding> {
    return this.deps.flows.bindings.update(id, b, this.actor(who));
  }

  deleteBinding(id: string, who: Principal): Promise<void> {
    return this.deps.flows.bindings.delete(id, this.actor(who));
  }

  catalog(): Promise<FlowCatalog> {
    return this.deps.catalog();
  }

  private async detail(flow: StoredFlow): Promise<FlowDetail> {
    return { ...summary(flow), draft: flow.draft, diagnostics: this.deps.engine.validate(flow.draft, await this.deps.catalog()) };
  }

  /** The posted document, or the stored draft when none is posted. */
  private async documentOf(key: string, body: unknown): Promise<FlowDocument> {
    const draft = (await this.mustGet(key)).draft;
    return body === undefined ? draft : parseFlowDocument(body);
  }

  private async mustGet(key: string): Promise<StoredFlow> {
    const flow = await this.deps.flows.flows.get(key);
    if (!flow) throw new AppError('NOT_FOUND', `flow ${key} not found`);
    return flow;
  }

  private actor(who: Principal): FlowActor {
    return { actorId: who.userId, at: iso(this.deps.clock.now()) };
  }
}
