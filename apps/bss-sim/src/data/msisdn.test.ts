import { describe, expect, it } from 'vitest';
import { createDataset } from './dataset.js';
import { accountIdOf, indexOfAccountId, normalizeMsisdn } from './msisdn.js';

describe('normalizeMsisdn', () => {
  it.each([
    ['+8613800138000', '+8613800138000'],
    ['008613800138000', '+8613800138000'],
    ['8613800138000', '+8613800138000'],
    ['13800138000', '+8613800138000'],
    [' +86 138-0013-8000 ', '+8613800138000'],
    ['(+86) 138.0013.8000', '+8613800138000'],
    ['+8619912345678', '+8619912345678'],
  ])('%j -> %s', (raw, e164) => {
    expect(normalizeMsisdn(raw)).toBe(e164);
  });

  it.each(['', 'abc', '1380013800', '138001380001', '+8612800138000', '+1 415 555 0100', '020-12345678', '+86 10086', '1'.repeat(40)])('refuses %j', (raw) => {
    expect(normalizeMsisdn(raw)).toBeUndefined();
  });
});

describe('numbers and indexes', () => {
  const dataset = createDataset({ subscribers: 100_000, asOf: '2025-06-15' });

  it('gives every index its own number in the 138/139/150 ranges, and maps each number back to its index', () => {
    const seen = new Set<string>();
    for (let index = 0; index < dataset.size; index++) {
      const msisdn = dataset.msisdnAt(index);
      expect(msisdn).toMatch(/^\+86(138|139|150)\d{8}$/);
      seen.add(msisdn);
      if (dataset.indexOfMsisdn(msisdn) !== index) expect.fail(`${msisdn} maps back to ${dataset.indexOfMsisdn(msisdn)}, not ${index}`);
    }
    expect(seen.size).toBe(dataset.size);
  });

  it('uses all three ranges', () => {
    const prefixes = new Map<string, number>();
    for (let index = 6; index < 3_000; index++) {
      const prefix = dataset.msisdnAt(index).slice(3, 6);
      prefixes.set(prefix, (prefixes.get(prefix) ?? 0) + 1);
    }
    expect([...prefixes.keys()].sort()).toEqual(['138', '139', '150']);
    for (const count of prefixes.values()) expect(count).toBeGreaterThan(700);
  });

  it('finds nobody behind numbers outside the base', () => {
    expect(dataset.indexOfMsisdn('+8618612345678')).toBeUndefined();
    // The VIP managers' numbers are reserved: no subscriber has one.
    expect(dataset.indexOfMsisdn('+8613800190001')).toBeUndefined();
    const beyond = createDataset({ subscribers: 200_000, asOf: '2025-06-15' }).msisdnAt(150_000);
    expect(dataset.indexOfMsisdn(beyond)).toBeUndefined();
  });

  it('gives other numbers under another seed, demo numbers excepted', () => {
    const other = createDataset({ seed: 7, subscribers: 100_000, asOf: '2025-06-15' });
    expect(other.msisdnAt(0)).toBe(dataset.msisdnAt(0));
    expect(other.msisdnAt(1000)).not.toBe(dataset.msisdnAt(1000));
  });

  it('round-trips account ids and refuses a wrong check digit', () => {
    for (const index of [0, 1, 99_999, 5_000_000]) expect(indexOfAccountId(accountIdOf(index, 1), 1)).toBe(index);
    const id = accountIdOf(1234, 1);
    const typo = id.slice(0, -1) + String((Number(id.slice(-1)) + 1) % 10);
    expect(indexOfAccountId(typo, 1)).toBeUndefined();
    expect(indexOfAccountId('GD123', 1)).toBeUndefined();
  });
});
