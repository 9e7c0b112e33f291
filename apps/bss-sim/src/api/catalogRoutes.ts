import type { FastifyInstance } from 'fastify';
import type { Dataset } from '../data/dataset.js';
import { PLANS } from '../data/plans.js';
import { ApiError } from './errors.js';
import type { PaymentOverlay } from './overlay.js';
import { accountDto, planDto } from './present.js';

/** Routes that are not about one number: the plan catalogue and accounts. */
export function catalogRoutes(app: FastifyInstance, dataset: Dataset, overlay: PaymentOverlay): void {
  const plans = { plans: PLANS.map(planDto) };
  app.get('/v1/plans', () => plans);

  app.get('/v1/accounts/:id', (request) => {
    const { id } = request.params as { id: string };
    if (!/^GD\d{10}$/i.test(id.trim())) throw new ApiError('BAD_ACCOUNT_ID', 'account ids are GD followed by 10 digits');
    const index = dataset.indexOfAccountId(id);
    if (index === undefined) throw new ApiError('ACCOUNT_NOT_FOUND', `no account ${id}`);
    return accountDto(overlay.read(index), dataset.asOfDay);
  });
}
