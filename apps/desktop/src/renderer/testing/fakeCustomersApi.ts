import { vi } from 'vitest';
import { ApiError } from '../network/http.js';
import type { CustomersApi } from '../network/customers.js';

const none = () => Promise.reject(new ApiError('NOT_FOUND', 'no customers in this test'));

/**
 * A CustomersApi for tests. By default the interaction's customer is never
 * answered (the card stays "looking up", adding no buttons to other tests'
 * desks); the rest fails NOT_FOUND unless the test overrides it.
 */
export function fakeCustomersApi(overrides: Partial<CustomersApi> = {}): CustomersApi {
  return {
    ofInteraction: vi.fn(() => new Promise<never>(() => undefined)),
    view: vi.fn(none),
    create: vi.fn(none),
    link: vi.fn(none),
    search: vi.fn(() => Promise.resolve([])),
    billingAccount: vi.fn(none),
    ...overrides,
  };
}
