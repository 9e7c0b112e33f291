import { createBssSim, type BssSim, type BssSimOptions } from './server.js';

/** Test helpers: a simulator on a free port with a fixed day, and authorised requests to it. */

/** The day tests describe, so that bills and arrears do not move with the calendar. */
export const TEST_AS_OF = '2025-06-15';
export const TEST_API_KEY = 'test-api-key-0123';
export const TEST_ADMIN_KEY = 'test-admin-key-4567';

/** Starts a small simulator (1,000 subscribers) unless told otherwise. */
export function startTestSim(options: BssSimOptions = {}): Promise<BssSim> {
  return createBssSim({ subscribers: 1_000, asOf: TEST_AS_OF, apiKey: TEST_API_KEY, adminKey: TEST_ADMIN_KEY, ...options });
}

/** fetch with the API key (or the admin key for /admin paths) and a 10 s ceiling. */
export function call(sim: BssSim, path: string, init: RequestInit = {}): Promise<Response> {
  const key = path.startsWith('/admin') ? TEST_ADMIN_KEY : TEST_API_KEY;
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', `Bearer ${key}`);
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return fetch(sim.url + path, { signal: AbortSignal.timeout(10_000), ...init, headers });
}

/** Sets the fault rules through the admin API. */
export async function setFaults(sim: BssSim, rules: unknown[]): Promise<void> {
  const res = await call(sim, '/admin/faults', { method: 'PUT', body: JSON.stringify({ rules }) });
  if (res.status !== 200) throw new Error(`PUT /admin/faults: ${res.status} ${await res.text()}`);
}
