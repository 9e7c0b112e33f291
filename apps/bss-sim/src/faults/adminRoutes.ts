import type { FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { ApiError } from '../api/errors.js';
import type { PaymentOverlay } from '../api/overlay.js';
import { faultRuleSchema, faultRulesBodySchema } from './faultSchema.js';
import type { FaultTable } from './faultTable.js';

/**
 * The admin API (admin key): fault rules, and clearing the payments made
 * through the API so that a test starts from the generated data.
 */
export function adminRoutes(app: FastifyInstance, table: FaultTable, overlay: PaymentOverlay): void {
  const badRules = (err: unknown): never => {
    if (err instanceof ZodError) {
      const issue = err.issues[0];
      throw new ApiError('BAD_REQUEST', `bad fault rule: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
    }
    throw err;
  };

  app.get('/admin/faults', () => ({ rules: table.list() }));

  app.put('/admin/faults', (request) => {
    try {
      const body = faultRulesBodySchema.parse(request.body);
      table.replace(body.rules);
    } catch (err) {
      badRules(err);
    }
    return { rules: table.list() };
  });

  app.post('/admin/faults', (request, reply) => {
    try {
      const rule = table.add(faultRuleSchema.parse(request.body));
      reply.code(201);
      return { rule };
    } catch (err) {
      return badRules(err);
    }
  });

  app.delete('/admin/faults', () => {
    table.clear();
    return { rules: [] };
  });

  app.delete('/admin/faults/:id', (request) => {
    const { id } = request.params as { id: string };
    if (!table.remove(id)) throw new ApiError('NOT_FOUND', `no fault rule ${id}`);
    return { rules: table.list() };
  });

  app.delete('/admin/payments', () => ({ cleared: overlay.clear() }));
}
