import {
  flowBindingListSchema,
  flowBindingSchema,
  flowCatalogSchema,
  flowDetailSchema,
  flowDiffSchema,
  flowDraftSavedSchema,
  flowListSchema,
  flowSummarySchema,
  flowTestReportSchema,
  flowVersionDetailSchema,
  flowVersionListSchema,
  flowVersionSchema,
  type FlowBinding,
  type FlowBindingList,
  type FlowBindingWrite,
  type FlowCatalogView,
  type FlowDetail,
  type FlowDiffView,
  type FlowDraftSaved,
  type FlowList,
  type FlowSummary,
  type FlowTestReport,
  type FlowVersionDetail,
  type FlowVersionList,
  type FlowVersionView,
} from '@omnicc/shared';
import type { Http } from './http.js';

/** Either side of a comparison: a published version or the draft. */
export type FlowDiffSide = number | 'draft';

/**
 * The flow designer's REST calls (/api/flows, /api/flow-bindings: team leads
 * and admins; the server checks the role). Documents travel as plain
 * objects; the designer holds them as @omnicc/flows `FlowDocument`s.
 */
export interface FlowsApi {
  catalog(token: string): Promise<FlowCatalogView>;
  list(token: string): Promise<FlowList>;
  get(token: string, key: string): Promise<FlowDetail>;
  create(token: string, document: object): Promise<FlowDetail>;
  /** CONFLICT when `revision` is not the stored draft's (another tab saved since). */
  saveDraft(token: string, key: string, revision: number, document: object): Promise<FlowDraftSaved>;
  /** Runs the flow tests of `document`, or of the stored draft. */
  runTests(token: string, key: string, document?: object): Promise<FlowTestReport>;
  /** UNPROCESSABLE with diagnostics and the test report in `details` while the draft has errors or failing tests. */
  publish(token: string, key: string, revision: number, comment: string): Promise<FlowVersionView>;
  versions(token: string, key: string): Promise<FlowVersionList>;
  version(token: string, key: string, version: number): Promise<FlowVersionDetail>;
  diff(token: string, key: string, from: FlowDiffSide, to: FlowDiffSide): Promise<FlowDiffView>;
  rollback(token: string, key: string, version: number, comment: string): Promise<FlowSummary>;
  bindings(token: string): Promise<FlowBindingList>;
  createBinding(token: string, binding: FlowBindingWrite): Promise<FlowBinding>;
  deleteBinding(token: string, id: string): Promise<void>;
}

const flowPath = (key: string): string => `/api/flows/${encodeURIComponent(key)}`;

/** FlowsApi over the page's HTTP client. */
export function createFlowsApi({ call }: Http): FlowsApi {
  return {
    catalog: (token) => call('/api/flows/catalog', { method: 'GET', token }, (d) => flowCatalogSchema.parse(d)),
    list: (token) => call('/api/flows', { method: 'GET', token }, (d) => flowListSchema.parse(d)),
    get: (token, key) => call(flowPath(key), { method: 'GET', token }, (d) => flowDetailSchema.parse(d)),
    create: (token, document) => call('/api/flows', { method: 'POST', token, body: { document } }, (d) => flowDetailSchema.parse(d)),
    saveDraft: (token, key, revision, document) =>
      call(`${flowPath(key)}/draft`, { method: 'PUT', token, body: { revision, document } }, (d) => flowDraftSavedSchema.parse(d)),
    runTests: (token, key, document) =>
      call(`${flowPath(key)}/tests`, { method: 'POST', token, body: document === undefined ? {} : { document } }, (d) => flowTestReportSchema.parse(d)),
    publish: (token, key, revision, comment) =>
      call(`${flowPath(key)}/publish`, { method: 'POST', token, body: { revision, comment } }, (d) => flowVersionSchema.parse(d)),
    versions: (token, key) => call(`${flowPath(key)}/versions`, { method: 'GET', token }, (d) => flowVersionListSchema.parse(d)),
    version: (token, key, version) => call(`${flowPath(key)}/versions/${version}`, { method: 'GET', token }, (d) => flowVersionDetailSchema.parse(d)),
    diff: (token, key, from, to) =>
      call(`${flowPath(key)}/diff?${new URLSearchParams({ from: String(from), to: String(to) }).toString()}`, { method: 'GET', token }, (d) => flowDiffSchema.parse(d)),
    rollback: (token, key, version, comment) =>
      call(`${flowPath(key)}/rollback`, { method: 'POST', token, body: { version, comment } }, (d) => flowSummarySchema.parse(d)),
    bindings: (token) => call('/api/flow-bindings', { method: 'GET', token }, (d) => flowBindingListSchema.parse(d)),
    createBinding: (token, binding) => call('/api/flow-bindings', { method: 'POST', token, body: binding }, (d) => flowBindingSchema.parse(d)),
    deleteBinding: (token, id) => call(`/api/flow-bindings/${encodeURIComponent(id)}`, { method: 'DELETE', token }, () => undefined),
  };
}
