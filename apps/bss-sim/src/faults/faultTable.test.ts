import { describe, expect, it } from 'vitest';
import { FaultTable } from './faultTable.js';

describe('FaultTable', () => {
  it('matches * as one segment and ** as any number of them', () => {
    const table = new FaultTable();
    const hits = (route: string, path: string) => {
      table.replace([{ route, mode: 'http500' }]);
      return table.decide('GET', path)?.mode === 'http500';
    };
    expect(hits('/v1/**', '/v1/plans')).toBe(true);
    expect(hits('/v1/**', '/v1/subscribers/+8613800138000/bills/2025-05')).toBe(true);
    expect(hits('/v1/subscribers/*/bills', '/v1/subscribers/13800138000/bills')).toBe(true);
    expect(hits('/v1/subscribers/*/bills', '/v1/subscribers/13800138000/bills/2025-05')).toBe(false);
    expect(hits('/v1/subscribers/*/bills/**', '/v1/subscribers/13800138000/bills/2025-05')).toBe(true);
    expect(hits('/v1/subscribers/**/usage', '/v1/subscribers/x/usage')).toBe(true);
    expect(hits('/v1/plans', '/v1/plansX')).toBe(false);
    expect(hits('/v1/a.b', '/v1/aXb')).toBe(false);
  });

  it('takes the first matching rule, and draws jitter and failures from the rule seed', () => {
    const table = new FaultTable();
    const draws = () => {
      table.replace([{ route: '/v1/plans', method: 'POST', mode: 'reset' }, { jitterMs: 100, mode: 'http503', failureRate: 0.3, seed: 99 }]);
      return Array.from({ length: 30 }, () => table.decide('GET', '/v1/plans')).map((d) => `${d?.latencyMs}:${d?.mode ?? '-'}`);
    };
    const first = draws();
    expect(draws()).toEqual(first);
    expect(first.some((d) => d.endsWith('http503'))).toBe(true);
    expect(first.some((d) => d.endsWith('-'))).toBe(true);
    expect(table.decide('POST', '/v1/plans')?.mode).toBe('reset');
  });
});
