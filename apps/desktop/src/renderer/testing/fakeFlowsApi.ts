import { vi } from 'vitest';
import { ApiError } from '../network/http.js';
import type { FlowsApi } from '../network/flowsApi.js';

const none = () => Promise.reject(new ApiError('NOT_FOUND', 'no flows in this test'));

/** A FlowsApi whose every call fails NOT_FOUND unless the test overrides it. */
export function fakeFlowsApi(overrides: Partial<FlowsApi> = {}): FlowsApi {
  return {
    catalog: vi.fn(() => Promise.resolve({ addIns: [], workOrderTypes: [], queues: [], dispositions: [] })),
    list: vi.fn(() => Promise.resolve({ items: [] })),
    get: vi.fn(none),
    create: vi.fn(none),
    saveDraft: vi.fn(none),
    runTests: vi.fn(none),
    publish: vi.fn(none),
    versions: vi.fn(() => Promise.resolve({ items: [] })),
    version: vi.fn(none),
    diff: vi.fn(none),
    rollback: vi.fn(none),
    bindings: vi.fn(() => Promise.resolve({ items: [] })),
    createBinding: vi.fn(none),
    deleteBinding: vi.fn(none),
    ...overrides,
  };
}
