/**
 * @omnicc/bss-sim: a billing system (BSS) simulator for tests, demos and
 * benchmarks. `createBssSim` starts it; the generator (`subscriberAt`,
 * `msisdnAt`, `indexOfMsisdn`) and the JSON schemas are exported for the
 * CTI server's customer seed and the billing add-in's connector.
 * docs/bss-sim.md describes the API.
 */
export { createBssSim, DEV_API_KEY, DEV_ADMIN_KEY, type BssSim, type BssSimOptions } from './server.js';
export { loadConfig, ConfigError } from './config.js';
export * from './data/index.js';
export * from './api/schemas.js';
export { FaultTable, type FaultDecision } from './faults/faultTable.js';
