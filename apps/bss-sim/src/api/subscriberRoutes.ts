import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Dataset } from '../data/dataset.js';
import { normalizeMsisdn } from '../data/msisdn.js';
import { parseYuan } from '../data/money.js';
import { parsePeriod } from '../data/calendar.js';
import { ApiError } from './errors.js';
import type { PaymentOverlay } from './overlay.js';
import { balanceDto, billDto, paymentDto, planDto, subscriberDto, usageDto } from './present.js';
import { paymentRequestSchema } from './schemas.js';

/** Routes under /v1/subscribers/:msisdn: summary, balance, bills, usage, plan, payments. */
export function subscriberRoutes(app: FastifyInstance, dataset: Dataset, overlay: PaymentOverlay): void {
  /** The index behind a path's number, or the coded 400/404. */
  const indexOf = (params: unknown): number => {
    const raw = (params as { msisdn?: string }).msisdn ?? '';
    const e164 = normalizeMsisdn(raw);
    if (!e164) throw new ApiError('BAD_MSISDN', `not a Chinese mobile number: ${JSON.stringify(raw.slice(0, 40))}`);
    const index = dataset.indexOfMsisdn(e164);
    if (index === undefined) throw new ApiError('SUBSCRIBER_NOT_FOUND', `no subscriber ${e164}`);
    return index;
  };
  const read = (params: unknown) => overlay.read(indexOf(params));

  app.get('/v1/subscribers/:msisdn', (request) => subscriberDto(read(request.params), dataset.asOfDay));
  app.get('/v1/subscribers/:msisdn/balance', (request) => balanceDto(read(request.params), dataset.asOfDay));
  app.get('/v1/subscribers/:msisdn/usage', (request) => usageDto(read(request.params)));
  app.get('/v1/subscribers/:msisdn/plan', (request) => planDto(read(request.params).plan));

  const limitSchema = z.object({ limit: z.coerce.number().int().min(1).max(13).default(6) });
  app.get('/v1/subscribers/:msisdn/bills', (request) => {
    const query = limitSchema.safeParse(request.query);
    if (!query.success) throw new ApiError('BAD_REQUEST', 'limit must be an integer 1 … 13');
    const sub = read(request.params);
    return { msisdn: sub.msisdn, currency: 'CNY', bills: sub.bills.slice(0, query.data.limit).map(billDto) };
  });

  app.get('/v1/subscribers/:msisdn/bills/:period', (request) => {
    const { period } = request.params as { period: string };
    if (!parsePeriod(period)) throw new ApiError('BAD_PERIOD', 'period must be YYYY-MM');
    const sub = read(request.params);
    const bill = sub.bills.find((b) => b.period === period);
    if (!bill) throw new ApiError('BILL_NOT_FOUND', `no bill ${period} for ${sub.msisdn}`);
    return billDto(bill);
  });

  app.get('/v1/subscribers/:msisdn/payments', (request) => {
    const sub = read(request.params);
    return { msisdn: sub.msisdn, currency: 'CNY', payments: sub.payments.map(paymentDto) };
  });

  app.post('/v1/subscribers/:msisdn/payments', (request, reply) => {
    const index = indexOf(request.params);
    const body = paymentRequestSchema.safeParse(request.body);
    if (!body.success) throw new ApiError('BAD_REQUEST', `body must be { amount, channel?, reference? }: ${body.error.issues[0]?.message ?? ''}`);
    const amountFen = parseYuan(body.data.amount);
    if (amountFen === undefined || amountFen === 0) throw new ApiError('BAD_AMOUNT', 'amount must be a positive CNY amount with at most two decimals, e.g. "50.00"');
    if (overlay.read(index).status === 'cancelled') throw new ApiError('SUBSCRIBER_CANCELLED', 'the line is cancelled: no payments');
    const { payment, created } = overlay.pay(index, amountFen, body.data.channel, body.data.reference);
    reply.code(created ? 201 : 200);
    return { payment: paymentDto(payment), balance: balanceDto(overlay.read(index), dataset.asOfDay) };
  });
}
