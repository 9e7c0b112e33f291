import { describe, expect, it } from 'vitest';
import { matchesPattern, patternProblem } from './pattern.js';

describe('patternProblem', () => {
  it.each(['1[3-9]\\d{9}', '\\d{6}', '[A-Z]{2}-\\d+', '(?:\\+86)?1\\d{10}', '(ab)+', '(?<area>\\d{3})-\\d{8}', '(a|b)?c'])('accepts %s', (p) => {
    expect(patternProblem(p)).toBeUndefined();
  });

  it.each(['(a+)+', '(a*)*b', '(a|aa)*', '((ab)+)+', '(x\\d{2,})*', '(a)\\1', 'x'.repeat(101), '(', '[a-'])('refuses %s', (p) => {
    expect(patternProblem(p)).toBeDefined();
  });

  it('matches whole answers only', () => {
    expect(matchesPattern('\\d{3}', '123')).toBe(true);
    expect(matchesPattern('\\d{3}', '1234')).toBe(false);
    expect(matchesPattern('a|b', 'ab')).toBe(false);
  });
});
