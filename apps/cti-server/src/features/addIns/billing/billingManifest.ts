import type { AddInField, AddInManifest } from '@omnicc/shared';
import { addInManifestSchema } from '@omnicc/shared';

const field = (name: string, type: AddInField['type'], required: boolean, en: string, zh: string): AddInField => ({ name, type, required, label: { en, 'zh-CN': zh } });
const msisdn = field('msisdn', 'phone', true, 'Number', '号码');

/**
 * The reference billing add-in (docs/add-ins.md §6): the customer card's
 * balance, arrears and last bills, and the flow node "billing lookup". Its
 * `lookupAccount` keeps the flows demo catalog's fields (the example flow
 * plan-change maps balance, arrears, planName and contractEndsOn) and adds
 * a few. The connector reaches the BSS (apps/bss-sim in the demo) at the
 * configured base URL with the add-in's own key.
 */
export const BILLING_MANIFEST: AddInManifest = addInManifestSchema.parse({
  id: 'billing',
  version: '1.0.0',
  name: { en: 'Billing (BSS)', 'zh-CN': '计费系统' },
  capabilities: ['customer.contact.read', 'billing.read'],
  slots: [
    { slot: 'customerCardSidebar', entry: '/add-ins/billing/ui/index.html', capabilities: ['customer.contact.read', 'billing.read'] },
    { slot: 'flowAddInCall', capabilities: ['billing.read'] },
  ],
  connector: {
    timeoutMs: 800,
    cacheTtlMs: 30_000,
    operations: [
      {
        name: 'lookupAccount',
        capabilities: ['billing.read'],
        inputs: [msisdn],
        outputs: [
          field('balance', 'number', true, 'Balance (yuan)', '余额（元）'),
          field('arrears', 'number', true, 'Arrears (yuan)', '欠费（元）'),
          field('planName', 'text', true, 'Current plan', '当前套餐'),
          field('contractEndsOn', 'date', false, 'Contract ends on', '合约到期日'),
          field('overdueBills', 'number', true, 'Overdue bills', '逾期账单数'),
          field('amountDue', 'number', true, 'Amount due (yuan)', '应缴（元）'),
          field('status', 'text', true, 'Line status', '号码状态'),
        ],
      },
      {
        name: 'recentBills',
        capabilities: ['billing.read'],
        inputs: [msisdn, field('limit', 'number', false, 'How many', '条数')],
        outputs: [
          field('count', 'number', true, 'Bills', '账单数'),
          field('lastPeriod', 'text', false, 'Last bill period', '最近账期'),
          field('lastAmount', 'number', false, 'Last bill amount (yuan)', '最近账单金额（元）'),
          field('lastStatus', 'text', false, 'Last bill status', '最近账单状态'),
        ],
      },
    ],
  },
});
