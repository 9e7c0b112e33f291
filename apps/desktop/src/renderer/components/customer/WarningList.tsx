import { useTranslation } from 'react-i18next';
import type { WarningLine } from './customerText.js';

/** The card's warnings (预警): serious ones first, each with a mark that is not colour alone. */
export function WarningList({ lines, headingId }: { lines: readonly WarningLine[]; headingId?: string }) {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  const sorted = [...lines].sort((a, b) => Number(b.serious) - Number(a.serious));
  return (
    <ul className="customer-card__warnings" aria-label={headingId ? undefined : t('customer.warnings')} aria-labelledby={headingId}>
      {sorted.map((w) => (
        <li key={`${w.kind}:${w.text}`} className={w.serious ? 'customer-warning customer-warning--serious' : 'customer-warning'} data-kind={w.kind}>
          <span className="customer-warning__mark" aria-hidden="true">
            {w.serious ? '!' : 'i'}
          </span>
          {w.text}
        </li>
      ))}
    </ul>
  );
}
