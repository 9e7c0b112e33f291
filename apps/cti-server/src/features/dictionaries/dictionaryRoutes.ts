import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/Store.js';
import type { Authenticate } from '../auth/guard.js';

/** Not-ready reasons and wrap-up codes, with labels in both UI languages. */
export function registerDictionaryRoutes(app: FastifyInstance, deps: { store: Store; authenticate: Authenticate }): void {
  app.get('/api/dictionaries', async (request) => {
    await deps.authenticate(request);
    return deps.store.dictionaries.get();
  });
}
