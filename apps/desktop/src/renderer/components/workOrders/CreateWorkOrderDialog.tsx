import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WORK_ORDER_TYPE_DEFS, workOrderTypeDef, type Interaction, type WorkOrderFieldDef, type WorkOrderType } from '@omnicc/shared';
import { Dialog } from '@omnicc/ui';
import { ApiError } from '../../network/http.js';
import { currentToken } from '../flows/flowsSession.js';
import { useLocale } from '../useLocale.js';
import { useWorkOrdersApi } from './workOrdersContext.js';
import { workOrderErrorText } from './workOrderErrors.js';
import { typeLabel } from './workOrderLabels.js';
import { WORK_ORDER_TEST_IDS } from './workOrderTestIds.js';

interface Props {
  interaction: Interaction;
  onClose: () => void;
  onCreated: (number: string) => void;
}

const INPUT_TYPE: Record<WorkOrderFieldDef['type'], string> = { text: 'text', number: 'number', date: 'date', phone: 'tel', boolean: 'checkbox' };

/** The customer's contact fields, prefilled from the conversation. */
function prefill(interaction: Interaction): Record<string, string> {
  const phone = interaction.customer.phone ?? '';
  return phone ? { contactPhone: phone, msisdn: phone } : {};
}

/** A field as the form sends it: numbers as numbers, checkboxes as booleans, empty ones left out. */
function valueOf(def: WorkOrderFieldDef, raw: string | boolean | undefined): string | number | boolean | undefined {
  if (def.type === 'boolean') return raw === true ? true : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  return def.type === 'number' ? Number(raw) : raw.trim();
}

/**
 * Creates a work order from the conversation: its type, that type's fields
 * (required ones marked), the customer and this interaction linked by the
 * server. Refused fields are shown under each field, in the agent's language.
 */
export function CreateWorkOrderDialog({ interaction, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const api = useWorkOrdersApi();
  const [type, setType] = useState<WorkOrderType>('faultReport');
  const [values, setValues] = useState<Record<string, string | boolean>>(() => prefill(interaction));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const def = workOrderTypeDef(type);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const fields: Record<string, string | number | boolean> = {};
    for (const f of def.fields) {
      const v = valueOf(f, values[f.name]);
      if (v !== undefined) fields[f.name] = v;
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    api.create(currentToken(), { type, fields, interactionId: interaction.id }).then(
      (created) => onCreated(created.number),
      (err: unknown) => {
        setBusy(false);
        const refused = err instanceof ApiError ? (err.details as { fields?: { field: string; en: string; 'zh-CN': string }[] } | undefined)?.fields : undefined;
        if (refused?.length) setFieldErrors(Object.fromEntries(refused.map((r) => [r.field, r[language]])));
        setError(t('workOrders.createFailed', { reason: refused?.length ? refused.map((r) => r[language]).join(language === 'zh-CN' ? '；' : '; ') : workOrderErrorText(t, err, language) }));
      },
    );
  };

  return (
    <Dialog title={t('workOrders.createTitle')} onClose={onClose} closeLabel={t('workOrders.cancel')} testId={WORK_ORDER_TEST_IDS.createDialog}>
      <form className="wo-create" onSubmit={submit} noValidate>
        <p>{t('workOrders.fromConversation', { name: interaction.customer.name })}</p>
        <label className="wo-create__field">
          <span>{t('workOrders.type')}</span>
          <select className="omni-input" value={type} onChange={(e) => setType(e.target.value as WorkOrderType)} data-testid={WORK_ORDER_TEST_IDS.createType}>
            {WORK_ORDER_TYPE_DEFS.map((d) => (
              <option key={d.type} value={d.type}>
                {typeLabel(d.type, language)}
              </option>
            ))}
          </select>
        </label>
        {def.fields.map((f) => {
          const id = `wo-create-${f.name}`;
          const problem = fieldErrors[f.name];
          const value = values[f.name];
          return (
            <div key={`${type}-${f.name}`} className="wo-create__field">
              <label htmlFor={id}>
                {f.label[language]}
                {f.required ? ` (${t('workOrders.required')})` : ''}
              </label>
              <input
                id={id}
                className="omni-input"
                type={INPUT_TYPE[f.type]}
                required={f.required}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${id}-error` : undefined}
                {...(f.type === 'boolean' ? { checked: value === true } : { value: typeof value === 'string' ? value : '' })}
                onChange={(e) => setValues((v) => ({ ...v, [f.name]: f.type === 'boolean' ? e.target.checked : e.target.value }))}
                data-testid={`${WORK_ORDER_TEST_IDS.fieldPrefix}${f.name}`}
              />
              {problem ? (
                <span id={`${id}-error`} className="wo-create__error">
                  {problem}
                </span>
              ) : null}
            </div>
          );
        })}
        {error ? (
          <p className="wo-create__error" role="alert" data-testid={WORK_ORDER_TEST_IDS.createError}>
            {error}
          </p>
        ) : null}
        <div className="wo-detail__buttons">
          <button type="submit" className="omni-button omni-button--primary" disabled={busy} data-testid={WORK_ORDER_TEST_IDS.createSubmit}>
            {t('workOrders.submit')}
          </button>
          <button type="button" className="omni-button" onClick={onClose}>
            {t('workOrders.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
