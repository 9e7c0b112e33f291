import { z } from 'zod';

/** The seven work-order types of the glossary (新装 / 变更 / 预约拆机 / 拆机 / 终端维修 / 故障申告 / 投诉). */
export const WORK_ORDER_TYPES = ['newInstall', 'productChange', 'scheduledCancel', 'cancel', 'terminalRepair', 'faultReport', 'complaint'] as const;
export const workOrderTypeSchema = z.enum(WORK_ORDER_TYPES);
export type WorkOrderType = z.infer<typeof workOrderTypeSchema>;

/** What a field holds; the same names as a flow's value types, so a flow node maps its variables onto them. */
export type WorkOrderFieldType = 'text' | 'number' | 'boolean' | 'date' | 'phone';

export interface WorkOrderFieldDef {
  name: string;
  type: WorkOrderFieldType;
  required: boolean;
  label: { en: string; 'zh-CN': string };
}

/** A type's service level: hours from creation to 受理 accepted and to 反馈 feedback (resolved). */
export interface WorkOrderSla {
  acceptHours: number;
  resolveHours: number;
}

export interface WorkOrderTypeDef {
  type: WorkOrderType;
  name: { en: string; 'zh-CN': string };
  fields: readonly WorkOrderFieldDef[];
  sla: WorkOrderSla;
}

const field = (name: string, type: WorkOrderFieldType, required: boolean, en: string, zh: string): WorkOrderFieldDef => ({ name, type, required, label: { en, 'zh-CN': zh } });
const contactPhone = field('contactPhone', 'phone', true, 'Contact phone', '联系电话');
const msisdn = field('msisdn', 'phone', true, 'Number', '号码');

/**
 * The types, their fields and SLAs. Flows see these types and fields
 * (packages/flows WORK_ORDER_CATALOG, in the demo catalog and the server's
 * flow catalog alike). SLAs are elapsed hours: a fault is accepted within
 * 2 h and fixed within 24 h, a complaint within 1 h / 48 h, orders of the
 * business office slower.
 */
export const WORK_ORDER_TYPE_DEFS: readonly WorkOrderTypeDef[] = [
  {
    type: 'newInstall',
    name: { en: 'New install', 'zh-CN': '新装' },
    fields: [field('address', 'text', true, 'Address', '装机地址'), field('product', 'text', true, 'Product', '产品'), contactPhone, field('appointmentDate', 'date', false, 'Appointment', '预约日期')],
    sla: { acceptHours: 4, resolveHours: 72 },
  },
  {
    type: 'productChange',
    name: { en: 'Product change', 'zh-CN': '变更' },
    fields: [msisdn, field('currentPlan', 'text', false, 'Current plan', '原套餐'), field('newPlan', 'text', true, 'New plan', '新套餐'), field('effectiveOn', 'date', true, 'Effective on', '生效日期')],
    sla: { acceptHours: 4, resolveHours: 24 },
  },
  {
    type: 'scheduledCancel',
    name: { en: 'Scheduled cancel', 'zh-CN': '预约拆机' },
    fields: [msisdn, field('cancelOn', 'date', true, 'Cancel on', '拆机日期'), field('reason', 'text', false, 'Reason', '原因')],
    sla: { acceptHours: 8, resolveHours: 72 },
  },
  { type: 'cancel', name: { en: 'Cancel', 'zh-CN': '拆机' }, fields: [msisdn, field('reason', 'text', false, 'Reason', '原因')], sla: { acceptHours: 4, resolveHours: 48 } },
  {
    type: 'terminalRepair',
    name: { en: 'Terminal repair', 'zh-CN': '终端维修' },
    fields: [field('deviceModel', 'text', true, 'Device model', '终端型号'), field('fault', 'text', true, 'Fault', '故障描述'), contactPhone],
    sla: { acceptHours: 4, resolveHours: 120 },
  },
  {
    type: 'faultReport',
    name: { en: 'Fault report', 'zh-CN': '故障申告' },
    fields: [field('account', 'text', true, 'Broadband account', '宽带账号'), field('faultKind', 'text', true, 'Fault', '故障现象'), field('description', 'text', false, 'Description', '详细描述'), contactPhone, field('appointmentDate', 'date', false, 'Visit date', '上门日期')],
    sla: { acceptHours: 2, resolveHours: 24 },
  },
  {
    type: 'complaint',
    name: { en: 'Complaint', 'zh-CN': '投诉' },
    fields: [contactPhone, field('category', 'text', true, 'Category', '投诉类别'), field('description', 'text', true, 'Description', '投诉内容'), field('escalated', 'boolean', false, 'Escalated', '已升级')],
    sla: { acceptHours: 1, resolveHours: 48 },
  },
];

/** The definition of a type (every WorkOrderType has one). */
export function workOrderTypeDef(type: WorkOrderType): WorkOrderTypeDef {
  const def = WORK_ORDER_TYPE_DEFS.find((d) => d.type === type);
  if (!def) throw new Error(`no work-order type ${type}`);
  return def;
}

export type WorkOrderFieldValue = string | number | boolean;
export type WorkOrderFields = Record<string, WorkOrderFieldValue>;

/** A field refused, with a message in both languages. */
export interface WorkOrderFieldError {
  field: string;
  en: string;
  'zh-CN': string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Mainland mobiles and fixed lines, with +86/0086, spaces or dashes.
const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;

function checkValue(def: WorkOrderFieldDef, value: unknown): WorkOrderFieldValue | WorkOrderFieldError {
  const bad = (en: string, zh: string): WorkOrderFieldError => ({ field: def.name, en: `${def.label.en}: ${en}`, 'zh-CN': `${def.label['zh-CN']}：${zh}` });
  switch (def.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : bad('a number is expected', '应为数字');
    case 'boolean':
      return typeof value === 'boolean' ? value : bad('yes or no is expected', '应为是或否');
    case 'date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : bad('a date (YYYY-MM-DD) is expected', '应为日期（YYYY-MM-DD）');
    case 'phone':
      return typeof value === 'string' && PHONE.test(value.trim()) ? value.trim() : bad('not a phone number', '不是有效的电话号码');
    case 'text':
      if (typeof value !== 'string') return bad('text is expected', '应为文本');
      return value.length > 2000 ? bad('at most 2,000 characters', '最多 2000 个字符') : value.trim();
  }
}

/**
 * Checks fields against their type: required ones present and non-empty,
 * each of its declared kind, no unknown names. Empty optional values are
 * dropped, so the stored object holds only what was said.
 */
export function validateWorkOrderFields(type: WorkOrderType, raw: Readonly<Record<string, unknown>>): { fields: WorkOrderFields; errors: WorkOrderFieldError[] } {
  const def = workOrderTypeDef(type);
  const fields: WorkOrderFields = {};
  const errors: WorkOrderFieldError[] = [];
  for (const name of Object.keys(raw)) {
    if (!def.fields.some((f) => f.name === name)) errors.push({ field: name, en: `Unknown field "${name}" for ${def.name.en}`, 'zh-CN': `${def.name['zh-CN']}工单没有字段 "${name}"` });
  }
  for (const f of def.fields) {
    const value = raw[f.name];
    if (value === undefined || value === null || value === '') {
      if (f.required) errors.push({ field: f.name, en: `${f.label.en} is required`, 'zh-CN': `请填写${f.label['zh-CN']}` });
      continue;
    }
    const checked = checkValue(f, value);
    if (typeof checked === 'object') errors.push(checked);
    else if (checked !== '') fields[f.name] = checked;
    else if (f.required) errors.push({ field: f.name, en: `${f.label.en} is required`, 'zh-CN': `请填写${f.label['zh-CN']}` });
  }
  return { fields, errors };
}

/** Share of an SLA used before the sweep warns (预警). */
export const WORK_ORDER_WARN_SHARE = 0.8;

const HOUR_MS = 3_600_000;

/**
 * Due times of an order created at `createdAt`: accept and resolve from the
 * type's SLA. SLAs are elapsed hours, so they do not depend on a time zone
 * (a 2 h SLA over a DST change is still 2 h); only the number's date does
 * (workOrderDay).
 */
export function workOrderDueTimes(createdAt: Date, sla: WorkOrderSla): { acceptDueAt: Date; resolveDueAt: Date } {
  const t = createdAt.getTime();
  return { acceptDueAt: new Date(t + sla.acceptHours * HOUR_MS), resolveDueAt: new Date(t + sla.resolveHours * HOUR_MS) };
}

/** Where an open order stands against its SLA now. */
export type WorkOrderSlaStatus = 'ok' | 'warning' | 'overdue';

/**
 * The SLA of the phase the order is in: until 受理 the accept due time, then
 * the resolve due time (met once it reaches 反馈). Warning from 80 % of the
 * phase's window; final states and feedback are always ok.
 */
export function workOrderSlaStatus(o: { state: string; createdAt: Date; acceptDueAt: Date; resolveDueAt: Date }, now: Date): WorkOrderSlaStatus {
  if (!['requested', 'accepted', 'processing'].includes(o.state)) return 'ok';
  const due = (o.state === 'requested' ? o.acceptDueAt : o.resolveDueAt).getTime();
  const start = o.createdAt.getTime();
  if (now.getTime() >= due) return 'overdue';
  return now.getTime() >= start + (due - start) * WORK_ORDER_WARN_SHARE ? 'warning' : 'ok';
}

/** The operator's calendar day of an instant, as YYYYMMDD (the number's date part). */
export function workOrderDay(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

/** A readable number: WO-<operator's day>-<sequence of the day, 4 digits or more>. */
export const workOrderNumber = (day: string, seq: number): string => `WO-${day}-${String(seq).padStart(4, '0')}`;
