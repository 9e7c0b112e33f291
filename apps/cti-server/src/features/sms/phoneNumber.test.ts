import { describe, expect, it } from 'vitest';
import { normalisePhoneNumber } from './phoneNumber.js';

describe('normalisePhoneNumber', () => {
  it.each([
    ['+8613800138000', '+8613800138000'],
    ['008613800138000', '+8613800138000'],
    ['8613800138000', '+8613800138000'],
    ['13800138000', '+8613800138000'],
    ['138 0013 8000', '+8613800138000'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['10086', '10086'],
    ['4155550100', '4155550100'],
  ])('%s -> %s', (given, expected) => {
    expect(normalisePhoneNumber(given)).toBe(expected);
  });
});
