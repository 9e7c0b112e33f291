import { describe, expect, it } from 'vitest';
import { FLOW_SCHEMA_VERSION } from './index.js';

describe('flows package', () => {
  it('declares its schema version', () => {
    expect(FLOW_SCHEMA_VERSION).toBe(1);
  });
});
