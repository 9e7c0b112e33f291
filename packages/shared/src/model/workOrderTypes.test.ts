import { describe, expect, it } from 'vitest';
import { validateWorkOrderFields, WORK_ORDER_TYPE_DEFS, WORK_ORDER_TYPES, workOrderDay, workOrderDueTimes, workOrderNumber, workOrderSlaStatus } from './workOrderTypes.js';

describe('work-order types', () => {
  it('defines the seven glossary types, each with labels in both languages and an SLA', () => {
    expect(WORK_ORDER_TYPE_DEFS.map((d) => d.type)).toEqual([...WORK_ORDER_TYPES]);
    for (const d of WORK_ORDER_TYPE_DEFS) {
      expect(d.name.en && d.name['zh-CN']).toBeTruthy();
      expect(d.sla.acceptHours).toBeLessThan(d.sla.resolveHours);
      for (const f of d.fields) expect(f.label.en && f.label['zh-CN']).toBeTruthy();
    }
  });

  it('checks fields: required, kinds, unknown names, and drops empty optional ones', () => {
    const ok = validateWorkOrderFields('faultReport', { account: ' bb-1 ', faultKind: 'no sync', contactPhone: '+86 138 0013 8000', description: '' });
    expect(ok).toEqual({ fields: { account: 'bb-1', faultKind: 'no sync', contactPhone: '+86 138 0013 8000' }, errors: [] });
    const bad = validateWorkOrderFields('faultReport', { faultKind: 3, contactPhone: 'call me', appointmentDate: '25/11/2026', colour: 'red' });
    expect(bad.errors.map((e) => e.field).sort()).toEqual(['account', 'appointmentDate', 'colour', 'contactPhone', 'faultKind']);
    expect(bad.errors.find((e) => e.field === 'account')).toMatchObject({ en: 'Broadband account is required', 'zh-CN': '请填写宽带账号' });
    expect(validateWorkOrderFields('complaint', { contactPhone: '13800138000', category: 'billing', description: 'x', escalated: 'yes' }).errors.map((e) => e.field)).toEqual(['escalated']);
  });
});

describe('SLA and numbers', () => {
  it('due times are elapsed hours from creation', () => {
    const at = new Date('2026-11-25T15:30:00Z'); // 23:30 in Shanghai
    expect(workOrderDueTimes(at, { acceptHours: 2, resolveHours: 24 })).toEqual({ acceptDueAt: new Date('2026-11-25T17:30:00Z'), resolveDueAt: new Date('2026-11-26T15:30:00Z') });
  });

  it("numbers an order by the operator's day in Asia/Shanghai, not UTC's", () => {
    expect(workOrderDay(new Date('2026-11-25T15:30:00Z'), 'Asia/Shanghai')).toBe('20261125');
    expect(workOrderDay(new Date('2026-11-25T16:00:00Z'), 'Asia/Shanghai')).toBe('20261126');
    expect(workOrderDay(new Date('2026-11-25T16:00:00Z'), 'UTC')).toBe('20261125');
    expect(workOrderNumber('20261126', 7)).toBe('WO-20261126-0007');
    expect(workOrderNumber('20261126', 12345)).toBe('WO-20261126-12345');
  });

  it('status follows the phase: accept until accepted, resolve after; warning from 80 %', () => {
    const createdAt = new Date('2026-11-25T00:00:00Z');
    const o = { state: 'requested', createdAt, acceptDueAt: new Date('2026-11-25T10:00:00Z'), resolveDueAt: new Date('2026-11-26T00:00:00Z') };
    expect(workOrderSlaStatus(o, new Date('2026-11-25T07:59:00Z'))).toBe('ok');
    expect(workOrderSlaStatus(o, new Date('2026-11-25T08:00:00Z'))).toBe('warning');
    expect(workOrderSlaStatus(o, new Date('2026-11-25T10:00:00Z'))).toBe('overdue');
    expect(workOrderSlaStatus({ ...o, state: 'processing' }, new Date('2026-11-25T10:00:00Z'))).toBe('ok');
    expect(workOrderSlaStatus({ ...o, state: 'processing' }, new Date('2026-11-25T19:12:00Z'))).toBe('warning');
    expect(workOrderSlaStatus({ ...o, state: 'feedback' }, new Date('2026-11-27T00:00:00Z'))).toBe('ok');
  });
});
