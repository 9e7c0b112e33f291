import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerKind, CustomerSummary } from '@omnicc/shared';
import type { UnknownContact as Contact } from '../../stores/customerStore.js';
import { TEST_IDS } from '../../testIds.js';
import { reasonText } from '../errorText.js';
import { TierBadge } from './TierBadge.js';
import { useCustomerCardClient } from './useCustomerCardClient.js';

/** Wait this long after the last key before searching. */
const SEARCH_DELAY_MS = 250;

/** "Create customer": one click opens the form prefilled from the contact, the second saves it. */
function CreateForm({ interactionId, contact, onCancel }: { interactionId: string; contact: Contact; onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useCustomerCardClient();
  const ids = { name: useId(), phone: useId(), email: useId(), kind: useId(), region: useId() };
  const [name, setName] = useState(contact.name);
  const [phone, setPhone] = useState(contact.phone ?? '');
  const [email, setEmail] = useState(contact.email ?? '');
  const [kind, setKind] = useState<CustomerKind>('individual');
  const [region, setRegion] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (saving || !name.trim()) return;
    setSaving(true);
    setError(null);
    void client.create(interactionId, { name: name.trim(), kind, region: region.trim(), phone: phone.trim(), email: email.trim() }).then((r) => {
      setSaving(false);
      if (!r.ok) setError(r.code);
    });
  };

  return (
    <form className="customer-form" onSubmit={submit} data-testid={TEST_IDS.customerCreateForm}>
      <label htmlFor={ids.name}>{t('customer.name')}</label>
      <input ref={first} id={ids.name} className="omni-input" value={name} required maxLength={80} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={ids.phone}>{t('customer.phone')}</label>
      <input id={ids.phone} className="omni-input" value={phone} inputMode="tel" maxLength={40} onChange={(e) => setPhone(e.target.value)} />
      <label htmlFor={ids.email}>{t('customer.email')}</label>
      <input id={ids.email} className="omni-input" type="email" value={email} maxLength={254} onChange={(e) => setEmail(e.target.value)} />
      <label htmlFor={ids.kind}>{t('customer.kind')}</label>
      <select id={ids.kind} className="omni-input" value={kind} onChange={(e) => setKind(e.target.value as CustomerKind)}>
        <option value="individual">{t('customer.individual')}</option>
        <option value="enterprise">{t('customer.enterprise')}</option>
      </select>
      <label htmlFor={ids.region}>{t('customer.region')}</label>
      <input id={ids.region} className="omni-input" value={region} maxLength={40} onChange={(e) => setRegion(e.target.value)} />
      {error ? (
        <p className="customer-card__error" role="alert">
          {t('customer.saveFailed', { reason: reasonText(t, error) })}
        </p>
      ) : null}
      <div className="customer-form__actions">
        <button type="submit" className="omni-button omni-button--primary omni-button--small" disabled={saving} data-testid={TEST_IDS.customerSave}>
          {saving ? t('customer.saving') : t('customer.save')}
        </button>
        <button type="button" className="omni-button omni-button--small" onClick={onCancel}>
          {t('customer.cancel')}
        </button>
      </div>
    </form>
  );
}

/** "Link to existing": search by name, phone or email; a result's Link button links the contact to it. */
function LinkSearch({ interactionId, onCancel }: { interactionId: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useCustomerCardClient();
  const inputId = useId();
  const resultsId = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<CustomerSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [linking, setLinking] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      client.search(q).then(
        (items) => live && (setResults(items), setError(null)),
        (err: unknown) => live && setError((err as { code?: string }).code ?? 'NETWORK'),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, query]);

  const link = (customerId: string): void => {
    setLinking(customerId);
    void client.link(interactionId, customerId).then((r) => {
      setLinking(null);
      if (!r.ok) setError(r.code);
    });
  };

  return (
    <div className="customer-form" data-testid={TEST_IDS.customerLinkForm}>
      <label htmlFor={inputId}>{t('customer.searchLabel')}</label>
      <input ref={input} id={inputId} className="omni-input" type="search" value={query} maxLength={80} aria-controls={resultsId} onChange={(e) => setQuery(e.target.value)} />
      {error ? (
        <p className="customer-card__error" role="alert">
          {t('customer.saveFailed', { reason: reasonText(t, error) })}
        </p>
      ) : null}
      <div id={resultsId} role="status" className="customer-form__results">
        {results?.length === 0 ? <p className="customer-card__empty">{t('customer.noMatches')}</p> : null}
        {results && results.length > 0 ? (
          <ul className="customer-card__list" aria-label={t('customer.matches')}>
            {results.map((c) => (
              <li key={c.id} className="customer-match">
                <span className="customer-match__who">
                  <span className="customer-card__strong">{c.name}</span> <TierBadge tier={c.tier} />
                  <span className="customer-card__muted customer-card__block">{c.contactPoints.map((p) => p.value).join(' · ')}</span>
                </span>
                <button type="button" className="omni-button omni-button--small" disabled={linking !== null} onClick={() => link(c.id)} aria-label={t('customer.linkTo', { name: c.name })}>
                  {t('customer.link')}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="customer-form__actions">
        <button type="button" className="omni-button omni-button--small" onClick={onCancel}>
          {t('customer.cancel')}
        </button>
      </div>
    </div>
  );
}

/** An unknown contact (未识别客户): who wrote or called, and create or link in two clicks. */
export function UnknownContact({ interactionId, contact }: { interactionId: string; contact: Contact }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'choose' | 'create' | 'link'>('choose');
  const back = (): void => setMode('choose');
  return (
    <div className="customer-unknown" data-testid={TEST_IDS.customerUnknown}>
      <p className="customer-card__identity">
        <span className="customer-card__name">{contact.name}</span>
        <span className="customer-card__muted customer-card__block">{[contact.phone, contact.email].filter(Boolean).join(' · ')}</span>
        <span className="customer-card__block">{t('customer.unknown')}</span>
      </p>
      {mode === 'choose' ? (
        <div className="customer-form__actions">
          <button type="button" className="omni-button omni-button--primary omni-button--small" onClick={() => setMode('create')} data-testid={TEST_IDS.customerCreate}>
            {t('customer.create')}
          </button>
          <button type="button" className="omni-button omni-button--small" onClick={() => setMode('link')} data-testid={TEST_IDS.customerLinkOpen}>
            {t('customer.linkExisting')}
          </button>
        </div>
      ) : null}
      {mode === 'create' ? <CreateForm interactionId={interactionId} contact={contact} onCancel={back} /> : null}
      {mode === 'link' ? <LinkSearch interactionId={interactionId} onCancel={back} /> : null}
    </div>
  );
}
