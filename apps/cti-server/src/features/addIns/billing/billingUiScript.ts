/**
 * The billing UI add-in's script, run in its sandboxed frame (no same
 * origin: no storage, no cookies, no requests of its own; CSP connect-src
 * 'none'). It asks the host for the context and the customer's number, then
 * for lookupAccount and recentBills through the host, and shows balance,
 * arrears and the last bills in the locale the host gives. Plain ES2020, no
 * build step: the server inlines it and pins it by hash in the page's CSP.
 */
export const BILLING_UI_SCRIPT = String.raw`(() => {
  'use strict';
  const P = 'omnicc.addIn/1';
  const TEXT = {
    'zh-CN': { title: '计费信息', balance: '余额', arrears: '欠费', overdue: '逾期账单', plan: '套餐', contract: '合约到期', bills: '最近账单', none: '无', noNumber: '没有可查询的号码', failed: '计费系统暂不可用', status: { open: '本月', due: '待缴', paid: '已缴', overdue: '逾期' }, yuan: '元' },
    en: { title: 'Billing', balance: 'Balance', arrears: 'Arrears', overdue: 'Overdue bills', plan: 'Plan', contract: 'Contract ends', bills: 'Recent bills', none: 'none', noNumber: 'No number to look up', failed: 'Billing is unavailable right now', status: { open: 'this month', due: 'due', paid: 'paid', overdue: 'overdue' }, yuan: 'CNY' },
  };
  let storage = 'readable';
  try { window.localStorage.getItem('omnicc.session'); window.sessionStorage.getItem('omnicc.session'); } catch (e) { storage = 'blocked'; }
  document.documentElement.dataset.storage = storage;
  let seq = 0;
  const pending = new Map();
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent) return;
    const m = event.data;
    if (!m || m.protocol !== P || m.kind !== 'response' || !pending.has(m.id)) return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) p.resolve(m.result); else p.reject(m.error);
  });
  const call = (method, params) => new Promise((resolve, reject) => {
    const id = 'r' + (++seq);
    pending.set(id, { resolve, reject });
    window.parent.postMessage(params === undefined ? { protocol: P, kind: 'request', id, method } : { protocol: P, kind: 'request', id, method, params }, '*');
    setTimeout(() => { if (pending.delete(id)) reject({ code: 'TIMEOUT', message: 'no answer' }); }, 5000);
  });
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  };
  const root = document.getElementById('root');
  const show = (...nodes) => { root.replaceChildren(...nodes); document.documentElement.dataset.state = 'ready'; };
  (async () => {
    let T = TEXT.en;
    try {
      const context = await call('getContext');
      T = TEXT[context.locale] || TEXT.en;
      document.documentElement.lang = context.locale;
      const contacts = await call('getCustomerContacts');
      const msisdn = contacts.phones[0];
      if (!msisdn) return show(el('h2', {}, T.title), el('p', { class: 'muted' }, T.noNumber));
      const [account, bills] = await Promise.allSettled([
        call('callOperation', { operation: 'lookupAccount', input: { msisdn } }),
        call('callOperation', { operation: 'recentBills', input: { msisdn, limit: 3 } }),
      ]);
      if (account.status !== 'fulfilled') return show(el('h2', {}, T.title), el('p', { class: 'error', 'data-error': account.reason && account.reason.addInError || 'FAILED' }, T.failed));
      const a = account.value.output;
      const money = (n) => n.toFixed(2) + ' ' + T.yuan;
      const rows = el('dl', {},
        el('dt', {}, T.balance), el('dd', { 'data-field': 'balance' }, money(a.balance)),
        el('dt', {}, T.arrears), el('dd', { 'data-field': 'arrears', class: a.arrears > 0 ? 'alert' : '' }, a.arrears > 0 ? money(a.arrears) : T.none),
        el('dt', {}, T.overdue), el('dd', {}, String(a.overdueBills)),
        el('dt', {}, T.plan), el('dd', {}, a.planName),
        el('dt', {}, T.contract), el('dd', {}, a.contractEndsOn || T.none));
      const list = el('ul', { 'data-field': 'bills' });
      if (bills.status === 'fulfilled' && bills.value.details) {
        for (const b of bills.value.details.bills) list.append(el('li', {}, b.period + ' · ' + money(b.amount) + ' · ' + (T.status[b.status] || b.status)));
      } else list.append(el('li', { class: 'muted' }, T.failed));
      show(el('h2', {}, T.title), rows, el('h3', {}, T.bills), list);
    } catch (e) {
      show(el('h2', {}, T.title), el('p', { class: 'error', 'data-error': e && e.code || 'FAILED' }, T.failed));
    }
  })();
})();`;

/** The page's style, inlined and pinned by hash like the script. */
export const BILLING_UI_STYLE = `body{font:13px/1.45 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:8px;color:#1f2328;background:#fff}
h2{font-size:14px;margin:0 0 6px}h3{font-size:13px;margin:10px 0 4px}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:0}dt{color:#57606a}dd{margin:0;font-variant-numeric:tabular-nums}
.alert{color:#b42318;font-weight:600}.error{color:#b42318}.muted{color:#57606a}ul{margin:0;padding-left:16px}`;
