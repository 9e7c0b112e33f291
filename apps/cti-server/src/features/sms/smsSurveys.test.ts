import { describe, expect, it } from 'vitest';
import type { Interaction } from '@omnicc/shared';
import { surveyNumber } from './smsSurveys.js';

const CONFIG = { enabled: true, channels: ['sms', 'voice'] as const, numbers: /^\+861[3-9]\d{9}$/u };
const closed = (patch: Partial<Interaction> = {}): Interaction => ({
  id: '00000000-0000-4000-8000-000000000001',
  channel: 'voice',
  state: 'closed',
  queueId: 'voice-general',
  customer: { name: 'Li Lei', phone: '138 0013 8000' },
  agentId: '00000000-0000-4000-8000-000000000002',
  createdAt: '2025-03-01T08:00:00.000Z',
  assignedAt: '2025-03-01T08:00:05.000Z',
  endedAt: '2025-03-01T08:03:00.000Z',
  ...patch,
});

describe('surveyNumber', () => {
  it('surveys a closed call or SMS conversation at the normalised mobile number', () => {
    expect(surveyNumber(closed(), CONFIG)).toBe('+8613800138000');
    expect(surveyNumber(closed({ channel: 'sms', customer: { name: '+8613900000001', phone: '+8613900000001' } }), CONFIG)).toBe('+8613900000001');
  });

  it('leaves out abandoned, unassigned and open interactions, other channels, landlines and numberless customers', () => {
    expect(surveyNumber(closed({ state: 'abandoned' }), CONFIG)).toBeUndefined();
    const { assignedAt: _, ...unassigned } = closed();
    expect(surveyNumber(unassigned, CONFIG)).toBeUndefined();
    expect(surveyNumber(closed({ state: 'wrapUp' }), CONFIG)).toBeUndefined();
    expect(surveyNumber(closed({ channel: 'chat' }), CONFIG)).toBeUndefined();
    expect(surveyNumber(closed({ customer: { name: 'x', phone: '010 8888 6666' } }), CONFIG)).toBeUndefined();
    expect(surveyNumber(closed({ customer: { name: 'x', email: 'x@example.com' } }), CONFIG)).toBeUndefined();
    expect(surveyNumber(closed(), { ...CONFIG, enabled: false })).toBeUndefined();
  });
});
