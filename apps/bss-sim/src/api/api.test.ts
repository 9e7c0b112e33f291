import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset } from '../data/dataset.js';
import type { BssSim } from '../server.js';
import { call, startTestSim, TEST_ADMIN_KEY, TEST_API_KEY, TEST_AS_OF } from '../testing.js';
import {
  accountSchema,
  balanceSchema,
  billListSchema,
  billSchema,
  errorBodySchema,
  healthSchema,
  paymentListSchema,
  paymentResultSchema,
  planListSchema,
  planSchema,
  subscriberSchema,
  usageSchema,
} from './schemas.js';

let sim: BssSim;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(() => sim.close());

const json = async (res: Response): Promise<unknown> => res.json();
const expectError = async (res: Response, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(errorBodySchema.parse(await json(res)).error.code).toBe(code);
};

describe('keys', () => {
  it('refuses /v1 without a key, with a wrong one, or with the admin key', async () => {
    for (const authorization of ['', 'Bearer wrong-key-123', `Bearer ${TEST_ADMIN_KEY}`, TEST_API_KEY, `Basic ${TEST_API_KEY}`]) {
      const res = await call(sim, '/v1/plans', { headers: { authorization } });
      await expectError(res, 401, 'UNAUTHORIZED');
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
  });

  it('refuses /admin with the API key, and serves /health to anyone', async () => {
    await expectError(await call(sim, '/admin/faults', { headers: { authorization: `Bearer ${TEST_API_KEY}` } }), 401, 'UNAUTHORIZED');
    const health = await fetch(`${sim.url}/health`);
    expect(healthSchema.parse(await json(health))).toMatchObject({ status: 'ok', subscribers: 1_000 });
  });
});

describe('reads', () => {
  it('finds a subscriber whichever way the number is written', async () => {
    for (const form of ['+8613800138000', '008613800138000', '13800138000', '+86%20138%200013%208000']) {
      const res = await call(sim, `/v1/subscribers/${form}`);
      expect(res.status).toBe(200);
      const body = subscriberSchema.parse(await json(res));
      expect(body).toMatchObject({ msisdn: '+8613800138000', name: '陈志强', tier: 'vipGold', status: 'active', asOf: '2025-06-15' });
      expect(body.contract?.daysLeft).toBe(10);
      expect(body.arrears.overdueBills).toBe(2);
    }
  });

  it('answers every resource in the documented shape', async () => {
    const base = `/v1/subscribers/${sim.dataset.msisdnAt(500)}`;
    balanceSchema.parse(await json(await call(sim, `${base}/balance`)));
    usageSchema.parse(await json(await call(sim, `${base}/usage`)));
    planSchema.parse(await json(await call(sim, `${base}/plan`)));
    paymentListSchema.parse(await json(await call(sim, `${base}/payments`)));
    const list = billListSchema.parse(await json(await call(sim, `${base}/bills?limit=13`)));
    expect(list.bills.length).toBeGreaterThanOrEqual(7);
    expect(list.bills[0]?.status).toBe('open');
    const one = billSchema.parse(await json(await call(sim, `${base}/bills/${list.bills[1]?.period ?? ''}`)));
    expect(one).toEqual(list.bills[1]);
    const plans = planListSchema.parse(await json(await call(sim, '/v1/plans')));
    expect(plans.plans.length).toBeGreaterThanOrEqual(12);
    const account = accountSchema.parse(await json(await call(sim, `/v1/accounts/${sim.dataset.accountIdAt(500)}`)));
    expect(account.subscribers[0]?.msisdn).toBe(sim.dataset.msisdnAt(500));
  });

  it('limits the bill list (6 by default)', async () => {
    const base = `/v1/subscribers/${sim.dataset.msisdnAt(3)}/bills`;
    expect(billListSchema.parse(await json(await call(sim, base))).bills).toHaveLength(6);
    expect(billListSchema.parse(await json(await call(sim, `${base}?limit=2`))).bills).toHaveLength(2);
    await expectError(await call(sim, `${base}?limit=0`), 400, 'BAD_REQUEST');
    await expectError(await call(sim, `${base}?limit=abc`), 400, 'BAD_REQUEST');
  });

  it('answers coded errors for bad and unknown numbers, periods, accounts and routes', async () => {
    await expectError(await call(sim, '/v1/subscribers/12345'), 400, 'BAD_MSISDN');
    await expectError(await call(sim, '/v1/subscribers/not-a-number/balance'), 400, 'BAD_MSISDN');
    await expectError(await call(sim, '/v1/subscribers/+8618612345678'), 404, 'SUBSCRIBER_NOT_FOUND');
    await expectError(await call(sim, `/v1/subscribers/${createOutside()}`), 404, 'SUBSCRIBER_NOT_FOUND');
    await expectError(await call(sim, '/v1/subscribers/13800138000/bills/2025-13'), 400, 'BAD_PERIOD');
    await expectError(await call(sim, '/v1/subscribers/13800138000/bills/2019-01'), 404, 'BILL_NOT_FOUND');
    await expectError(await call(sim, '/v1/accounts/XX1'), 400, 'BAD_ACCOUNT_ID');
    await expectError(await call(sim, '/v1/accounts/GD2999999990'), 404, 'ACCOUNT_NOT_FOUND');
    await expectError(await call(sim, '/v1/nothing'), 404, 'NOT_FOUND');
  });
});

/** A number the 1,000-subscriber simulator does not have: index 5,000 of a larger base with the same seed. */
function createOutside(): string {
  return createDataset({ subscribers: 10_000, asOf: TEST_AS_OF }).msisdnAt(5_000);
}

describe('payments', () => {
  const path = (msisdn: string) => `/v1/subscribers/${msisdn}`;
  const post = (msisdn: string, body: unknown) => call(sim, `${path(msisdn)}/payments`, { method: 'POST', body: JSON.stringify(body) });

  it('settles arrears, restores a suspended line, and shows in the next bill read', async () => {
    const msisdn = '+8613800138002';
    const before = subscriberSchema.parse(await json(await call(sim, path(msisdn))));
    expect(before.status).toBe('suspended');
    const owed = Number(before.arrears.amount) + Number(before.amountDue);
    const res = await post(msisdn, { amount: (owed + 10).toFixed(2), channel: 'wechat' });
    expect(res.status).toBe(201);
    const result = paymentResultSchema.parse(await json(res));
    expect(result.payment.at.startsWith(`${TEST_AS_OF}T`)).toBe(true); // made "on" the day the data describes
    expect(result.balance).toMatchObject({ balance: '10.00', status: 'active', arrears: { amount: '0.00', overdueBills: 0 } });
    const bills = billListSchema.parse(await json(await call(sim, `${path(msisdn)}/bills?limit=13`))).bills;
    expect(bills.filter((b) => b.status === 'overdue' || b.status === 'due')).toEqual([]);
    const payments = paymentListSchema.parse(await json(await call(sim, `${path(msisdn)}/payments`))).payments;
    expect(payments[0]).toMatchObject({ id: result.payment.id, channel: 'wechat' });
  });

  it('tops up the balance when nothing is owed, and repeats a payment with the same reference only once', async () => {
    const msisdn = sim.dataset.msisdnAt(3);
    const before = balanceSchema.parse(await json(await call(sim, `${path(msisdn)}/balance`)));
    const first = await post(msisdn, { amount: 20, reference: 'order-1' });
    const again = await post(msisdn, { amount: 20, reference: 'order-1' });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(paymentResultSchema.parse(await json(again)).payment.reference).toBe('order-1');
    const after = balanceSchema.parse(await json(await call(sim, `${path(msisdn)}/balance`)));
    expect(Number(after.balance) - Number(before.balance)).toBeCloseTo(20, 2);
  });

  it('refuses bad amounts and bodies, and cancelled lines', async () => {
    const msisdn = sim.dataset.msisdnAt(3);
    for (const amount of ['0', '-5', '1.234', 'ten', 0]) await expectError(await post(msisdn, { amount }), 400, 'BAD_AMOUNT');
    await expectError(await post(msisdn, { channel: 'wechat' }), 400, 'BAD_REQUEST');
    await expectError(await post(msisdn, { amount: '5', channel: 'cash-in-envelope' }), 400, 'BAD_REQUEST');
    await expectError(await call(sim, `${path(msisdn)}/payments`, { method: 'POST', body: '{"amount":' }), 400, 'BAD_REQUEST');
    await expectError(await post('+8613800138005', { amount: '5' }), 409, 'SUBSCRIBER_CANCELLED');
  });

  it('forgets API payments on DELETE /admin/payments', async () => {
    const msisdn = sim.dataset.msisdnAt(4);
    const before = balanceSchema.parse(await json(await call(sim, `${path(msisdn)}/balance`)));
    await post(msisdn, { amount: '1.00' });
    const cleared = await call(sim, '/admin/payments', { method: 'DELETE' });
    expect(((await json(cleared)) as { cleared: number }).cleared).toBeGreaterThan(0);
    expect(balanceSchema.parse(await json(await call(sim, `${path(msisdn)}/balance`)))).toEqual(before);
  });
});
