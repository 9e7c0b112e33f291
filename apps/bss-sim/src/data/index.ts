/**
 * The subscriber generator, without the HTTP server: what the CTI server's
 * customer seed imports to create customers that match the simulator's.
 */
export { createDataset, subscriberAt, msisdnAt, indexOfMsisdn, DEFAULT_SEED, DEFAULT_SUBSCRIBERS, type Dataset, type DatasetOptions } from './dataset.js';
export { normalizeMsisdn, MAX_SUBSCRIBERS } from './msisdn.js';
export { DEMO_SUBSCRIBERS, demoMsisdn, type DemoSubscriber } from './demo.js';
export { PLANS, planById, type Plan } from './plans.js';
export { REGIONS, type Region, type AccountManager } from './people.js';
export { arrearsOf, dueFen, currentChargesFen, spend12mFen, monthlySpend, outstandingFen, type Arrears } from './ledger.js';
export { churnRisk, CONTRACT_ENDING_DAYS } from './churn.js';
export { applyPayments } from './payments.js';
export { formatFen, parseYuan } from './money.js';
export { isoDate, parseIsoDate, chinaToday } from './calendar.js';
export { TIER_WEIGHTS } from './traits.js';
export { DUE_DAY, SUSPEND_AFTER_DAYS } from './subscriber.js';
export * from './model.js';
